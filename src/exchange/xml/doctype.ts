/** A `<!DOCTYPE …>` declaration, taken apart only far enough to judge it. */
export interface Doctype {
  root: string;
  publicId?: string;
  systemId?: string;
  /** `[ … ]` present: the place where entities (billion laughs, XXE) are declared. */
  internalSubset: boolean;
}

const QUOTED = String.raw`("[^"]*"|'[^']*')`;
const DOCTYPE = new RegExp(
  String.raw`^\s*([^\s[>]+)(?:\s+(?:SYSTEM\s*${QUOTED}|PUBLIC\s*${QUOTED}\s*${QUOTED}))?\s*(\[[\s\S]*\])?\s*$`,
);

/** Parses what saxes reports after `<!DOCTYPE`; undefined when it is not a declaration we understand. */
export function parseDoctype(text: string): Doctype | undefined {
  const match = DOCTYPE.exec(text);
  if (!match) return undefined;
  const [, root, system, publicId, publicSystem, subset] = match;
  const doctype: Doctype = { root: root!, internalSubset: subset !== undefined };
  if (publicId !== undefined) doctype.publicId = unquote(publicId);
  const systemId = system ?? publicSystem;
  if (systemId !== undefined) doctype.systemId = unquote(systemId);
  return doctype;
}

/** Short form for error messages; the internal subset can be megabytes, so it shows as `[…]`. */
export function describeDoctype(text: string): string {
  const doctype = parseDoctype(text);
  if (!doctype) return `<!DOCTYPE ${text.trim().split(/[\s[]/)[0] ?? ''} …>`;
  const ids =
    doctype.publicId !== undefined
      ? ` PUBLIC "${doctype.publicId}" "${doctype.systemId ?? ''}"`
      : doctype.systemId !== undefined
        ? ` SYSTEM "${doctype.systemId}"`
        : '';
  return `<!DOCTYPE ${doctype.root}${ids}${doctype.internalSubset ? ' [...]' : ''}>`;
}

const unquote = (quoted: string) => quoted.slice(1, -1);
