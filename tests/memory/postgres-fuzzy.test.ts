import { describe, expect, it } from 'vitest';
import { PostgresMemoryStore } from '../../src/memory/index.js';
import { fuzzyPlan } from '../../src/memory/postgres/pg-fuzzy.js';
import { freshDatabase } from '../helpers/postgres.js';
import { nlaf } from './contract.js';

describe('PostgreSQL fuzzy candidates', () => {
  it('fuzzy plan: the length band and the rarest words a match must hold one of', () => {
    // "Ajax 3-1 PSV": 5 tokens; at 75 a match has 4–6 tokens and at most one edit, so it holds one of any two words.
    expect(fuzzyPlan('Ajax 3-1 PSV', 75)).toEqual({ words: ['ajax', '3', '1', 'psv'], tokens: 5, band: [4, 6], required: 2 });
    // Long queries read at most three words whatever they cost; the budget decides the rest.
    expect(fuzzyPlan('De ploeg van de trainer won de wedstrijd in de finale van ronde 12.', 75).required).toBe(3);
  });

  it('fuzzy: a headline is found when the query word it lacks is the rarest and its other words are common', async () => {
    const store = new PostgresMemoryStore(await freshDatabase('tolk_fuzzy'));
    try {
      // Every word of these is in more than the 5,000 postings the budget allows beyond the required words.
      await store.write(Array.from({ length: 5_100 }, (_, i) => nlaf(`De ploeg wint ronde ${i} van de competitie na een lange avond.`, `t${i}`)));
      await store.write([nlaf('Niemand verliest graag een finale in de regen.', 'x'), nlaf('Ploeg wint de competitie', 'Span wen die kompetisie')]);
      // "verliest" is the query's rarest word, and the one the headline lacks.
      const matches = await store.fuzzy('Ploeg verliest de competitie', { sourceLanguage: 'nl', targetLanguage: 'af' });
      expect(matches.map((m) => [m.source, m.score])).toEqual([['Ploeg wint de competitie', 75]]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
