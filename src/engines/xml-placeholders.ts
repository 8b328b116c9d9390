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

/** Inverse of `toXmlPlaceholders`; `</g>` closes the innermost open `<g>`; `<x id></x>` is a void tag too. */
export function fromXmlPlaceholders(xml: string): string {
  const open: string[] = [];
  return xml.replace(/<g id="(\d+)">|<\/g>|<x id="(\d+)"\s*\/>(?:<\/x>)?|<x id="(\d+)"><\/x>/g, (whole, g?: string, x1?: string, x2?: string) => {
    if (g) {
      open.push(g);
      return `<${g}>`;
    }
    if (whole === '</g>') return open.length ? `</${open.pop()}>` : '';
    return `<${x1 ?? x2}/>`;
  });
}
