import { describe, it, expect } from 'vitest';
import * as commonmark from 'commonmark';
import spec from 'commonmark-spec';
import { InputError } from '../../src/core/errors.js';
import { reassemble, segmentArticle } from '../../src/markdown/index.js';

/**
 * Every example of the CommonMark spec, segmented and put back with identity
 * translations, must render to the same HTML under the reference renderer.
 * The segmenter parses with GFM, so tables, strikethrough, autolink literals
 * and footnotes may be read differently: that is fine as long as the output
 * renders like the input under plain CommonMark.
 */
interface Example {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

const examples = (spec as { tests: Example[] }).tests;

/** Inputs tolk refuses on purpose, with why. They must throw an InputError in both modes. */
const REJECTED_INPUTS: Record<number, string> = {
  96: '`---\\nFoo\\n---` at the top is YAML front matter to tolk (as to static site generators), and its content is a scalar, not a mapping: an InputError, rather than a guess that it is a rule and a heading',
};

/** Examples that cannot round-trip in regenerate mode, with why. Fixing one means deleting its row. */
const KNOWN_DIFFERENCES: Record<number, string> = {};

const parser = new commonmark.Parser();
const renderer = new commonmark.HtmlRenderer();
const html = (markdown: string) => renderer.render(parser.parse(markdown));

interface Outcome {
  number: number;
  section: string;
  markdown: string;
  output: string;
  diagnostics: string[];
  sameHtml: boolean;
}

/** Segments an example and reassembles it with every segment "translated" into its own source. */
function roundTrip(example: Example, regenerate: boolean): Outcome | 'rejected' {
  let article;
  try {
    article = segmentArticle(example.markdown, { sourceLanguage: 'en', file: `example-${example.number}.md` });
  } catch (error) {
    if (error instanceof InputError) return 'rejected';
    throw error;
  }
  const sources = new Map(article.segments.map((s) => [s.id, s.source]));
  const result = reassemble(article, { lookup: (id) => sources.get(id), regenerate });
  return {
    number: example.number,
    section: example.section,
    markdown: example.markdown,
    output: result.text,
    diagnostics: result.diagnostics.map((d) => `${d.rule}: ${d.message}`),
    sameHtml: html(result.text) === html(example.markdown),
  };
}

const passes = (o: Outcome | 'rejected') => o !== 'rejected' && o.sameHtml && o.diagnostics.length === 0;

const defaultMode = examples.map((e) => roundTrip(e, false));
const regenerateMode = examples.map((e) => roundTrip(e, true));
const count = (outcomes: Array<Outcome | 'rejected'>) => outcomes.filter(passes).length;
console.log(
  `CommonMark round trip: default ${count(defaultMode)}/${examples.length}, regenerate ${count(regenerateMode)}/${examples.length}` +
    ` (rejected by design: ${Object.keys(REJECTED_INPUTS).map((n) => `#${n}`).join(', ')})`,
);

/** Failing outcomes in a shape that shows what went wrong in the assertion diff. */
const failures = (outcomes: Array<Outcome | 'rejected'>, expectedToFail: Record<number, string>) =>
  outcomes
    .map((o, i) => ({ o, number: examples[i]!.number }))
    .filter(({ o, number }) => !passes(o) && !(number in REJECTED_INPUTS) && !(number in expectedToFail))
    .map(({ o, number }) => (o === 'rejected' ? { number, rejected: true } : o));

describe('CommonMark round trip', () => {
  it('round trip: the spec has its 652 examples', () => {
    expect(examples.length).toBe(652);
  });

  it('round trip: default mode keeps every example byte for byte', () => {
    const changed = defaultMode.filter((o) => o !== 'rejected' && o.output !== o.markdown);
    expect(changed).toEqual([]);
    expect(failures(defaultMode, {})).toEqual([]);
  });

  it('round trip: regenerate mode renders exactly the examples not listed as known differences identically, without diagnostics', () => {
    expect(failures(regenerateMode, KNOWN_DIFFERENCES)).toEqual([]);
    const listed = Object.keys(KNOWN_DIFFERENCES).map(Number);
    const stillFailing = listed.filter((n) => !passes(regenerateMode[n - 1]!));
    expect(stillFailing, 'a known difference now passes: delete its row').toEqual(listed);
  });

  it('round trip: inputs rejected by design throw an InputError in both modes', () => {
    for (const number of Object.keys(REJECTED_INPUTS).map(Number)) {
      expect(defaultMode[number - 1]).toBe('rejected');
      expect(regenerateMode[number - 1]).toBe('rejected');
    }
    const rejected = examples.filter((_, i) => defaultMode[i] === 'rejected').map((e) => e.number);
    expect(rejected).toEqual(Object.keys(REJECTED_INPUTS).map(Number));
  });
});
