import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** bench-data/ntrex in the repository (NTREX-128 subset, CC BY-SA 4.0: see its README). */
const DIR = fileURLToPath(new URL('../../bench-data/ntrex/', import.meta.url));

/** ISO 639-3 file codes → tolk's BCP 47 tags. */
export const NTREX_LANGUAGES = { eng: 'en', nld: 'nl', afr: 'af', spa: 'es', deu: 'de', fra: 'fr', rus: 'ru' } as const;
export type NtrexCode = keyof typeof NTREX_LANGUAGES;

/**
 * Documents whose subject is sport, chosen by hand from the headlines: football, rugby, golf (Ryder Cup), ice
 * hockey, Formula 1, baseball, basketball, MMA, athletics, diving.
 */
export const SPORTS_DOCUMENTS = new Set([
  'upi.176249', 'bbc.381746', 'upi.176251', 'reuters.218921', 'scotsman.133765', 'reuters.218911', 'independent.226301',
  'reuters.218923', 'scotsman.133791', 'independent.226346', 'bbc.381646', 'reuters.218914', 'scotsman.133758',
  'cnn.304521', 'bbc.381789', 'scotsman.133753', 'scotsman.133801', 'independent.226349', 'bbc.381705', 'euronews-en.153826',
]);

/** The lines of one language, line-aligned with every other. */
export function ntrexLines(code: NtrexCode): string[] {
  const name = code === 'eng' ? 'newstest2019-src.eng.txt.gz' : `newstest2019-ref.${code}.txt.gz`;
  const lines = gunzipSync(readFileSync(`${DIR}${name}`)).toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export interface NtrexDocument {
  id: string;
  /** Line numbers (0-based) of its sentences; the first is the headline. */
  lines: number[];
  sports: boolean;
}

export function ntrexDocuments(): NtrexDocument[] {
  const ids = readFileSync(`${DIR}DOCUMENT_IDS.tsv`, 'utf8').split('\n').filter(Boolean);
  const docs: NtrexDocument[] = [];
  ids.forEach((id, line) => {
    const last = docs.at(-1);
    if (last?.id === id) last.lines.push(line);
    else docs.push({ id, lines: [line], sports: SPORTS_DOCUMENTS.has(id) });
  });
  return docs;
}
