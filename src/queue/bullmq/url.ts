/** A Redis URL as it may appear in a message: no password. */
export const redactRedisUrl = (url: string): string => url.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1');
