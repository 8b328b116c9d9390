import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** bench-data/ntrex in the repository (NTREX-128 subset, CC BY-SA 4.0: see its README). */
const DIR = fileURLToPath(new URL('../../bench-data/ntrex/', import.meta.url));

/** ISO 639-3 file codes → tolk's BCP 47 tags. */
export const NTREX_LANGUAGES = { eng: 'en', nld: 'nl', afr: 'af', spa: 'es', deu: 'de', fra: 'fr', rus: 'ru' } as const;
export type NtrexCode = keyof typeof NTREX_LANGUAGES;

/**
 * The subject of each document (`SUBJECTS.tsv`: `sports` or `news`, classified by hand from the headlines, the
 * rationale in the file's header and notes), as its article declares it in front matter.
 */
export function ntrexSubjects(): Map<string, string> {
  return new Map(
    readFileSync(`${DIR}SUBJECTS.tsv`, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t') as [string, string]),
  );
}

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
  /** `sports` or `news` (SUBJECTS.tsv). */
  subject: string;
  sports: boolean;
}

export function ntrexDocuments(): NtrexDocument[] {
  const ids = readFileSync(`${DIR}DOCUMENT_IDS.tsv`, 'utf8').split('\n').filter(Boolean);
  const subjects = ntrexSubjects();
  const docs: NtrexDocument[] = [];
  ids.forEach((id, line) => {
    const last = docs.at(-1);
    if (last?.id === id) last.lines.push(line);
    else {
      const subject = subjects.get(id);
      if (!subject) throw new Error(`bench-data/ntrex/SUBJECTS.tsv: no subject for document ${id}`);
      docs.push({ id, lines: [line], subject, sports: subject === 'sports' });
    }
  });
  return docs;
}
