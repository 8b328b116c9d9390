/**
 * The `MemoryStore` contract: every behaviour callers rely on, run unchanged
 * against each store (SQLite, PostgreSQL). A store that cannot do something
 * optional says so in its `supports` manifest; nothing here skips itself.
 */
import { describe, expect, it } from 'vitest';
import { segmentId } from '../../src/tagged/index.js';
import { fuzzyScore, type MemoryEntry, type MemoryStore, type MemoryWrite } from '../../src/memory/index.js';

export interface StoreSupports {
  /** Handles opened separately on one memory see each other's writes (a file or a server, not `:memory:`). */
  sharedHandles: boolean;
}

export interface StoreFactory {
  supports: StoreSupports;
  /** A fresh, empty memory; the function it returns opens a new handle on that memory each time. */
  create(): Promise<() => MemoryStore>;
}

export const nlaf = (source: string, target: string, extra: Partial<MemoryWrite> = {}): MemoryWrite => ({
  sourceLanguage: 'nl',
  targetLanguage: 'af',
  source,
  target,
  origin: 'engine:apertium',
  status: 'machine',
  ...extra,
});

const idOf = (source: string) => segmentId('nl', source);

async function all(store: MemoryStore, filter?: { targetLanguage?: string; sourceLanguage?: string }): Promise<MemoryEntry[]> {
  const list: MemoryEntry[] = [];
  for await (const entry of store.entries(filter)) list.push(entry);
  return list;
}

