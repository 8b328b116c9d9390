import type { MemoryEntry } from '../../memory/index.js';
import { normalizeLanguageTag } from '../language-tag.js';
import { toolVersion } from '../../core/tool-version.js';
import { writeStreamAtomic } from '../../core/write-stream-atomic.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from '../xml/escape-xml.js';
import { taggedToSeg } from './seg-xml.js';
import { toTmxDate } from './tmx-date.js';

export interface WriteTmxOptions {
  /** Only entries of this language pair are written. */
  sourceLanguage: string;
  targetLanguage: string;
  /** @default 'tolk' */
  creationTool?: string;
  /** @default tolk's version */
  creationToolVersion?: string;
}

/**
 * Writes entries as TMX 1.4 (valid against tmx14.dtd), streaming to a temp
 * file that replaces `path` only when complete. Each entry is one `<tu>`
 * whose `tuid` is the segment id, with origin and status as `x-tolk-*`
 * props. Entries of other language pairs are passed over, so a whole store
 * can be streamed in. Returns the number of units written.
 */
export async function writeTmx(path: string, entries: AsyncIterable<MemoryEntry>, options: WriteTmxOptions): Promise<number> {
  const sourceLanguage = normalizeLanguageTag(options.sourceLanguage);
  const targetLanguage = normalizeLanguageTag(options.targetLanguage);
  return writeStreamAtomic(path, async (write) => {
    await write(prologue(sourceLanguage, options));
    let count = 0;
    for await (const entry of entries) {
      if (normalizeLanguageTag(entry.sourceLanguage) !== sourceLanguage) continue;
      if (normalizeLanguageTag(entry.targetLanguage) !== targetLanguage) continue;
      await write(unit(entry, sourceLanguage, targetLanguage));
      count++;
    }
    await write('  </body>\n</tmx>\n');
    return count;
  });
}

function prologue(sourceLanguage: string, options: WriteTmxOptions): string {
  // Every attribute tmx14.dtd requires of <header>; no DOCTYPE, so no reader is tempted to fetch a DTD.
  const header = [
    ['creationtool', options.creationTool ?? 'tolk'],
    ['creationtoolversion', options.creationToolVersion ?? toolVersion()],
    ['segtype', 'sentence'],
    ['o-tmf', 'tolk'],
    ['adminlang', 'en'],
    ['srclang', sourceLanguage],
    ['datatype', 'plaintext'],
  ]
    .map(([name, value]) => ` ${name}="${attr(value!)}"`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header${header}/>\n  <body>\n`;
}

function unit(entry: MemoryEntry, sourceLanguage: string, targetLanguage: string): string {
  const created = toTmxDate(entry.createdAt);
  const changed = toTmxDate(entry.updatedAt);
  const dates = `${created ? ` creationdate="${created}"` : ''}${changed ? ` changedate="${changed}"` : ''}`;
  return (
    `    <tu tuid="${attr(entry.segmentId)}"${dates}>\n` +
    `      <prop type="x-tolk-origin">${text(entry.origin)}</prop>\n` +
    `      <prop type="x-tolk-status">${text(entry.status)}</prop>\n` +
    `      <tuv xml:lang="${attr(sourceLanguage)}"><seg>${taggedToSeg(entry.source)}</seg></tuv>\n` +
    `      <tuv xml:lang="${attr(targetLanguage)}"><seg>${taggedToSeg(entry.target)}</seg></tuv>\n` +
    `    </tu>\n`
  );
}
