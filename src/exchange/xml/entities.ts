/** The five entities XML itself defines. Without a DTD (and tolk never reads one) nothing else exists. */
const PREDEFINED: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }),
);

/**
 * The entity table handed to saxes. saxes reports an undefined entity without
 * its name; looking up through this proxy records the name so the error can
 * say `&foo;` instead of leaving the user to hunt for it.
 */
export function predefinedEntities(onUndefined: (name: string) => void): Record<string, string> {
  return new Proxy(PREDEFINED, {
    get(target, name) {
      if (typeof name === 'string' && !Object.hasOwn(target, name)) onUndefined(name);
      return Reflect.get(target, name) as unknown;
    },
  });
}
