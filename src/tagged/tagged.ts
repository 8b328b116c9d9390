/**
 * Tagged strings: what engines, memories and translators see of a segment.
 * Plain text with `&`, `<`, `>` escaped as XML entities, and numbered
 * placeholder tags standing for inline markup: `<1>…</1>` (paired, e.g. a link)
 * and `<2/>` (void, e.g. inline code). XML-style escaping keeps tags
 * unambiguous and lets HTML/XML-aware engines pass them through untouched.
 */
export type Token =
  | { type: 'text'; value: string }
  | { type: 'open'; id: number }
  | { type: 'close'; id: number }
  | { type: 'void'; id: number };

const TAG = /<(\/?)(\d+)(\/?)>/g;

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function unescapeText(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Splits a tagged string into tokens; text tokens are unescaped. Adjacent text merges. */
export function tokenize(tagged: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const pushText = (raw: string) => {
    if (!raw) return;
    const value = unescapeText(raw);
    const prev = tokens[tokens.length - 1];
    if (prev?.type === 'text') prev.value += value;
    else tokens.push({ type: 'text', value });
  };
  for (const match of tagged.matchAll(TAG)) {
    pushText(tagged.slice(last, match.index));
    last = match.index + match[0].length;
    const id = Number(match[2]);
    if (match[1] && match[3]) pushText(match[0]); // `</1/>` is not a tag
    else tokens.push({ type: match[1] ? 'close' : match[3] ? 'void' : 'open', id });
  }
  pushText(tagged.slice(last));
  return tokens;
}

export function serialize(tokens: readonly Token[]): string {
  return tokens
    .map((t) =>
      t.type === 'text' ? escapeText(t.value) : t.type === 'open' ? `<${t.id}>` : t.type === 'close' ? `</${t.id}>` : `<${t.id}/>`,
    )
    .join('');
}

/** Plain text of a tagged string (tags dropped), for fuzzy matching, glossary checks and length counts. */
export function plainText(tagged: string): string {
  return tokenize(tagged)
    .map((t) => (t.type === 'text' ? t.value : ''))
    .join('');
}

export type TagShape = Map<number, 'paired' | 'void'>;

/** The tag ids a tagged string uses and whether each is paired or void. */
export function tagShape(tagged: string): TagShape {
  const shape: TagShape = new Map();
  for (const t of tokenize(tagged)) if (t.type !== 'text') shape.set(t.id, t.type === 'void' ? 'void' : 'paired');
  return shape;
}

/**
 * Checks a translation's tags against the source's: every tag exactly once,
 * paired tags opened before closed and properly nested, nothing unknown.
 * Returns a reason, or undefined when the tags are intact. Order may change:
 * translators legitimately move a link within a sentence.
 */
export function checkTags(sourceShape: TagShape, translation: string): string | undefined {
  const seenOpen = new Set<number>();
  const seenClose = new Set<number>();
  const seenVoid = new Set<number>();
  const stack: number[] = [];
  for (const t of tokenize(translation)) {
    if (t.type === 'text') continue;
    const expected = sourceShape.get(t.id);
    if (!expected) return `unknown tag ${describe(t)}`;
    if (t.type === 'void') {
      if (expected !== 'void') return `tag <${t.id}> must be paired, found <${t.id}/>`;
      if (seenVoid.has(t.id)) return `duplicated tag <${t.id}/>`;
      seenVoid.add(t.id);
      continue;
    }
    if (expected !== 'paired') return `tag <${t.id}/> must be void, found ${describe(t)}`;
    if (t.type === 'open') {
      if (seenOpen.has(t.id)) return `duplicated tag <${t.id}>`;
      seenOpen.add(t.id);
      stack.push(t.id);
    } else {
      if (seenClose.has(t.id)) return `duplicated tag </${t.id}>`;
      seenClose.add(t.id);
      const top = stack.pop();
      if (top !== t.id) return top === undefined ? `</${t.id}> closes a tag that is not open` : `</${t.id}> closes inside <${top}>`;
    }
  }
  if (stack.length) return `unclosed tag <${stack[stack.length - 1]}>`;
  for (const [id, kind] of sourceShape) {
    if (kind === 'void' ? !seenVoid.has(id) : !seenOpen.has(id)) return `missing tag ${kind === 'void' ? `<${id}/>` : `<${id}>`}`;
  }
  return undefined;
}

function describe(t: Token): string {
  return t.type === 'open' ? `<${(t as { id: number }).id}>` : t.type === 'close' ? `</${t.id}>` : t.type === 'void' ? `<${t.id}/>` : '';
}
