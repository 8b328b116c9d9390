import { describe, expect, it } from 'vitest';
import { checkQa, numberUnits } from '../../src/qa/index.js';
import { isAccepted } from '../../src/qa/run-qa.js';

const rules = (source: string, target: string, from = 'nl', to = 'en') => checkQa(source, target, { source: from, target: to }).map((f) => f.rule);
const fires = (rule: string, source: string, target: string, from = 'nl', to = 'en') => rules(source, target, from, to).includes(rule);

describe('numbers read as the language writes them', () => {
  it('groups and decimals by locale', () => {
    expect(numberUnits('1.500 toeschouwers', 'nl')[0]!.parts).toEqual(['1500']);
    expect(numberUnits('1,500 spectators', 'en')[0]!.parts).toEqual(['1500']);
    expect(numberUnits('1\u202f500 toeskouers', 'af')[0]!.parts).toEqual(['1500']);
    expect(numberUnits('1 500 зрителей', 'ru')[0]!.parts).toEqual(['1500']);
    expect(numberUnits('16,5 seconden', 'nl')[0]!.parts).toEqual(['16.5']);
    expect(numberUnits('16.5 seconds', 'en')[0]!.parts).toEqual(['16.5']);
    expect(numberUnits('1.5 seconds', 'en')[0]!.parts).toEqual(['1.5']);
  });
  it('times and scores as ordered units', () => {
    expect(numberUnits('in 1.45,3', 'nl')[0]!.parts).toEqual(['1', '45.3']);
    expect(numberUnits('in 1:45.3', 'en')[0]!.parts).toEqual(['1', '45.3']);
    expect(numberUnits('3:45.12', 'en')[0]!.parts).toEqual(['3', '45.12']);
    expect(numberUnits('won 38 - 17', 'en')[0]!.parts).toEqual(['38', '17']);
    expect(numberUnits('5–3', 'en')[0]!.parts).toEqual(['5', '3']);
  });
});

