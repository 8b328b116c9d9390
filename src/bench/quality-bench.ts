import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node as MdNode, Parent } from 'mdast';
import { loadProject } from '../config/index.js';
import { createEngine, type Engine } from '../engines/index.js';
import { stripMarks } from '../engines/apertium-format.js';
import { loadGlossaries } from '../glossary/index.js';
import { parseMarkdown } from '../markdown/index.js';
import { SqliteMemoryStore } from '../memory/index.js';
import { translateArticles } from '../pipeline/index.js';
import { createLocalQueue } from '../queue/index.js';
import { checkQa, numberUnits, type QaSettings } from '../qa/index.js';
import { pseudoLocalize } from '../engines/pseudo.js';
import { writeArticleCorpus } from './articles.js';
import { corpusChrf } from './chrf.js';
import { ntrexDocuments, ntrexLines, NTREX_LANGUAGES, type NtrexCode, type NtrexDocument } from './ntrex.js';
import { figure, median, round, skipped, type Figure } from './report.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const NUMBERS_ONLY: QaSettings = { rules: { 'engine-mark': 'off', untranslated: 'off', capitalization: 'off', punctuation: 'off', length: 'off' } };
const REFERENCES: NtrexCode[] = ['afr', 'eng', 'spa', 'rus', 'deu', 'fra'];

