import { Redis } from 'ioredis';
import { ConfigError } from '../../core/errors.js';
import { redactRedisUrl } from './url.js';

export { redactRedisUrl };

/** BullMQ's key prefix for tolk's queues (`tolk:<engine>:…` in Redis). */
export const DEFAULT_PREFIX = 'tolk';

/** Where the queues live and how finished jobs are kept; producers and workers must agree on both. */
export interface RemoteQueueSettings {
  /** `redis://host:port[/db]`; a password belongs in REDISCLI_AUTH-style env, not here. */
  url: string;
  /** @default "tolk" */
  prefix?: string;
}


/**
 * BullMQ connection options for a URL. Workers and event readers block on
 * Redis, so requests are never given up (`maxRetriesPerRequest: null`, as
 * BullMQ requires); a lost server is noticed by the callers' own checks.
 */
export const connectionFor = (url: string) => ({ url, maxRetriesPerRequest: null, enableReadyCheck: true });

/**
 * Answers when Redis at `url` answers a PING within `timeoutMs`; otherwise a
 * ConfigError naming the host and what to check (for the start of a worker or
 * a producer: exit 2, no stack).
 */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new ConfigError(
      `cannot reach the queue's Redis at ${redactRedisUrl(url)} (${(error as Error).message}): check that redis-server runs there and that queue.url ` +
        `(or TOLK_QUEUE_URL) names it`,
    );
  } finally {
    client.disconnect();
  }
}
