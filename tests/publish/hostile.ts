import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localeFile } from './helpers.js';

/**
 * What a translator, a memory file or an engine could put into a localized
 * article: raw HTML with scripts and event handlers, `javascript:` URLs in
 * every place Markdown has one (an entity-hidden one too), and markup in
 * front-matter values.
 */
export const hostileBody = `# <script>alert('kop')</script>GOUD VOOR KAZACHSTAN

<script>alert(1)</script>

DE GEWICHTHEFFERS <img src=x onerror="alert(2)"> WONNEN [KLIK](javascript:alert(3)) EN ![FOTO](javascript:alert(4)) <javascript:alert(5)> [REF][r] <a href="javascript:alert(6)" onclick="alert(7)">X</a> [TAB](java&#x09;script:alert(16)) <svg onload=alert(17)>

<iframe src="javascript:alert(8)"></iframe>

<div onmouseover="alert(18)" style="background:url(javascript:alert(19))">DIV</div>

[r]: JAVASCRIPT:alert(9)
`;

/** Replaces a genuine localized article's body and title with hostile ones, keeping its `tolk:` record (so it passes the gate). */
export function makeHostile(root: string, lang: string, slug: string): void {
  const file = join(root, 'articles', lang, `${slug}.md`);
  const text = readFileSync(file, 'utf8');
  const end = text.indexOf('\n---\n', 4) + 5;
  const front = text
    .slice(0, end)
    .replace(/^title: .*$/m, 'title: "</title><script>alert(10)</script>"')
    .replace(/^description: .*$/m, `description: '"><img src=x onerror=alert(11)>'`)
    .replace(/^ {2}photographer: .*$/m, '  photographer: "<script>alert(12)</script>"');
  writeFileSync(file, `${front}\n${hostileBody}`);
}

/** UI strings with markup in them: i18next output goes into text nodes, so it must show as text. */
export function hostileStrings(lang: string): string {
  const strings = JSON.parse(localeFile(lang));
  strings.photoCredit = '<img src=x onerror=alert(13)> {{name}} op {{site}}';
  strings.nav.home = '<script>alert(14)</script>';
  return JSON.stringify(strings, null, 2);
}

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const DANGEROUS_TAGS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'base', 'form']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'srcset', 'style']);

const decode = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/**
 * What would let hostile input act on the page: executable or embedding
 * elements, event-handler attributes and script URLs. The page is read tag
 * by tag the way a browser tokenizes the serializer's output (quoted
 * attribute values are consumed whole, text holds no raw `<`), so markup
 * shown as text or sitting inside an attribute value does not count.
 */
export function activeContent(html: string): string[] {
  const found: string[] = [];
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    TAG.lastIndex = at;
    const tag = TAG.exec(html);
    if (!tag) continue;
    const name = tag[1]!.toLowerCase();
    if (DANGEROUS_TAGS.has(name)) found.push(tag[0]);
    for (const [, attribute, ...values] of tag[2]!.matchAll(ATTRIBUTE)) {
      const key = attribute!.toLowerCase();
      const value = decode(values.find((v) => v !== undefined) ?? '').replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (key.startsWith('on') || (URL_ATTRIBUTES.has(key) && /(?:java|vb)script:|data:text\/html/.test(value))) found.push(tag[0]);
    }
    at = TAG.lastIndex - 1;
  }
  return found;
}
