/**
 * Setting flat i18next keys (keySeparator ".") in a nested resource object.
 * Both return false when a string stands where an object is needed.
 */

/** Only where nothing is there yet: filling never overwrites a value. Also false when a value is in the way. */
export function setMissingKey(resource: Record<string, unknown>, key: string, value: string): boolean {
  return setKey(resource, key, value, { overwrite: false });
}

/** Sets the value, replacing what is there (a translator's work replaces a machine fill). */
export function setKey(resource: Record<string, unknown>, key: string, value: string, options: { overwrite: boolean } = { overwrite: true }): boolean {
  const parts = key.split('.');
  let node: Record<string, unknown> = resource;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    if (child === undefined) node[part] = {};
    else if (typeof child !== 'object' || child === null || Array.isArray(child)) return false;
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  const present = node[last];
  if (typeof present === 'object' && present !== null) return false;
  if (!options.overwrite && present !== undefined && present !== '' && present !== null) return false;
  node[last] = value;
  return true;
}
