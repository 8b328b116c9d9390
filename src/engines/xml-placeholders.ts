/**
 * Our placeholder tags as XML elements engines know how to keep: `<1>` is not
 * a valid element name, so paired tags travel as `<g id="1">…</g>` and void
 * tags as `<x id="2"/>` (the XLIFF 1.2 convention). Apertium (HTML mode),
 * DeepL (`tag_handling=xml`) and LibreTranslate (`format=html`) pass them through.
 */
export function toXmlPlaceholders(tagged: string): string {
  return tagged.replace(/<(\/?)(\d+)(\/?)>/g, (_, close: string, id: string, slash: string) =>
    close ? '</g>' : slash ? `<x id="${id}"/>` : `<g id="${id}">`,
  );
}

/**
 * Inverse of `toXmlPlaceholders`. `</g>` closes the innermost open `<g>`, as
 * nesting guarantees. A void tag may come back as `<x id="2"/>`, `<x id="2"></x>`
 * (Apertium, HTML serializers) or even wrapping text (HTML parsers that do not
 * know `x` is empty): `</x>` is dropped, so all three read `<2/>`. Attributes
 * may use either quote.
 */
export function fromXmlPlaceholders(xml: string): string {
  const open: string[] = [];
  return xml.replace(/<g\s+id=(["'])(\d+)\1\s*>|<\/g\s*>|<x\s+id=(["'])(\d+)\3\s*\/?>|<\/x\s*>/g, (whole, _q1, g?: string, _q2?: string, x?: string) => {
    if (g) {
      open.push(g);
      return `<${g}>`;
    }
    if (x) return `<${x}/>`;
    // A stray `</g>` or any `</x>` is dropped; a lost tag is then `checkTags`' to report.
    if (whole.startsWith('</g')) return open.length ? `</${open.pop()}>` : '';
    return '';
  });
}