/** A sentence as Markdown text: every character Markdown could read as syntax is escaped. */
export function escapeSentence(sentence: string): string {
  return sentence
    .replace(/[\\`*_[\]<>|~&#]/g, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([+\-=])/, '\\$1');
}

/** One document as an article: the headline as its heading, each sentence a paragraph; with `subject`, front matter declaring it. */
export function documentArticle(lines: readonly string[], subject?: string): string {
  const head = subject ? `---\nsubject: ${subject}\n---\n\n` : '';
  return `${head}# ${escapeSentence(lines[0]!)}\n\n${lines.slice(1).map(escapeSentence).join('\n\n')}\n`;
}

/** The article subjects of the glossary's subject fields as this repository's own config sets them (`glossary.subjects`). */
function glossarySubjects(): Record<string, string[]> {
  return (JSON.parse(readFileSync(join(repoRoot, 'tolk.config.json'), 'utf8')) as { glossary: { subjects: Record<string, string[]> } }).glossary.subjects;
}

/** The text of each heading and paragraph of a Markdown text, escapes resolved: what a reader sees. */
export function blockTexts(markdown: string): string[] {
  const text = (node: MdNode): string =>
    'value' in node && typeof node.value === 'string' ? node.value : 'children' in node ? (node as Parent).children.map(text).join('') : '';
  return (parseMarkdown(markdown).children as MdNode[]).filter((n) => n.type === 'heading' || n.type === 'paragraph').map((n) => text(n).replace(/\s+/g, ' ').trim());
}

/** Findings of the number rule on each human translation (the Dutch text against each other reference). */
function numberFindings(): Array<{ code: NtrexCode; line: number; message: string }> {
  const nld = ntrexLines('nld');
  const found: Array<{ code: NtrexCode; line: number; message: string }> = [];
  for (const code of REFERENCES) {
    ntrexLines(code).forEach((target, i) => {
      const f = checkQa(nld[i]!, target, { source: 'nl', target: NTREX_LANGUAGES[code] }, NUMBERS_ONLY);
      if (f.length) found.push({ code, line: i + 1, message: f[0]!.message });
    });
  }
  return found;
}

/** The 50 findings classified by hand (bench-data/ntrex/number-mismatch-sample.tsv): evenly spaced over all findings. */
export function sampleOf<T>(items: readonly T[], size = 50): T[] {
  const step = items.length / size;
  return Array.from({ length: Math.min(size, items.length) }, (_, k) => items[Math.floor(k * step)]!);
}

export function benchHumanReferences(log: (line: string) => void): Figure[] {
  const found = numberFindings();
  const figures: Figure[] = [];
  const pairs = ntrexLines('nld').length;
  for (const code of REFERENCES) {
    const n = found.filter((f) => f.code === code).length;
    const perThousand = (1000 * n) / pairs;
    log(`number-mismatch nld→${code}: ${n} of ${pairs} human pairs`);
    figures.push(figure({ name: `number-mismatch on human nld→${code}`, value: perThousand, unit: 'per 1,000 pairs', goal: '< 100 (a rule flagging 1 in 10 professional translations is broken)', pass: perThousand < 100 }));
  }
  // Hand labels: R (numbers changed, dropped or added), C (unit or clock converted: the numbers differ, the quantity not), F (same number written another way).
  const labels = new Map(
    readFileSync(join(repoRoot, 'bench-data/ntrex/number-mismatch-sample.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .map(([code, line, label]) => [`${code} ${line}`, label!]),
  );
  const sample = sampleOf(found);
  const labelled = sample.map((f) => labels.get(`${f.code} ${f.line}`));
  const missing = labelled.filter((l) => l === undefined).length;
  const real = labelled.filter((l) => l === 'R' || l === 'C').length;
  log(`hand-labelled sample: ${labelled.filter((l) => l === 'R').length} R, ${labelled.filter((l) => l === 'C').length} C, ${labelled.filter((l) => l === 'F').length} F, ${missing} unlabelled`);
  figures.push(
    figure({
      name: 'number-mismatch: real discrepancies in 50 sampled findings (hand-labelled)',
      value: (100 * real) / sample.length,
      unit: '%',
      goal: `≥ 90 %${missing ? ` (${missing} findings of the sample have no label: the rule changed, label them again)` : ''}`,
      pass: missing === 0 && real / sample.length >= 0.9,
    }),
  );
  return figures;
}

/** A deterministic stream of numbers for seeding errors. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function benchSeeded(log: (line: string) => void): Figure[] {
  const nld = ntrexLines('nld');
  const refs = REFERENCES.map((code) => ({ code, lines: ntrexLines(code) }));
  const rnd = random(2024);
  const fires = (source: string, target: string, code: NtrexCode) => checkQa(source, target, { source: 'nl', target: NTREX_LANGUAGES[code] }, NUMBERS_ONLY).length > 0;
  // 300 reference pairs with no finding as they are, taken in turn from each language, whose translation writes in
  // digits a number the source writes in digits too (a number the source spells out cannot go missing from it).
  const written = (source: string, target: string, code: NtrexCode) => {
    const inSource = new Set(numberUnits(source, 'nl').map((u) => u.parts.join('|')));
    return numberUnits(target, NTREX_LANGUAGES[code]).filter((u) => inSource.has(u.parts.join('|')));
  };
  const pairs: Array<{ code: NtrexCode; source: string; target: string }> = [];
  for (let i = 0; pairs.length < 300 && i < nld.length; i++) {
    for (const { code, lines } of refs) {
      const target = lines[i]!;
      if (pairs.length < 300 && written(nld[i]!, target, code).length && !fires(nld[i]!, target, code)) pairs.push({ code, source: nld[i]!, target });
    }
  }
  let changed = 0;
  let dropped = 0;
  const swaps: boolean[] = [];
  for (const { code, source, target } of pairs) {
    const units = numberUnits(target, NTREX_LANGUAGES[code]);
    const candidates = written(source, target, code);
    const unit = candidates[Math.floor(rnd() * candidates.length)]!;
    const digits = [...unit.text].flatMap((c, k) => (c >= '0' && c <= '9' ? [k] : []));
    const at = digits[Math.floor(rnd() * digits.length)]!;
    const digit = Number(unit.text[at]);
    const other = (digit + 1 + Math.floor(rnd() * 9)) % 10;
    const changedUnit = unit.text.slice(0, at) + String(other) + unit.text.slice(at + 1);
    if (fires(source, target.slice(0, unit.index) + changedUnit + target.slice(unit.index + unit.text.length), code)) changed++;
    if (fires(source, (target.slice(0, unit.index) + target.slice(unit.index + unit.text.length)).replace(/ {2,}/g, ' '), code)) dropped++;
    // A score or range turned round: only where the pair has one with two different numbers.
    const joined = units.find((u) => u.parts.length === 2 && u.parts[0] !== u.parts[1] && /^\d+\s?[-–:]\s?\d+$/.test(u.text));
    if (joined) {
      const [a, sep, b] = /^(\d+)(\s?[-–:]\s?)(\d+)$/.exec(joined.text)!.slice(1);
      swaps.push(fires(source, target.slice(0, joined.index) + `${b}${sep}${a}` + target.slice(joined.index + joined.text.length), code));
    }
  }
  const caught = swaps.filter(Boolean).length;
  log(`seeded errors in ${pairs.length} pairs: changed ${changed}, dropped ${dropped}, swapped ${caught} of ${swaps.length}`);
  return [
    figure({ name: `seeded: a digit changed (${pairs.length} reference pairs)`, value: (100 * changed) / pairs.length, unit: '% caught', goal: '≥ 99 %', pass: changed / pairs.length >= 0.99 }),
    figure({ name: `seeded: a number dropped (${pairs.length} reference pairs)`, value: (100 * dropped) / pairs.length, unit: '% caught', goal: '≥ 99 %', pass: dropped / pairs.length >= 0.99 }),
    figure({ name: `seeded: a score or range swapped (${swaps.length} of the pairs have one)`, value: swaps.length ? (100 * caught) / swaps.length : 0, unit: '% caught', goal: 'reported', pass: swaps.length > 0 && caught === swaps.length }),
  ];
}

/** Sentences of the documents in order, headline first, as the bench scores them. */
const sentencesOf = (docs: readonly NtrexDocument[], lines: readonly string[]) => docs.flatMap((d) => d.lines.map((l) => lines[l]!));

/**
 * `tolk translate` (in process: plan, memory, Apertium, sports glossary, reassembly) over the documents as articles.
 * The sports documents declare `subject: sports`; the others declare nothing and, with no default subject, get only
 * the glossary entries no subject claims (places, names): the repository's `glossary.subjects`.
 */
export async function throughTolk(docs: readonly NtrexDocument[], source: string[], from: string, to: string, engine: Engine): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'tolk-quality-'));
  try {
    mkdirSync(join(root, `articles/${from}`), { recursive: true });
    docs.forEach((d, i) => writeFileSync(join(root, `articles/${from}/${String(i).padStart(3, '0')}-${d.id}.md`), documentArticle(d.lines.map((l) => source[l]!), d.sports ? 'sports' : undefined)));
    const subjects = glossarySubjects();
    writeFileSync(join(root, 'tolk.config.json'), JSON.stringify({ sourceLanguage: from, targetLanguages: [to], glossaries: [join(repoRoot, 'glossaries/sports.tbx')], glossary: { subjects } }));
    const project = await loadProject({ root });
    const glossary = await loadGlossaries(repoRoot, ['glossaries/sports.tbx']);
    const store = new SqliteMemoryStore(join(root, 'tm.sqlite'));
    const queue = createLocalQueue({ engines: [engine], limits: () => ({ concurrency: 1 }), retry: { retries: 1, minDelayMs: 10, maxDelayMs: 10 } });
    const summary = await translateArticles({
      project, store, languages: [to], engines: new Map([[to, engine]]), queue, fuzzyThreshold: 75, glossary: { glossary, enforcement: 'warning', subjects },
    });
    await store.close();
    if (summary.failed.length) throw new Error(`tolk translate ${from}→${to}: ${summary.failed.length} segments failed`);
    return docs.flatMap((d, i) => {
      const blocks = blockTexts(readFileSync(join(root, `articles/${to}/${String(i).padStart(3, '0')}-${d.id}.md`), 'utf8'));
      if (blocks.length !== d.lines.length) throw new Error(`${d.id}: ${blocks.length} blocks for ${d.lines.length} sentences`);
      return blocks;
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Raw `apertium <pair>` in text mode over the same Markdown articles, its marks stripped. */
export function rawApertium(docs: readonly NtrexDocument[], source: string[], pair: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-raw-'));
  try {
    const input = join(dir, 'articles.md');
    const markdown = docs.map((d) => documentArticle(d.lines.map((l) => source[l]!))).join('\n');
    writeFileSync(input, markdown);
    const run = spawnSync('apertium', ['-u', '-f', 'txt', pair, input], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (run.status !== 0) throw new Error(`apertium ${pair}: ${run.stderr}`);
    const blocks = blockTexts(stripMarks(run.stdout, markdown).text);
    const expected = docs.reduce((n, d) => n + d.lines.length, 0);
    if (blocks.length !== expected) throw new Error(`raw apertium ${pair}: ${blocks.length} blocks for ${expected} sentences`);
    return blocks;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchChrf(log: (line: string) => void): Promise<Figure[]> {
  const has = spawnSync('apertium', ['-l'], { encoding: 'utf8' });
  if (has.status !== 0) return [skipped({ name: 'chrF nld→afr, tolk vs raw Apertium', unit: 'chrF', goal: 'tolk ≥ raw' }, 'apertium not installed')];
  const docs = ntrexDocuments();
  const figures: Figure[] = [];
  const engine = await createEngine('apertium');
  for (const [from, to, pair, src, ref] of [['nl', 'af', 'nld-afr', 'nld', 'afr'], ['en', 'es', 'eng-spa', 'eng', 'spa']] as const) {
    const source = ntrexLines(src);
    const reference = ntrexLines(ref);
    const tolk = await throughTolk(docs, source, from, to, engine);
    const raw = rawApertium(docs, source, pair);
    const references = sentencesOf(docs, reference);
    for (const [label, keep] of [['all 123 documents', () => true], ['20 sports documents', (d: NtrexDocument) => d.sports]] as const) {
      const picked = new Set(docs.filter(keep).flatMap((d) => d.lines));
      const order = docs.flatMap((d) => d.lines);
      const pick = (list: string[]) => list.filter((_, k) => picked.has(order[k]!));
      const t = corpusChrf(pick(tolk), pick(references));
      const r = corpusChrf(pick(raw), pick(references));
      log(`chrF ${src}→${ref}, ${label}: tolk ${t.toFixed(2)}, raw apertium ${r.toFixed(2)} (${picked.size} sentences)`);
      figures.push(figure({ name: `chrF ${src}→${ref} through tolk (Apertium, sports glossary), ${label}`, value: t, unit: 'chrF', baseline: { name: `raw apertium ${pair}`, value: round(r, 2), unit: 'chrF' }, goal: 'tolk ≥ raw', pass: t >= r }));
    }
  }
  await engine.close?.();
  return figures;
}

/** QA's share of a warm `--force` run of `articles` articles: runs with and without QA, interleaved. */
export async function benchQaCost(articles: number, runs: number, log: (line: string) => void): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'tolk-qa-cost-'));
  try {
    writeFileSync(join(root, 'tolk.config.json'), JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }));
    writeArticleCorpus(join(root, 'articles/nl'), articles);
    const project = await loadProject({ root });
    const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
    // Pseudo-localized text: every segment changed, numbers and tags kept, so the rules do all their work and find nothing.
    const engine: Engine = { name: 'pseudo', limits: { maxSegments: 500, maxCharacters: 1_000_000 }, translate: async (r) => r.segments.map((text) => ({ text: pseudoLocalize(text) })) };
    const run = async (qa: boolean, cold = false) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const summary = await translateArticles({
        project, store, languages: ['af'], engines: new Map([['af', engine]]),
        queue: createLocalQueue({ engines: [engine], limits: () => ({ concurrency: 4 }), retry: { retries: 1, minDelayMs: 10, maxDelayMs: 10 } }), fuzzyThreshold: 75, stateDir: join(root, '.tolk'), force: true,
        ...(qa ? { qa: { ...project.config.qa } } : {}),
      });
      if (!cold && summary.engineSegments !== 0) throw new Error(`warm run sent ${summary.engineSegments} segments`);
      if (qa && summary.qa.length) throw new Error(`QA found ${summary.qa.length} problems in pseudo-localized text`);
      const used = process.cpuUsage(cpu);
      return { seconds: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
    };
    await run(false, true); // cold: fills the memory
    const without: number[] = [];
    const withQa: number[] = [];
    const cpuWithout: number[] = [];
    const cpuWith: number[] = [];
    for (let r = 0; r < runs; r++) {
      const a = await run(false);
      const b = await run(true);
      without.push(a.seconds);
      withQa.push(b.seconds);
      cpuWithout.push(a.cpu);
      cpuWith.push(b.cpu);
    }
    await store.close();
    const a = median(without);
    const b = median(withQa);
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} s`;
    log(`warm run of ${articles} articles: without QA ${a.toFixed(2)} s (${range(without)}), with QA ${b.toFixed(2)} s (${range(withQa)})`);
    const ca = median(cpuWithout);
    const cb = median(cpuWith);
    log(`  CPU time of the process: without QA ${ca.toFixed(2)} s (${range(cpuWithout)}), with QA ${cb.toFixed(2)} s (${range(cpuWith)})`);
    return [figure({
      name: `QA cost in CPU time of a warm --force run of ${articles} articles (median of ${runs}; without ${range(cpuWithout)}, with ${range(cpuWith)})`,
      value: cb,
      unit: 's CPU',
      baseline: { name: 'the same run without QA', value: round(ca, 3), unit: 's CPU' },
      goal: '≤ 1.10× (≤ 10 % added)',
      pass: cb <= 1.1 * ca,
    }), figure({
      name: `QA cost in wall time of a warm --force run of ${articles} articles (median of ${runs}; without ${range(without)}, with ${range(withQa)})`,
      value: b,
      unit: 's',
      baseline: { name: 'the same run without QA', value: round(a, 3), unit: 's' },
      goal: '≤ 1.10× (≤ 10 % added)',
      pass: b <= 1.1 * a,
    })];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchQuality(options: { articles: number; runs: number; log: (line: string) => void }): Promise<Figure[]> {
  return [
    ...benchHumanReferences(options.log),
    ...benchSeeded(options.log),
    ...(await benchChrf(options.log)),
    ...(await benchQaCost(options.articles, options.runs, options.log)),
  ];
}