describe('number-mismatch', () => {
  it('true cases: a changed digit, a dropped number, a swapped score', () => {
    expect(fires('number-mismatch', 'Ajax won met 5-3.', 'Ajax won 5-2.')).toBe(true);
    expect(fires('number-mismatch', 'In 2024 waren er 1.500 toeschouwers.', 'There were 1,500 spectators.')).toBe(true);
    expect(fires('number-mismatch', 'Ajax won met 5-3.', 'Ajax won 3-5.')).toBe(true);
    expect(fires('number-mismatch', 'Het werd 38 - 17.', 'It ended 17 - 38.')).toBe(true);
    expect(fires('number-mismatch', 'Ze liep 1.45,3.', 'She ran 1:45.4.')).toBe(true);
    expect(fires('number-mismatch', 'Hij werd 3e.', 'He came 4th.')).toBe(true);
  });
  it('near misses that must not fire: the same numbers in another locale format', () => {
    expect(fires('number-mismatch', 'Er waren 1.500 toeschouwers.', 'There were 1,500 spectators.')).toBe(false);
    expect(fires('number-mismatch', 'Er waren 1.500 toeschouwers.', 'Daar was 1\u202f500 toeskouers.', 'nl', 'af')).toBe(false);
    expect(fires('number-mismatch', 'Er waren 1.500 toeschouwers.', 'Было 1\u00a0500 зрителей.', 'nl', 'ru')).toBe(false);
    expect(fires('number-mismatch', 'Hij sprong 16,5 meter.', 'He jumped 16.5 metres.')).toBe(false);
    expect(fires('number-mismatch', 'Ze liep 1.45,3.', 'She ran 1:45.3.')).toBe(false);
    expect(fires('number-mismatch', 'Ajax won met 5-3.', 'Ajax won 5–3.')).toBe(false);
    expect(fires('number-mismatch', 'Ajax won met 5-3.', 'Ajax het 5:3 gewen.', 'nl', 'af')).toBe(false);
    expect(fires('number-mismatch', 'Ajax won met 5-3.', 'Ajax won by 5 to 3.')).toBe(false);
    expect(fires('number-mismatch', '45% van de stemmen', '45 per cent of the votes')).toBe(false);
    expect(fires('number-mismatch', 'Hij werd 3e in 2024.', 'He came 3rd in 2024.')).toBe(false);
    expect(fires('number-mismatch', 'Hij werd 3e in 2024.', 'Он стал 3-й в 2024 году.', 'nl', 'ru')).toBe(false);
    expect(fires('number-mismatch', 'om 15.30 uur', 'at 15:30')).toBe(false);
    // Found on NTREX references: a phone number's blocks are not thousands; English grouping in an Afrikaans text; 6:00 for 6 a.m.
    expect(fires('number-mismatch', 'bel 0800 555 111', 'skakel 0800 555 111', 'nl', 'af')).toBe(false);
    expect(fires('number-mismatch', 'er waren 1.127 overlopers', 'daar was 1,127 oorlopers', 'nl', 'af')).toBe(false);
    expect(fires('number-mismatch', 'na 6:00 uur', 'after 6 a.m.')).toBe(false);
  });
  it('another reading excuses only the same number', () => {
    expect(fires('number-mismatch', 'in 2016', 'in 0016')).toBe(true);
    expect(fires('number-mismatch', 'in de jaren 1930', 'en los años 40', 'nl', 'es')).toBe(true);
    expect(fires('number-mismatch', 'er waren 1.127 overlopers', 'daar was 1,128 oorlopers', 'nl', 'af')).toBe(true);
    expect(fires('number-mismatch', 'na 6:30 uur', 'after 6 a.m.')).toBe(true);
  });
  it('numbers one to twelve as words (nl, af, en, de, fr, es, ru)', () => {
    expect(fires('number-mismatch', 'Hij scoorde 3 keer.', 'He scored three times.')).toBe(false);
    expect(fires('number-mismatch', 'Hij scoorde drie keer.', 'He scored 3 times.')).toBe(false);
    expect(fires('number-mismatch', 'Ze won 2 medailles.', 'Sy het twee medaljes gewen.', 'nl', 'af')).toBe(false);
    expect(fires('number-mismatch', 'Ze won 2 medailles.', 'Ganó dos medallas.', 'nl', 'es')).toBe(false);
    expect(fires('number-mismatch', 'Ze won 2 medailles.', 'Ganó tres medallas.', 'nl', 'es')).toBe(true);
    expect(fires('number-mismatch', 'Hij scoorde 23 keer.', 'He scored twenty-four times.')).toBe(true);
  });
  it('tens and units written apart are their sum (forty-eight, cuarenta y ocho, сорока восьми)', () => {
    expect(fires('number-mismatch', 'Hij scoorde 23 keer.', 'He scored twenty-three times.')).toBe(false);
    expect(fires('number-mismatch', 'minder dan 48', 'меньше сорока восьми', 'nl', 'ru')).toBe(false);
    expect(fires('number-mismatch', 'minder dan 48', 'menos de cuarenta y ocho', 'nl', 'es')).toBe(false);
    expect(fires('number-mismatch', 'minder dan 48', 'меньше сорока семи', 'nl', 'ru')).toBe(true);
    expect(fires('number-mismatch', 'haar 36ste ontmoeting', 'su trigésimo sexta reunión', 'nl', 'es')).toBe(false);
  });
  it('words that stand for a number without naming it (NTREX): double-digit, сутки, un millier, "een van de"', () => {
    expect(fires('number-mismatch', 'de enige taal boven de 10 procent', 'the only language spoken by a double-digit percentage')).toBe(false);
    expect(fires('number-mismatch', 'de enige taal boven de 10 procent', 'по двузначному проценту', 'nl', 'ru')).toBe(false);
    expect(fires('number-mismatch', 'in een periode van 24 uur', 'за сутки', 'nl', 'ru')).toBe(false);
    expect(fires('number-mismatch', 'ongeveer 1000 fans', 'un millier de supporters', 'nl', 'fr')).toBe(false);
    expect(fires('number-mismatch', 'een van de vier spelers', 'one of four players', 'nl', 'en')).toBe(false);
    expect(fires('number-mismatch', 'een van de vier spelers', '1-of-4 players', 'nl', 'en')).toBe(false);
    // The near misses: the word is there, the number is another.
    expect(fires('number-mismatch', 'in een periode van 48 uur', 'за сутки', 'nl', 'ru')).toBe(true);
    expect(fires('number-mismatch', 'een trainer', '1 coach', 'nl', 'en')).toBe(true);
  });
  it('names and numbers written in blocks: W3C, WO I, phone numbers', () => {
    expect(fires('number-mismatch', 'het World Wide Web Consortium', 'el World Wide Web Consortium (W3C)', 'nl', 'es')).toBe(false);
    expect(fires('number-mismatch', 'uit WO I geëerd', 'im 1. Weltkrieg', 'nl', 'de')).toBe(false);
    expect(fires('number-mismatch', 'bel 0800 555 111', 'rufen Sie 0800\u00a0555\u00a0111 an', 'nl', 'de')).toBe(false);
    expect(fires('number-mismatch', 'uit WO II geëerd', 'im 1. Weltkrieg', 'nl', 'de')).toBe(true);
    expect(fires('number-mismatch', 'in 125ste straat', 'in125ste straat', 'nl', 'af')).toBe(false);
    expect(fires('number-mismatch', 'de Korea-oorlog van 1950-53', 'des von 1950 bis 1953 geführten Korea-Kriegs', 'nl', 'de')).toBe(false);
    expect(fires('number-mismatch', 'de Korea-oorlog van 1950-53', 'des von 1950 bis 1954 geführten Korea-Kriegs', 'nl', 'de')).toBe(true);
  });
  it('beyond twelve, as NTREX references write them: compounds, decades, centuries, French times', () => {
    expect(fires('number-mismatch', 'De vierentwintigjarige zei', 'The 24-year-old said')).toBe(false);
    expect(fires('number-mismatch', 'Veertien mensen', '14 personnes', 'nl', 'fr')).toBe(false);
    expect(fires('number-mismatch', 'in de jaren 1930', 'en los años 30', 'nl', 'es')).toBe(false);
    expect(fires('number-mismatch', 'in de 19de eeuw', 'au XIXe siècle', 'nl', 'fr')).toBe(false);
    expect(fires('number-mismatch', 'om 11:00 uur', 'à 11 h 00', 'nl', 'fr')).toBe(false);
    expect(fires('number-mismatch', 'om 4.40 uur', 'at 4.40 am')).toBe(false);
    expect(fires('number-mismatch', 'De vierentwintigjarige zei', 'The 25-year-old said')).toBe(true);
    expect(fires('number-mismatch', 'in de 19de eeuw', 'au XVIIIe siècle', 'nl', 'fr')).toBe(true);
  });
  it('the finding names what differs', () => {
    const [f] = checkQa('Ajax won met 5-3.', 'Ajax won 3-5.', { source: 'nl', target: 'en' });
    expect(f).toMatchObject({ severity: 'error', rule: 'number-mismatch', expected: '5-3', actual: '3-5' });
  });
  it('digits inside tags are not numbers', () => {
    expect(fires('number-mismatch', 'Zie <1>de uitslag</1>.', 'See <1>the result</1>.')).toBe(false);
  });
});

