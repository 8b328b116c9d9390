import { describe, expect, it } from 'vitest';
import { checkTranslation, glossaryHints, matchers, protectTerms, restoreTerms, type Concept, type Glossary } from '../../src/glossary/index.js';

const concept = (id: string, terms: Concept['terms'], dnt = false): Concept => ({ id, file: 'test.tbx', dnt, terms });
const glossary: Glossary = {
  concepts: [
    concept('weightlifting', {
      nl: [{ text: 'gewichtheffen', status: 'preferred' }],
      af: [{ text: 'gewigoptel', status: 'preferred' }],
      en: [{ text: 'weightlifting', status: 'preferred' }, { text: 'weight lifting', status: 'deprecated' }],
    }),
    concept('team-pursuit', {
      nl: [{ text: 'ploegenachtervolging', status: 'preferred' }],
      en: [{ text: 'team pursuit', status: 'preferred' }, { text: 'team chase', status: 'deprecated' }],
      af: [{ text: 'spanagtervolging', status: 'preferred' }],
    }),
    concept('games', { nl: [{ text: 'Olympische Spelen', status: 'preferred' }], en: [{ text: 'Olympic Games', status: 'preferred' }], af: [{ text: 'Olimpiese Spele', status: 'preferred' }] }),
    concept('medal', { nl: [{ text: 'medaille', status: 'preferred' }], en: [{ text: 'medal', status: 'preferred' }], af: [{ text: 'medalje', status: 'preferred' }] }),
    concept('kyzaibay', { nl: [{ text: 'Nazym Kyzaibay', status: 'preferred' }], af: [{ text: 'Nazym Kyzaibay', status: 'preferred' }], ru: [{ text: 'Назым Кызайбай', status: 'preferred' }] }, true),
    concept('runner', { nl: [{ text: 'renner', status: 'preferred' }], en: [{ text: 'rider', status: 'preferred' }, { text: 'runner', status: 'deprecated' }] }),
    concept('mid-runner', { nl: [{ text: 'middenafstandloper', status: 'preferred' }], en: [{ text: 'middle-distance runner', status: 'preferred' }] }),
  ],
};
const terms = matchers(glossary);

describe('glossary matching', () => {
  it('match: stems find inflected forms, case-insensitively', () => {
    const found = terms('nl').find('Het Gewichtheffen en de medailles van de renners');
    expect(found.map((o) => [o.concept.id, o.text])).toEqual([
      ['weightlifting', 'Gewichtheffen'],
      ['medal', 'medailles'],
      ['runner', 'renners'],
    ]);
  });

  it('match: a noun does not match a shorter word that stems alike; a proper noun needs its capital (TBX partOfSpeech)', () => {
    const pos: Glossary = {
      concepts: [
        concept('bronze', { nl: [{ text: 'brons', status: 'preferred', partOfSpeech: 'noun' }] }),
        concept('snatch', { nl: [{ text: 'trekken', status: 'preferred', partOfSpeech: 'noun' }] }),
        concept('the-games', { nl: [{ text: 'Spelen', status: 'admitted', partOfSpeech: 'properNoun' }] }),
      ],
    };
    const find = (text: string) => matchers(pos)('nl').find(text).map((o) => [o.concept.id, o.text]);
    // NTREX through Apertium: "Een bron zei" became "'n bronsmedalje gesê", "speels" became "Olimpiese Spele".
    expect(find('Een bron zei dat hij speels was en hem uit het water trok.')).toEqual([]);
    expect(find('Ze won brons op de Spelen; het trekken ging goed.')).toEqual([
      ['bronze', 'brons'],
      ['the-games', 'Spelen'],
      ['snatch', 'trekken'],
    ]);
    expect(find('spelers die spelen')).toEqual([]);
    // A noun written like an infinitive, after "te", is the verb: "om hem uit het water te trekken".
    expect(find('om hem uit het water te trekken')).toEqual([]);
    // Without a part of speech (CSV) the stem alone decides, as before.
    const untyped = matchers({ concepts: [concept('bronze', { nl: [{ text: 'brons', status: 'preferred' }] })] })('nl');
    expect(untyped.find('Een bron zei').map((o) => o.text)).toEqual(['bron']);
  });

  it('match: multi-word terms match across line breaks but not across punctuation', () => {
    expect(terms('nl').find('de Olympische\n  Spelen van Parijs').map((o) => o.concept.id)).toEqual(['games']);
    expect(terms('nl').find('Olympische. Spelen')).toEqual([]);
  });

  it('match: a term inside a longer compound is not an occurrence (compounds are entries of their own)', () => {
    expect(terms('nl').find('de gewichtheffenwedstrijd')).toEqual([]);
  });

  it('match: do-not-translate names match their exact form only', () => {
    expect(terms('nl').find('met Nazym Kyzaibay').map((o) => o.concept.id)).toEqual(['kyzaibay']);
    expect(terms('nl').find('met nazym kyzaibay')).toEqual([]);
  });

  it('match: the longest term wins where terms overlap', () => {
    expect(terms('en').find('a middle-distance runner').map((o) => o.concept.id)).toEqual(['mid-runner']);
  });
});

