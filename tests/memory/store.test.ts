import { describe, expect, it } from 'vitest';
import { fuzzyScore, SqliteMemoryStore, type MemoryWrite } from '../../src/memory/index.js';
import { lengthBand } from '../../src/memory/fuzzy-score.js';
import { nlaf } from './contract.js';
import { segmentId } from '../../src/tagged/index.js';


const open = () => new SqliteMemoryStore(':memory:');

describe('memory store', () => {
  it('memory: exact hit by segment id, per target language', async () => {
    const store = open();
    await store.write([nlaf('Het land won goud.', 'Die land het goud gewen.', { article: 'nl/a.md' })]);
    const id = segmentId('nl', 'Het land won goud.');
    const hit = (await store.lookup([id], 'af')).get(id);
    expect(hit).toMatchObject({ target: 'Die land het goud gewen.', origin: 'engine:apertium', status: 'machine' });
    const listed = [];
    for await (const entry of store.entries()) listed.push(entry);
    expect(listed[0]!.articles).toEqual(['nl/a.md']);
    expect((await store.lookup([id], 'de')).size).toBe(0);
    await store.close();
  });

  it('memory: one entry per target language for the same source', async () => {
    const store = open();
    await store.write([nlaf('Goud', 'Goud'), nlaf('Goud', 'Gold', { targetLanguage: 'en' })]);
    const stats = await store.stats();
    expect(stats.units).toBe(2);
    expect(stats.pairs.map((p) => p.targetLanguage).sort()).toEqual(['af', 'en']);
  });

  it('memory: exact match by text when only the tag numbering differs', async () => {
    const store = open();
    await store.write([nlaf('De <3>renners</3> wonnen<4/>', 'Die <3>fietsryers</3> het gewen<4/>')]);
    const hit = await store.lookupText('De <1>renners</1> wonnen<2/>', 'nl', 'af');
    expect(hit?.target).toBe('Die <1>fietsryers</1> het gewen<2/>');
  });

  it('memory: a machine translation never overwrites a human or reviewed one', async () => {
    const store = open();
    await store.write([nlaf('Zilver', 'Silwer', { origin: 'human', status: 'translated' })]);
    const result = await store.write([nlaf('Zilver', 'Silwerr')]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]!.reason).toMatch(/machine translation never overwrites/);
    const id = segmentId('nl', 'Zilver');
    expect((await store.lookup([id], 'af')).get(id)?.target).toBe('Silwer');
  });

  it('memory: a human replacing a machine translation keeps the previous target', async () => {
    const store = open();
    await store.write([nlaf('Brons', 'Brons (masjien)')]);
    const result = await store.write([nlaf('Brons', 'Brons', { origin: 'human', status: 'reviewed' })]);
    expect(result.updated).toBe(1);
    const id = segmentId('nl', 'Brons');
    expect((await store.lookup([id], 'af')).get(id)).toMatchObject({
      target: 'Brons',
      status: 'reviewed',
      previousTarget: 'Brons (masjien)',
      previousOrigin: 'engine:apertium',
    });
  });

  it('memory: no write lowers a status; same text and status is unchanged', async () => {
    const store = open();
    await store.write([nlaf('Podium', 'Podium', { origin: 'human', status: 'final' })]);
    const lower = await store.write([nlaf('Podium', 'Verhoog', { origin: 'import:x.tmx', status: 'translated' })]);
    expect(lower.skipped[0]!.reason).toMatch(/lower the status/);
    const same = await store.write([nlaf('Podium', 'Podium', { origin: 'human', status: 'final' })]);
    expect(same.unchanged).toBe(1);
  });

  it('memory: writeAll is all or nothing', async () => {
    const store = open();
    async function* failing() {
      yield nlaf('Een', 'Een');
      yield nlaf('Twee', 'Twee');
      throw new Error('bad file at line 9');
    }
    await expect(store.writeAll(failing())).rejects.toThrow(/line 9/);
    expect((await store.stats()).units).toBe(0);
  });

  it('memory: entries pages through everything in a stable order', async () => {
    const store = open();
    const writes: MemoryWrite[] = [];
    for (let i = 0; i < 2500; i++) writes.push(nlaf(`Zin ${i}`, `Sin ${i}`), nlaf(`Zin ${i}`, `Sentence ${i}`, { targetLanguage: 'en' }));
    await store.write(writes);
    let all = 0;
    for await (const _ of store.entries()) all++;
    let af = 0;
    for await (const e of store.entries({ targetLanguage: 'af' })) af += e.targetLanguage === 'af' ? 1 : 0;
    expect(all).toBe(5000);
    expect(af).toBe(2500);
  });
});

describe('fuzzy matching', () => {
  it('fuzzy: score is 100 * (maxLen - distance) / maxLen over tokens', () => {
    // 9 tokens each (8 words + full stop), one word changed: floor(100 * 8 / 9) = 88.
    expect(fuzzyScore('Het land won een gouden medaille in Parijs.', 'Het land won een zilveren medaille in Parijs.')).toBe(88);
    expect(fuzzyScore('a b c d', 'a b c d')).toBe(100);
    // Numbers and tags count as tokens.
    expect(fuzzyScore('Goud in 2024', 'Goud in 2028')).toBe(66);
    expect(fuzzyScore('De <1>ploeg</1> won', 'De ploeg won')).toBe(60);
  });

  it('fuzzy: the length band holds every length that can reach the threshold, and no other', () => {
    for (const threshold of [50, 60, 75, 80, 99, 100]) {
      for (let a = 1; a <= 40; a++) {
        const [min, max] = lengthBand(a, threshold);
        for (let b = 1; b <= 80; b++) {
          // The best score two texts of these lengths can have: the shorter one inside the longer.
          const best = fuzzyScore(Array.from({ length: a }, (_, i) => `w${i}`), Array.from({ length: b }, (_, i) => `w${i}`));
          expect(b >= min && b <= max, `${a} vs ${b} tokens at ${threshold}`).toBe(best >= threshold);
        }
      }
    }
    expect(lengthBand(5, 75)).toEqual([4, 6]);
    expect(lengthBand(4, 75)).toEqual([3, 5]);
  });

  it('fuzzy: top matches above the threshold, best first', async () => {
    const store = open();
    await store.write([
      nlaf('Het land won een gouden medaille in Parijs.', 'Die land het ’n goue medalje in Parys gewen.'),
      nlaf('Het land won een bronzen medaille in Parijs.', 'Die land het ’n bronsmedalje in Parys gewen.'),
      nlaf('Het land won een gouden medaille in Tokio.', 'Die land het ’n goue medalje in Tokio gewen.'),
      nlaf('Volkomen andere zin over zwemmen.', 'Heeltemal ander sin oor swem.'),
    ]);
    const matches = await store.fuzzy('Het land won een zilveren medaille in Parijs.', { sourceLanguage: 'nl', targetLanguage: 'af' });
    expect(matches.map((m) => m.score)).toEqual([88, 88, 77]);
    expect(matches.every((m) => m.score >= 75)).toBe(true);
    expect(matches.some((m) => m.source.includes('zwemmen'))).toBe(false);
    expect(await store.fuzzy('Het land won een zilveren medaille in Parijs.', { sourceLanguage: 'nl', targetLanguage: 'de' })).toEqual([]);
  });
});