describe('engine-mark', () => {
  it('true cases: marks at a word start, after a curly apostrophe, inside a word', () => {
    expect(fires('engine-mark', 'de trainingsschema’s', 'die trainingsschema’*s', 'nl', 'af')).toBe(true);
    expect(fires('engine-mark', 'de schema’s', 'die *skema', 'nl', 'af')).toBe(true);
    expect(fires('engine-mark', 'gelopen', 'ge#loop', 'nl', 'af')).toBe(true);
    expect(fires('engine-mark', 'de bond', 'die @bond', 'nl', 'af')).toBe(true);
  });
  it("near misses: the author's own hashtag, handle and footnote star", () => {
    expect(fires('engine-mark', 'Volg #Parijs2024 en @KNVB', 'Volg #Parijs2024 en @KNVB', 'nl', 'af')).toBe(false);
    expect(fires('engine-mark', 'Score 5 * 3 sterren', 'Telling 5 * 3 sterre', 'nl', 'af')).toBe(false);
    expect(fires('engine-mark', 'de schema’s', 'die skema’s', 'nl', 'af')).toBe(false);
  });
});

describe('untranslated', () => {
  it('true case: a sentence left in the source language', () => {
    expect(fires('untranslated', 'Het was een mooie wedstrijd.', 'Het was een mooie wedstrijd.')).toBe(true);
  });
  it('near misses: names and numbers only; a real translation', () => {
    expect(fires('untranslated', 'Real Madrid - Ajax 2-1', 'Real Madrid - Ajax 2-1')).toBe(false);
    expect(fires('untranslated', 'Kazachstan op de Spelen', 'Kazachstan op de Spelen')).toBe(false);
    expect(fires('untranslated', 'Het was een mooie wedstrijd.', 'Dit was ’n mooi wedstryd.', 'nl', 'af')).toBe(false);
  });
});

