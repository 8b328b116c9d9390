/**
 * Characters XML 1.0 cannot carry at all, not even as character references:
 * C0 controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
 * Writers drop them; there is no way to keep them and stay well-formed.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: `&`, `<` and `>` (the last so `]]>` can never appear). */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double-quoted attribute value; whitespace other than spaces as references, since parsers normalize it away. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
