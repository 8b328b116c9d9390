/** ISO 8601 → TMX's `YYYYMMDDThhmmssZ` (UTC); undefined for a date that does not parse. */
export function toTmxDate(iso: string): string | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return new Date(time)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}