describe('capitalization', () => {
  it("true cases: lower-case start; Afrikaans 'n with a lower-case word", () => {
    expect(fires('capitalization', 'De ploeg won.', 'the team won.')).toBe(true);
    expect(fires('capitalization', 'Een doorbraak voor Kazachstan.', "'n deurbraak vir Kazakstan.", 'nl', 'af')).toBe(true);
  });
  it("near misses: Afrikaans 'n Deurbraak, a lower-case source, a number first", () => {
    expect(fires('capitalization', 'Een doorbraak voor Kazachstan.', "'n Deurbraak vir Kazakstan.", 'nl', 'af')).toBe(false);
    expect(fires('capitalization', 'Een doorbraak.', '’n Deurbraak.', 'nl', 'af')).toBe(false);
    expect(fires('capitalization', 'iPhone-verkoop stijgt', 'iPhone sales rise')).toBe(false);
    expect(fires('capitalization', '3 Ploegen', '3 teams')).toBe(false);
  });
});

describe('punctuation', () => {
  it('true cases: a question turned statement, an unpaired quote or bracket', () => {
    expect(fires('punctuation', 'Wint Ajax?', 'Does Ajax win.')).toBe(true);
    expect(fires('punctuation', 'Hij zei: "Nee".', 'He said: "No.')).toBe(true);
    expect(fires('punctuation', 'De ploeg (uit Almaty) won.', 'The team (from Almaty won.')).toBe(true);
  });
  it('near misses: other quote styles, Spanish opening marks, quotes after the stop', () => {
    expect(fires('punctuation', 'Hij zei: "Nee".', 'Er sagte: „Nein“.', 'nl', 'de')).toBe(false);
    expect(fires('punctuation', 'Hij zei: "Nee".', 'Il a dit : « Non ».', 'nl', 'fr')).toBe(false);
    expect(fires('punctuation', 'Wint Ajax?', '¿Gana el Ajax?', 'nl', 'es')).toBe(false);
    expect(fires('punctuation', '"Wint Ajax?"', '“Does Ajax win?”')).toBe(false);
  });
});

describe('length', () => {
  it('true case: a translation a fifth of its source', () => {
    expect(fires('length', 'De ploeg uit Almaty won gisteren de finale met overmacht.', 'Won.')).toBe(true);
  });
  it('near misses: a short source; a ratio inside a configured range', () => {
    expect(fires('length', 'Goud!', 'Gold medal for the team!')).toBe(false);
    const long = 'De ploeg uit Almaty won gisteren.';
    const f = checkQa(long, `${long} ${long}`, { source: 'nl', target: 'af' }, { length: { 'nl-af': [0.5, 2.1] } });
    expect(f.map((x) => x.rule)).not.toContain('length');
    const g = checkQa(long, `${long} ${long}`, { source: 'nl', target: 'af' }, { length: { 'nl-af': [0.8, 1.3] } });
    expect(g.map((x) => x.rule)).toContain('length');
  });
  it('per-pair defaults measured on NTREX: nl→af allows 0.45–1.60, a pair without one 0.4–2.5', () => {
    const long = 'De ploeg uit Almaty won gisteren de finale.';
    const doubled = `${long} ${long.slice(0, 30)}`; // 1.7 times the source
    expect(fires('length', long, doubled, 'nl', 'af')).toBe(true);
    expect(fires('length', long, doubled, 'nl', 'it')).toBe(false);
    expect(fires('length', long, long.slice(0, 21), 'nl', 'af')).toBe(false); // 0.49
    // `qa.length` for the pair replaces the default.
    expect(checkQa(long, doubled, { source: 'nl', target: 'af' }, { length: { 'nl-af': [0.4, 2.5] } }).map((f) => f.rule)).not.toContain('length');
  });
});

describe('settings', () => {
  it('qa.rules sets severities and turns rules off', () => {
    const f = checkQa('Wint Ajax?', 'wint Ajax.', { source: 'nl', target: 'en' }, { rules: { punctuation: 'error', capitalization: 'off' } });
    expect(f.map((x) => `${x.rule}:${x.severity}`)).toEqual(['punctuation:error']);
  });
  it('an accepted finding is not reported again', () => {
    const segment = '0123456789abcdef';
    expect(checkQa('5 km', '3.1 miles', { source: 'nl', target: 'en' }, { accept: ['01234567:number-mismatch'] }, segment)).toEqual([]);
    expect(isAccepted(['0123:number-mismatch'], segment, 'number-mismatch')).toBe(false); // too short a prefix
    expect(checkQa('5 km', '3.1 miles', { source: 'nl', target: 'en' }, { accept: ['01234567:length'] }, segment)).toHaveLength(1);
  });
});
