import { it } from 'vitest';
import spec from 'commonmark-spec';
import * as commonmark from 'commonmark';
import { segmentArticle, reassemble } from '../../src/markdown/index.js';
import { writeFileSync } from 'node:fs';

const parser = new commonmark.Parser();
const renderer = new commonmark.HtmlRenderer();
const html = (md: string) => renderer.render(parser.parse(md));

it('scratch', () => {
  const out: string[] = [];
  let d = 0, r = 0;
  const t0 = Date.now();
  for (const ex of spec.tests as Array<{ markdown: string; number: number; section: string }>) {
    const run = (regenerate: boolean) => {
      try {
        const article = segmentArticle(ex.markdown, { sourceLanguage: 'en' });
        const bySource = new Map(article.segments.map((s) => [s.id, s.source]));
        const res = reassemble(article, { lookup: (id) => bySource.get(id), regenerate });
        const ok = html(res.text) === html(ex.markdown) && res.diagnostics.length === 0;
        return { ok, res };
      } catch (e) {
        return { ok: false, res: { text: 'THROW ' + String(e), diagnostics: [] } };
      }
    };
    const a = run(false);
    if (a.ok) d++; else out.push(`DEFAULT ${ex.number} ${ex.section}\n${JSON.stringify(ex.markdown)}\n${JSON.stringify(a.res.text)}`);
    const b = run(true);
    if (b.ok) r++; else out.push(`REGEN ${ex.number} ${ex.section}\n${JSON.stringify(ex.markdown)}\n${JSON.stringify(b.res.text)}\n${JSON.stringify(b.res.diagnostics.map((x: any) => x.rule))}\nsrc:${html(ex.markdown)}\nout:${html(b.res.text)}`);
  }
  out.unshift(`default ${d} regen ${r} of ${spec.tests.length} in ${Date.now() - t0}ms`);
  writeFileSync('/tmp/cm.txt', out.join('\n\n'));
});