export function describeMemoryStore(name: string, factory: StoreFactory): void {
  describe(`MemoryStore contract: ${name}`, () => {
    /** A fresh memory and one handle on it, closed after the test. */
    async function withStore(test: (store: MemoryStore, open: () => MemoryStore) => Promise<void>): Promise<void> {
      const open = await factory.create();
      const store = open();
      try {
        await test(store, open);
      } finally {
        await store.close();
      }
    }

    it('contract: an empty memory answers every read empty', () =>
      withStore(async (store) => {
        expect((await store.lookup([idOf('Niets')], 'af')).size).toBe(0);
        expect(await store.lookupText('Niets', 'nl', 'af')).toBeUndefined();
        expect((await store.lookupTexts(['Niets', 'Nog niets'], 'nl', 'af')).size).toBe(0);
        expect(await store.fuzzy('Niets hier', { sourceLanguage: 'nl', targetLanguage: 'af' })).toEqual([]);
        expect(await all(store)).toEqual([]);
        expect(await store.stats()).toEqual({ units: 0, pairs: [] });
      }));

    it('contract: exact hit by segment id, per target language, with what was stored', () =>
      withStore(async (store) => {
        const result = await store.write([nlaf('Het land won goud.', 'Die land het goud gewen.', { article: 'nl/a.md', violations: ['goud → goud'] })]);
        expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 0, skipped: [] });
        const id = idOf('Het land won goud.');
        const hit = (await store.lookup([id], 'af')).get(id)!;
        expect(hit).toMatchObject({
          segmentId: id,
          sourceLanguage: 'nl',
          targetLanguage: 'af',
          source: 'Het land won goud.',
          target: 'Die land het goud gewen.',
          origin: 'engine:apertium',
          status: 'machine',
          violations: ['goud → goud'],
        });
        expect(hit.previousTarget).toBeUndefined();
        expect(Number.isNaN(Date.parse(hit.createdAt))).toBe(false);
        expect((await store.lookup([id], 'de')).size).toBe(0);
      }));

    it('contract: batched lookup by id finds the stored ones among many, keyed by the id asked', () =>
      withStore(async (store) => {
        const writes: MemoryWrite[] = [];
        for (let i = 0; i < 1200; i++) writes.push(nlaf(`Zin nummer ${i}`, `Sin nommer ${i}`));
        await store.write(writes);
        const asked = [...Array.from({ length: 1200 }, (_, i) => idOf(`Zin nummer ${i}`)), ...Array.from({ length: 300 }, (_, i) => idOf(`Onbekend ${i}`))];
        const found = await store.lookup(asked, 'af');
        expect(found.size).toBe(1200);
        expect(found.get(idOf('Zin nummer 777'))?.target).toBe('Sin nommer 777');
        expect(found.has(idOf('Onbekend 1'))).toBe(false);
      }));

    it('contract: one entry per target language for the same source', () =>
      withStore(async (store) => {
        await store.write([nlaf('Goud', 'Goud'), nlaf('Goud', 'Gold', { targetLanguage: 'en' })]);
        const stats = await store.stats();
        expect(stats.units).toBe(2);
        expect(stats.pairs.map((p) => p.targetLanguage).sort()).toEqual(['af', 'en']);
        expect((await store.lookup([idOf('Goud')], 'en')).get(idOf('Goud'))?.target).toBe('Gold');
      }));

    it('contract: exact match by text when only the tag numbering differs, target renumbered', () =>
      withStore(async (store) => {
        await store.write([nlaf('De <3>renners</3> wonnen<4/>', 'Die <3>fietsryers</3> het gewen<4/>')]);
        const hit = await store.lookupText('De <1>renners</1> wonnen<2/>', 'nl', 'af');
        expect(hit?.target).toBe('Die <1>fietsryers</1> het gewen<2/>');
        expect(hit?.source).toBe('De <1>renners</1> wonnen<2/>');
        expect(await store.lookupText('De <1>renners</1> wonnen<2/>', 'nl', 'en')).toBeUndefined();
        expect(await store.lookupText('De <1>renners</1> verloren<2/>', 'nl', 'af')).toBeUndefined();
      }));

    it('contract: lookupTexts answers many sources at once, keyed by the source given, renumbered each', () =>
      withStore(async (store) => {
        await store.write([
          nlaf('De <3>renners</3> wonnen<4/>', 'Die <3>fietsryers</3> het gewen<4/>'),
          nlaf('Een <7>sprint</7>', 'n <7>Naelloop</7>'),
          nlaf('Zonder tags', 'Sonder etikette'),
        ]);
        const asked = ['De <1>renners</1> wonnen<2/>', 'Een <2>sprint</2>', 'Zonder tags', 'Onbekend', 'Een <2>sprint</2>'];
        const found = await store.lookupTexts(asked, 'nl', 'af');
        expect([...found.keys()].sort()).toEqual(['De <1>renners</1> wonnen<2/>', 'Een <2>sprint</2>', 'Zonder tags']);
        expect(found.get('De <1>renners</1> wonnen<2/>')?.target).toBe('Die <1>fietsryers</1> het gewen<2/>');
        expect(found.get('Een <2>sprint</2>')?.target).toBe('n <2>Naelloop</2>');
        expect(found.get('Zonder tags')?.target).toBe('Sonder etikette');
        // The same answers as one lookupText each.
        for (const source of found.keys()) expect(found.get(source)).toEqual(await store.lookupText(source, 'nl', 'af'));
        expect((await store.lookupTexts([], 'nl', 'af')).size).toBe(0);
      }));

    it('contract: among stored sources with the same text, the highest status answers a text lookup', () =>
      withStore(async (store) => {
        await store.write([
          nlaf('De <1>ploeg</1> won', 'Die <1>span</1> het gewen (masjien)'),
          nlaf('De <5>ploeg</5> won', 'Die <5>span</5> het gewen', { origin: 'human', status: 'reviewed' }),
          nlaf('De <9>ploeg</9> won', 'Die <9>span</9> wen', { origin: 'human', status: 'translated' }),
        ]);
        expect((await store.lookupText('De <2>ploeg</2> won', 'nl', 'af'))?.target).toBe('Die <2>span</2> het gewen');
        expect((await store.lookupTexts(['De <2>ploeg</2> won'], 'nl', 'af')).get('De <2>ploeg</2> won')?.status).toBe('reviewed');
      }));

    it('contract: a machine translation never overwrites a human or reviewed one', () =>
      withStore(async (store) => {
        await store.write([nlaf('Zilver', 'Silwer', { origin: 'human', status: 'translated' })]);
        const result = await store.write([nlaf('Zilver', 'Silwerr')]);
        expect(result.inserted + result.updated + result.unchanged).toBe(0);
        expect(result.skipped).toEqual([{ segmentId: idOf('Zilver'), targetLanguage: 'af', reason: expect.stringMatching(/machine translation never overwrites a translated one \(human\)/) }]);
        expect((await store.lookup([idOf('Zilver')], 'af')).get(idOf('Zilver'))?.target).toBe('Silwer');
      }));

    it('contract: a machine translation may replace a machine one, keeping no history', () =>
      withStore(async (store) => {
        await store.write([nlaf('Koers', 'Koers (oud)')]);
        expect((await store.write([nlaf('Koers', 'Koers (nuut)', { origin: 'engine:deepl' })])).updated).toBe(1);
        const hit = (await store.lookup([idOf('Koers')], 'af')).get(idOf('Koers'))!;
        expect(hit).toMatchObject({ target: 'Koers (nuut)', origin: 'engine:deepl' });
        expect(hit.previousTarget).toBeUndefined();
      }));

    it('contract: a human replacing a machine translation keeps the previous target and origin', () =>
      withStore(async (store) => {
        await store.write([nlaf('Brons', 'Brons (masjien)')]);
        const result = await store.write([nlaf('Brons', 'Brons', { origin: 'human', status: 'reviewed' })]);
        expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 0, skipped: [] });
        expect((await store.lookup([idOf('Brons')], 'af')).get(idOf('Brons'))).toMatchObject({
          target: 'Brons',
          status: 'reviewed',
          origin: 'human',
          previousTarget: 'Brons (masjien)',
          previousOrigin: 'engine:apertium',
        });
        // A later human edit keeps that history: the machine text is what was replaced.
        await store.write([nlaf('Brons', 'Brons!', { origin: 'human', status: 'final' })]);
        expect((await store.lookup([idOf('Brons')], 'af')).get(idOf('Brons'))).toMatchObject({ target: 'Brons!', previousTarget: 'Brons (masjien)' });
      }));

    it('contract: no write lowers a status; the same text and status is unchanged', () =>
      withStore(async (store) => {
        await store.write([nlaf('Podium', 'Podium', { origin: 'human', status: 'final' })]);
        const lower = await store.write([nlaf('Podium', 'Verhoog', { origin: 'import:x.tmx', status: 'translated' })]);
        expect(lower.skipped).toHaveLength(1);
        expect(lower.skipped[0]!.reason).toMatch(/lower the status from final to translated/);
        const same = await store.write([nlaf('Podium', 'Podium', { origin: 'human', status: 'final' })]);
        expect(same).toEqual({ inserted: 0, updated: 0, unchanged: 1, skipped: [] });
        // Same text, higher status: an update, no history (nothing was replaced).
        await store.write([nlaf('Baan', 'Baan', { origin: 'human', status: 'translated' })]);
        expect((await store.write([nlaf('Baan', 'Baan', { origin: 'human', status: 'reviewed' })])).updated).toBe(1);
        const baan = (await store.lookup([idOf('Baan')], 'af')).get(idOf('Baan'))!;
        expect(baan.status).toBe('reviewed');
        expect(baan.previousTarget).toBeUndefined();
      }));

    it('contract: one batch writing a unit twice applies the writes in order', () =>
      withStore(async (store) => {
        const result = await store.write([
          nlaf('Wissel', 'Wissel (masjien)'),
          nlaf('Wissel', 'Wissel', { origin: 'human', status: 'translated' }),
          nlaf('Wissel', 'Wissel (weer masjien)'),
        ]);
        expect(result.inserted).toBe(1);
        expect(result.updated).toBe(1);
        expect(result.skipped).toHaveLength(1);
        expect((await store.lookup([idOf('Wissel')], 'af')).get(idOf('Wissel'))).toMatchObject({ target: 'Wissel', previousTarget: 'Wissel (masjien)' });
      }));

    it('contract: writeAll is all or nothing, and counts like write', async () => {
      await withStore(async (store) => {
        async function* failing() {
          yield nlaf('Een', 'Een');
          yield nlaf('Twee', 'Twee');
          throw new Error('bad file at line 9');
        }
        await expect(store.writeAll(failing())).rejects.toThrow(/line 9/);
        expect((await store.stats()).units).toBe(0);
        async function* many() {
          for (let i = 0; i < 2500; i++) yield nlaf(`Regel ${i}`, `Reël ${i}`, { status: 'translated', origin: 'import:a.tmx' });
          yield nlaf('Regel 3', 'Reël drie (masjien)');
        }
        const result = await store.writeAll(many());
        expect(result.inserted).toBe(2500);
        expect(result.skipped).toHaveLength(1);
        expect((await store.stats()).units).toBe(2500);
        // A failure after earlier batches were applied undoes them too.
        async function* lateFailure() {
          for (let i = 0; i < 2500; i++) yield nlaf(`Later ${i}`, `Later ${i}`);
          throw new Error('truncated at line 2501');
        }
        await expect(store.writeAll(lateFailure())).rejects.toThrow(/2501/);
        expect((await store.stats()).units).toBe(2500);
      });
    });

    it('contract: prepare (a hint, where a store has one) changes no read, and the writes after it store and count as without it', () =>
      withStore(async (store) => {
        await store.write([nlaf('Doelpunt', 'Doel', { origin: 'human', status: 'translated', article: 'nl/oud.md' })]);
        const before = { stats: await store.stats(), entries: await all(store) };
        const texts = ['Doelpunt', 'Strafschop in de laatste minuut van de wedstrijd', 'Een gele kaart voor de keeper van Ajax'];
        await store.prepare?.(texts.map((source) => ({ sourceLanguage: 'nl', source, segmentId: idOf(source) })));
        // No read answers differently before a translation is written.
        expect((await store.lookup(texts.map(idOf), 'af')).size).toBe(1);
        expect(await store.lookupText(texts[1]!, 'nl', 'af')).toBeUndefined();
        expect(await store.fuzzy('Strafschop in de laatste minuut van die wedstrijd', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 50 })).toEqual([]);
        expect(await all(store)).toEqual(before.entries);
        expect(await store.stats()).toEqual(before.stats);

        const writes = texts.map((source, i) =>
          nlaf(source, ['Doelpunt (masjien)', 'Strafskop in die laaste minuut van die wedstryd', "'n Geel kaart vir die doelwagter van Ajax"][i]!, {
            segmentId: idOf(source),
            article: i === 2 ? 'nl/ander.md' : 'nl/wedstrijd.md',
          }),
        );
        const result = await store.write(writes);
        expect(result).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
        expect(result.skipped).toEqual([{ segmentId: idOf('Doelpunt'), targetLanguage: 'af', reason: expect.stringMatching(/never overwrites/) }]);
        // Again: the refused one refused, the others unchanged.
        const again = await store.write(writes);
        expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
        expect(again.skipped.map((s) => s.segmentId)).toEqual([idOf('Doelpunt')]);
        expect((await store.write([{ ...writes[1]!, target: 'Strafskop in die heel laaste minuut' }])).updated).toBe(1);
        expect((await store.lookup([idOf(texts[1]!)], 'af')).get(idOf(texts[1]!))?.target).toBe('Strafskop in die heel laaste minuut');
        const listed = await all(store);
        expect(listed.map((e) => [e.source, e.articles])).toEqual(
          expect.arrayContaining([
            ['Doelpunt', ['nl/oud.md', 'nl/wedstrijd.md']],
            [texts[1], ['nl/wedstrijd.md']],
            [texts[2], ['nl/ander.md']],
          ]),
        );
        expect(listed).toHaveLength(3);
        const found = await store.fuzzy('Strafschop in de laatste minuut van die wedstrijd', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 50 });
        expect(found.map((m) => m.source)).toEqual([texts[1]]);
        expect((await store.stats()).units).toBe(3);
      }));

    it('contract: entries lists everything once in a stable order, with articles, history and violations', () =>
      withStore(async (store) => {
        const writes: MemoryWrite[] = [];
        for (let i = 0; i < 2500; i++) writes.push(nlaf(`Zin ${i}`, `Sin ${i}`), nlaf(`Zin ${i}`, `Sentence ${i}`, { targetLanguage: 'en' }));
        writes.push(nlaf('Zin 5', 'Sin vyf', { origin: 'human', status: 'reviewed', article: 'nl/b.md', violations: ['x'] }));
        writes.push(nlaf('Zin 5', 'Sin vyf', { origin: 'human', status: 'reviewed', article: 'nl/a.md', violations: ['x'] }));
        writes.push(nlaf('Zin 5', 'Sin vyf', { origin: 'human', status: 'reviewed', article: 'nl/a.md', violations: ['x'] }));
        await store.write(writes);
        const listed = await all(store);
        expect(listed).toHaveLength(5000);
        expect(new Set(listed.map((e) => `${e.segmentId} ${e.targetLanguage}`)).size).toBe(5000);
        expect((await all(store)).map((e) => `${e.segmentId} ${e.targetLanguage}`)).toEqual(listed.map((e) => `${e.segmentId} ${e.targetLanguage}`));
        const five = listed.find((e) => e.source === 'Zin 5' && e.targetLanguage === 'af')!;
        expect(five).toMatchObject({ target: 'Sin vyf', previousTarget: 'Sin 5', previousOrigin: 'engine:apertium', violations: ['x'], articles: ['nl/a.md', 'nl/b.md'] });
        expect(listed.find((e) => e.source === 'Zin 6')!.articles).toEqual([]);
        expect((await all(store, { targetLanguage: 'af' })).every((e) => e.targetLanguage === 'af')).toBe(true);
        expect(await all(store, { targetLanguage: 'af' })).toHaveLength(2500);
        expect(await all(store, { sourceLanguage: 'de' })).toHaveLength(0);
      }));

    it('contract: stats count units per pair by origin and status', () =>
      withStore(async (store) => {
        await store.write([nlaf('A', 'A'), nlaf('B', 'B', { origin: 'human', status: 'final' }), nlaf('A', 'A', { targetLanguage: 'en', origin: 'import:x.tmx', status: 'translated' })]);
        const stats = await store.stats();
        expect(stats.units).toBe(3);
        const af = stats.pairs.find((p) => p.targetLanguage === 'af')!;
        expect(af).toEqual({ sourceLanguage: 'nl', targetLanguage: 'af', units: 2, byOrigin: { 'engine:apertium': 1, human: 1 }, byStatus: { machine: 1, final: 1 } });
      }));

    it('contract: history carried by a copy is stored as given, and a re-run of it is a no-op', () =>
      withStore(async (store) => {
        const copied = nlaf('Trui', 'Trui', {
          origin: 'human',
          status: 'reviewed',
          previousTarget: 'Trui (masjien)',
          previousOrigin: 'engine:deepl',
          articles: ['nl/x.md', 'nl/y.md'],
          createdAt: '2025-01-02T03:04:05.000Z',
          updatedAt: '2025-02-03T04:05:06.000Z',
        });
        expect((await store.write([copied])).inserted).toBe(1);
        expect(await store.write([copied])).toEqual({ inserted: 0, updated: 0, unchanged: 1, skipped: [] });
        const [entry] = await all(store);
        expect(entry).toMatchObject({
          previousTarget: 'Trui (masjien)',
          previousOrigin: 'engine:deepl',
          articles: ['nl/x.md', 'nl/y.md'],
          createdAt: '2025-01-02T03:04:05.000Z',
          updatedAt: '2025-02-03T04:05:06.000Z',
        });
      }));

    it('contract: writeAll into a non-empty memory merges under the status rules, repeats in stream order, refusals in stream order', () =>
      withStore(async (store) => {
        await store.write([
          nlaf('Keeper', 'Doelwagter', { origin: 'human', status: 'final' }),
          nlaf('Scheidsrechter', 'Skeidsregter (masjien)'),
          nlaf('Gelijk', 'Gelyk', { origin: 'human', status: 'translated' }),
          nlaf('Hoekschop', 'Hoekskop', { origin: 'human', status: 'reviewed' }),
        ]);
        const stream = [
          nlaf('Keeper', 'Doelman (masjien)'),
          nlaf('Scheidsrechter', 'Skeidsregter', { origin: 'human', status: 'reviewed' }),
          nlaf('Gelijk', 'Gelyk', { origin: 'human', status: 'translated' }),
          nlaf('Hoekschop', 'Hoekskop (vertaal)', { origin: 'import:x.tmx', status: 'translated' }),
          nlaf('Nieuw', 'Nuut'),
          nlaf('Nieuw', 'Nuut (mens)', { origin: 'human', status: 'translated', article: 'nl/a.md' }),
          nlaf('Nieuw', 'Nuut weer (masjien)'),
          nlaf('Nieuw', 'Neu', { targetLanguage: 'de', articles: ['nl/b.md'] }),
          nlaf('De scheidsrechter floot af voor het einde van de wedstrijd', 'Die skeidsregter het voor die einde van die wedstryd gefluit'),
        ];
        const before = await all(store);
        // A stream that fails leaves the merged memory exactly as it was.
        async function* failing() {
          yield* stream;
          throw new Error('cut at line 77');
        }
        await expect(store.writeAll(failing())).rejects.toThrow(/line 77/);
        expect(await all(store)).toEqual(before);

        async function* writes() {
          yield* stream;
        }
        const result = await store.writeAll(writes());
        expect({ ...result, skipped: [] }).toEqual({ inserted: 3, updated: 2, unchanged: 1, skipped: [] });
        expect(result.skipped).toEqual([
          { segmentId: idOf('Keeper'), targetLanguage: 'af', reason: 'a machine translation never overwrites a final one (human)' },
          { segmentId: idOf('Hoekschop'), targetLanguage: 'af', reason: 'would lower the status from reviewed to translated' },
          { segmentId: idOf('Nieuw'), targetLanguage: 'af', reason: 'a machine translation never overwrites a translated one (human)' },
        ]);
        const found = await store.lookup(['Keeper', 'Scheidsrechter', 'Hoekschop', 'Nieuw'].map(idOf), 'af');
        expect(found.get(idOf('Keeper'))?.target).toBe('Doelwagter');
        expect(found.get(idOf('Scheidsrechter'))).toMatchObject({ target: 'Skeidsregter', previousTarget: 'Skeidsregter (masjien)' });
        expect(found.get(idOf('Hoekschop'))?.target).toBe('Hoekskop');
        expect(found.get(idOf('Nieuw'))).toMatchObject({ target: 'Nuut (mens)', status: 'translated', previousTarget: 'Nuut', previousOrigin: 'engine:apertium' });
        expect((await all(store)).find((e) => e.segmentId === idOf('Nieuw') && e.targetLanguage === 'de')?.articles).toEqual(['nl/a.md', 'nl/b.md']);
        // What a stream stored is found by fuzzy search too (its words indexed and counted).
        const [match] = await store.fuzzy('De scheidsrechter floot af voor het einde van het duel', { sourceLanguage: 'nl', targetLanguage: 'af' });
        expect(match?.segmentId).toBe(idOf('De scheidsrechter floot af voor het einde van de wedstrijd'));
        // The same stream again: nothing to do, the same refusals.
        const again = await store.writeAll(writes());
        expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
        expect(again.skipped).toHaveLength(4);
      }));

    it('contract: fuzzy gives the best matches above the threshold, best first, scored by the OmegaT score', () =>
      withStore(async (store) => {
        await store.write([
          nlaf('Het land won een gouden medaille in Parijs.', 'Die land het ’n goue medalje in Parys gewen.'),
          nlaf('Het land won een bronzen medaille in Parijs.', 'Die land het ’n bronsmedalje in Parys gewen.'),
          nlaf('Het land won een gouden medaille in Tokio.', 'Die land het ’n goue medalje in Tokio gewen.'),
          nlaf('Volkomen andere zin over zwemmen.', 'Heeltemal ander sin oor swem.'),
        ]);
        const query = 'Het land won een zilveren medaille in Parijs.';
        const matches = await store.fuzzy(query, { sourceLanguage: 'nl', targetLanguage: 'af' });
        expect(matches.map((m) => m.score)).toEqual([88, 88, 77]);
        for (const m of matches) expect(m.score).toBe(fuzzyScore(query, m.source));
        // Ties in score are ordered by segment id, so every store ranks alike.
        expect(matches[0]!.segmentId < matches[1]!.segmentId).toBe(true);
        expect(matches[2]!.source).toContain('Tokio');
        expect(matches[0]).toMatchObject({ origin: 'engine:apertium', status: 'machine' });
        expect(await store.fuzzy(query, { sourceLanguage: 'nl', targetLanguage: 'af', limit: 1 })).toHaveLength(1);
        expect(await store.fuzzy(query, { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 80 })).toHaveLength(2);
        expect(await store.fuzzy(query, { sourceLanguage: 'nl', targetLanguage: 'de' })).toEqual([]);
        expect(await store.fuzzy(query, { sourceLanguage: 'en', targetLanguage: 'af' })).toEqual([]);
      }));

    it('contract: fuzzy finds short headlines and scores among many sentences of common words', () =>
      withStore(async (store) => {
        const writes: MemoryWrite[] = [];
        for (let i = 0; i < 3000; i++) writes.push(nlaf(`De ploeg van de trainer won de wedstrijd in de finale van ronde ${i}.`, `t${i}`));
        writes.push(nlaf('Ajax 2-1 PSV', 'Ajax 2-1 PSV'), nlaf('Feyenoord 0-0 Ajax', 'Feyenoord 0-0 Ajax'));
        await store.write(writes);
        const matches = await store.fuzzy('Ajax 2-1 PSV', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 50 });
        expect(matches[0]).toMatchObject({ source: 'Ajax 2-1 PSV', score: 100 });
        const near = await store.fuzzy('Ajax 3-1 PSV', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 75 });
        expect(near.map((m) => m.source)).toEqual(['Ajax 2-1 PSV']);
        const long = await store.fuzzy('De ploeg van de trainer won de wedstrijd in de finale van ronde 1234!', { sourceLanguage: 'nl', targetLanguage: 'af' });
        expect(long[0]!.source).toBe('De ploeg van de trainer won de wedstrijd in de finale van ronde 1234.');
      }));

    it('contract: fuzzy finds a score line even when many earlier long sentences hold all of its words', () =>
      withStore(async (store) => {
        // Stored first, so no order of arrival favours the score line; each shares as many query words as it does.
        const writes = Array.from({ length: 60 }, (_, i) => nlaf(`Ajax won in ronde ${i} met 2-1 van PSV na een doelpunt in de laatste minuut.`, `t${i}`));
        await store.write(writes);
        await store.write([nlaf('Ajax 2-1 PSV', 'Ajax 2-1 PSV')]);
        const near = await store.fuzzy('Ajax 3-1 PSV', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 75 });
        expect(near.map((m) => [m.source, m.score])).toEqual([['Ajax 2-1 PSV', 80]]);
      }));

    if (factory.supports.sharedHandles) {
      it('contract (shared handles): two handles racing on the same units keep the human text over the machine one', async () => {
        const open = await factory.create();
        const [a, b] = [open(), open()];
        try {
          const sources = Array.from({ length: 200 }, (_, i) => `Wedstrijdverslag ${i}`);
          await a.write(sources.map((s) => nlaf(s, `m0 ${s}`)));
          await Promise.all([
            ...[0, 1, 2, 3].map((k) => (k % 2 ? a : b).write(sources.map((s) => nlaf(s, `m${k + 1} ${s}`)))),
            ...[0, 1].map((k) => (k % 2 ? a : b).write(sources.map((s) => nlaf(s, `human ${s}`, { origin: 'human', status: 'translated' })))),
          ]);
          const found = await b.lookup(sources.map((s) => idOf(s)), 'af');
          for (const s of sources) {
            const entry = found.get(idOf(s))!;
            expect(entry.target).toBe(`human ${s}`);
            expect(entry.previousTarget).toMatch(/^m\d /);
          }
        } finally {
          await a.close();
          await b.close();
        }
      });
    }
  });
}
