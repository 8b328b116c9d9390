import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import { loadProject } from '../../src/config/index.js';
import { SqliteMemoryStore } from '../../src/memory/index.js';
import { translateStrings } from '../../src/pipeline/index.js';
import { createLocalQueue } from '../../src/queue/index.js';
import { fromTagged, toTagged } from '../../src/strings/i18next-markup.js';
import { makeProject } from '../helpers/project.js';
import { scriptedEngine } from '../helpers/scripted-engine.js';

/** A fake Russian engine that knows the words the test uses. */
const russian = (text: string) =>
  text
    .replace(/(\d+) minuut leestijd/, (_, n) => `${n} минута чтения`)
    .replace(/(\d+) minuten leestijd/, (_, n) => (/^[234]$/.test(n) ? `${n} минуты чтения` : `${n} минут чтения`))
    .replace('Foto door', 'Фото:')
    .replace(' op ', ', ')
    .replace('Gouden medaille', 'Золотая медаль')
    .replace('Lees <', 'Читать <');

const source = {
  photoCredit: 'Foto door {{name}} op {{site}}',
  readingTime_one: '{{count}} minuut leestijd',
  readingTime_other: '{{count}} minuten leestijd',
  medals: { gold: 'Gouden medaille' },
  more: 'Lees <0>meer</0> $t(medals.gold)',
};

async function fill(target: Record<string, unknown>) {
  const root = makeProject({
    'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['ru'], articleLanguages: ['ru'] }),
    'locales/nl/common.json': JSON.stringify(source),
    'locales/ru/common.json': JSON.stringify(target),
  });
  const project = await loadProject({ root });
  const store = new SqliteMemoryStore(':memory:');
  const engine = scriptedEngine('fake-ru', (request) => request.segments.map((s) => ({ text: russian(s) })));
  const summary = await translateStrings({
    project,
    store,
    languages: ['ru'],
    engines: new Map([['ru', engine]]),
    queue: createLocalQueue({ engines: [engine], limits: () => ({ concurrency: 1 }), retry: { retries: 0, minDelayMs: 1, maxDelayMs: 1 } }),
  });
  const written = JSON.parse(readFileSync(join(root, 'locales/ru/common.json'), 'utf8'));
  return { summary, written, engine, store, project };
}

describe('translate --strings', () => {
  it('strings: each plural form is translated with a count of its category, then {{count}} is put back', async () => {
    const { written, engine } = await fill({});
    expect(written.readingTime_one).toBe('{{count}} минута чтения');
    expect(written.readingTime_few).toBe('{{count}} минуты чтения');
    expect(written.readingTime_many).toBe('{{count}} минут чтения');
    // Sample counts: the smallest whole number (2 or more where possible) of each category.
    expect(engine.received).toEqual(expect.arrayContaining(['21 minuut leestijd', '2 minuten leestijd', '5 minuten leestijd']));
    // Russian `other` is reached only by fractions: no whole number stands for it, so {{count}} travels as a placeholder
    // (this fake engine knows no words around a placeholder and returns the text as it came).
    expect(engine.received).toContain('<1/> minuten leestijd');
    expect(written.readingTime_other).toBe('{{count}} minuten leestijd');
  });

  it('strings: interpolations, nesting and Trans tags travel as placeholders and come back exactly', async () => {
    const { written, engine } = await fill({});
    expect(engine.received).toContain('Foto door <1/> op <2/>');
    expect(engine.received).toContain('Lees <1>meer</1> <2/>');
    expect(written.photoCredit).toBe('Фото: {{name}}, {{site}}');
    expect(written.more).toBe('Читать <0>meer</0> $t(medals.gold)');
    expect(written.medals.gold).toBe('Золотая медаль');
  });

  it('strings: existing values are never overwritten; filled keys are machine translations in the memory', async () => {
    const { written, summary, store } = await fill({ photoCredit: 'Фото: {{name}} ({{site}})', medals: { silver: 'Серебро' } });
    expect(written.photoCredit).toBe('Фото: {{name}} ({{site}})');
    expect(written.medals.silver).toBe('Серебро');
    expect(summary.filled.map((f) => f.key)).not.toContain('photoCredit');
    const stats = await store.stats();
    expect(stats.pairs[0]!.byStatus).toEqual({ machine: summary.filled.length });
  });

  it('strings: after filling, tolk check finds nothing missing (fill and check count the same keys)', async () => {
    const { project } = await fill({});
    const result = await runCheck({ project });
    expect(result.findings.filter((f) => f.rule === 'missing')).toEqual([]);
  });

  it('strings: markup round trip', () => {
    for (const value of ['Foto door {{name}} op {{site}}', 'Lees <0>meer</0> en <1/>', '$t(a.b, {"count": 2}) x', 'Q&A <b>vet</b> <br/>', 'open <0>zonder sluiten']) {
      const tagged = toTagged(value);
      expect(fromTagged(tagged.tagged, tagged.markup)).toBe(value);
    }
  });
});
