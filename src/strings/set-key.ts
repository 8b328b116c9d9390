/**
 * Sets a flat i18next key (keySeparator ".") in a nested resource object,
 * only where nothing is there yet: filling never overwrites a value. Returns
 * false when an existing value (or a string where an object is needed) is in
 * the way.
 */
export function setMissingKey(resource: Record<string, unknown>, key: string, value: string): boolean {
  const parts = key.split('.');
  let node: Record<string, unknown> = resource;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    if (child === undefined) node[part] = {};
    else if (typeof child !== 'object' || child === null || Array.isArray(child)) return false;
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (node[last] !== undefined && node[last] !== '' && node[last] !== null) return false;
  node[last] = value;
  return true;
}