describe('glossary checks', () => {
  it('check: a missing term, a forbidden term and a changed name are violations', () => {
    const violations = checkTranslation(
      'De ploegenachtervolging en het gewichtheffen met Nazym Kyzaibay',
      'The team chase and weightlifting with Nazim Kizaibai',
      terms('nl'),
      terms('en'),
    );
    expect(violations.map((v) => [v.rule, v.term, v.expected, v.found])).toEqual([
      ['glossary-missing', 'ploegenachtervolging', 'team pursuit', 'team chase'],
      ['dnt-changed', 'Nazym Kyzaibay', 'Nazym Kyzaibay', undefined],
      ['glossary-forbidden', 'ploegenachtervolging', 'team pursuit', 'team chase'],
    ]);
  });

  it('check: a correct translation has no violations; tags do not hide words', () => {
    expect(checkTranslation('Het <1>gewichtheffen</1> bij de <2/>Olympische Spelen', 'Die <1>gewigoptel</1> by die <2/>Olimpiese Spele', terms('nl'), terms('af'))).toEqual([]);
  });

  it('check: a name marked do-not-translate may take the target language form the glossary gives', () => {
    expect(checkTranslation('Nazym Kyzaibay won', 'Назым Кызайбай победила', terms('nl'), terms('ru'))).toEqual([]);
  });
});

describe('glossary protection', () => {
  it('protect: names and terms are wrapped in tags the engine reads through, and come back as target terms', () => {
    const source = 'Gewichtheffen met Nazym Kyzaibay, <1>ploegenachtervolging</1> en Olympische Spelen';
    const { tagged, fills } = protectTerms(source, terms('nl'), 'af', { terms: true });
    expect(tagged).toBe('<2>Gewichtheffen</2> met <3>Nazym Kyzaibay</3>, <1><4>ploegenachtervolging</4></1> en <5>Olympische Spelen</5>');
    // Whatever the engine wrote inside a term's tags is replaced; an emptied or void one is filled too.
    const back = restoreTerms('<2>Gewigheffen</2> met <3></3>, <1><4>ploeg-agtervolging</4></1> en <5/>', fills);
    expect(back).toBe('Gewigoptel met Nazym Kyzaibay, <1>spanagtervolging</1> en Olimpiese Spele');
  });

  it('protect: a term the engine wrote inflected stays ("medaljes" for "medailles"); another word is replaced by the term', () => {
    const { tagged, fills, inflected } = protectTerms('Twee medailles voor Nazym Kyzaibay', terms('nl'), 'af', { terms: true });
    expect(tagged).toBe('Twee <1>medailles</1> voor <2>Nazym Kyzaibay</2>');
    expect(restoreTerms('Twee <1>medaljes</1> vir <2>Nasim</2>', fills, inflected)).toBe('Twee medaljes vir Nazym Kyzaibay');
    expect(restoreTerms('Twee <1>medaille</1> vir <2>Nazym Kyzaibay</2>', fills, inflected)).toBe('Twee medalje vir Nazym Kyzaibay');
    // Without the check the term's own form always goes in.
    expect(restoreTerms('Twee <1>medaljes</1> vir <2>Nasim</2>', fills)).toBe('Twee medalje vir Nazym Kyzaibay');
  });

  it('protect: a capital the engine puts at a term\'s tags is undone where the source goes on in lowercase (not in German, not acronyms)', () => {
    const { tagged, fills, inflected, lowercaseAfter } = protectTerms('Twee medailles voor Nazym Kyzaibay. De medaille is van goud', terms('nl'), 'af', { terms: true });
    expect(tagged).toBe('Twee <1>medailles</1> voor <2>Nazym Kyzaibay</2>. De <3>medaille</3> is van goud');
    expect([...(lowercaseAfter ?? [])]).toEqual([1, 3]);
    // As Apertium returns a tag around several words: the kept inflected term and the word after it capitalised.
    expect(restoreTerms('Twee <1>Medaljes</1> Vir <2>Nasim</2>. Die <3>medalje</3> Is van goud', fills, inflected, lowercaseAfter)).toBe('Twee medaljes vir Nazym Kyzaibay. Die medalje is van goud');
    expect(restoreTerms('Twee <1>medaljes</1> ITV <2>Nasim</2>', fills, inflected, lowercaseAfter)).toBe('Twee medaljes ITV Nazym Kyzaibay');
    // The name after which the source has a full stop, and German, whose nouns are capitalised, keep what the engine wrote.
    expect(protectTerms('Twee medailles voor Nazym Kyzaibay.', terms('nl'), 'af', { terms: true }).lowercaseAfter).toEqual(new Set([1]));
    const german = matchers({ concepts: [concept('medal', { nl: [{ text: 'medaille', status: 'preferred' }], de: [{ text: 'Medaille', status: 'preferred' }] })] });
    expect(protectTerms('De medaille is van goud', german('nl'), 'de', { terms: true }).lowercaseAfter).toBeUndefined();
    expect(protectTerms('De medaille is van goud', german('nl'), 'af', { terms: true }).lowercaseAfter).toBeUndefined(); // no af term: not protected
  });

  it('protect: with glossary-aware engines only names are protected; terms go as hints', () => {
    const source = 'Het gewichtheffen met Nazym Kyzaibay';
    expect(protectTerms(source, terms('nl'), 'en', { terms: false }).tagged).toBe('Het gewichtheffen met <1>Nazym Kyzaibay</1>');
    expect(glossaryHints([source], terms('nl'), 'en')).toEqual([
      { source: 'gewichtheffen', target: 'weightlifting' },
      { source: 'Nazym Kyzaibay', target: 'Nazym Kyzaibay' },
    ]);
  });
});
