import { segmentId } from '../tagged/index.js';
import { SqliteMemoryStore, type MemoryWrite } from '../memory/index.js';
import { SentenceGenerator } from './corpus.js';
import { seededRandom } from './random.js';

export interface Planted {
  id: string;
  query: string;
}

export interface BuiltMemory {
  long: Planted[];
  short: Planted[];
  /** Distinct units stored. */
  units: number;
  seconds: number;
}

/**
 * The bench's memory: sentences (8–25 words) and, one unit in 25, short lines
 * — scores like "Ajax 2-1 PSV" and four-word headlines — with 150 long and 150
 * short planted queries (one or two words, or one token, changed).
 *
 * Bulk path: one transaction with a page cache that holds the whole memory
 * (1 GiB at 1M units). Both SQLite tables are keyed by segment id (random
 * bytes), so with the default 32 MiB cache nearly every insert into a
 * million-unit memory missed the cache (the build took over 23 minutes under
 * load). Units arrive in generation order, as a memory fills over time, so
 * `tm copy` reads them in that order too.
 */
export async function buildMemory(file: string, size: number, log: (line: string) => void): Promise<BuiltMemory> {
  const generator = new SentenceGenerator(size);
  const queries = new SentenceGenerator(size + 1);
  const random = seededRandom(size + 2);
  const team = () => {
    const word = generator.word();
    return word.charAt(0).toUpperCase() + word.slice(1);
  };
  const long: Planted[] = [];
  const short: Planted[] = [];
  const every = Math.max(1, Math.floor(size / 400));
  const started = performance.now();
  const store = new SqliteMemoryStore(file, { cacheMB: Math.max(32, Math.ceil(size / 1000)) });
  const result = await store.writeAll(
    (async function* (): AsyncGenerator<MemoryWrite> {
      for (let i = 0; i < size; i++) {
        let source: string;
        if (i % 25 === 7) {
          const score = random() < 0.5;
          source = score ? `${team()} ${generator.int(6)}-${generator.int(6)} ${team()}` : `${team()} ${generator.word()} ${generator.word()} ${team()}`;
          if (i % every === 7 % every && short.length < 150) {
            const words = source.split(' ');
            // One token changed: a score digit, or one word of the headline.
            if (score) words[1] = words[1]!.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
            else words[1 + queries.int(2)] = queries.word();
            short.push({ id: segmentId('nl', source), query: words.join(' ') });
          }
        } else {
          source = generator.sentence();
          if (i % every === 0 && long.length < 150 && source.split(' ').length >= 13) {
            long.push({ id: segmentId('nl', source), query: queries.vary(source, 1 + (long.length % 2)) });
          }
        }
        yield { sourceLanguage: 'nl', targetLanguage: 'af', source, target: `af: ${source}`, origin: 'import:bench', status: 'translated', article: `nl/${i % 5000}.md` };
      }
    })(),
  );
  await store.close();
  const seconds = (performance.now() - started) / 1000;
  log(`built a ${size}-unit SQLite memory (${result.inserted} distinct) in ${seconds.toFixed(1)} s; ${long.length} long and ${short.length} short planted queries`);
  return { long, short, units: result.inserted, seconds };
}
