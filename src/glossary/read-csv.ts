import { checkBytes, limitsWith } from '../core/limits.js';
import { stat } from 'node:fs/promises';
import { parse, type Info } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { readText } from '../core/read-text.js';
import { normalizeLanguageTag } from '../exchange/index.js';
import type { Concept, Glossary, Term } from './model.js';
import { cleanText, type ReadGlossaryOptions } from './read-tbx.js';

/**
 * Reads a CSV glossary (RFC 4180, UTF-8): a header row whose BCP 47 tags are
 * the language columns, plus optional `note`, `dnt`, `forbidden` and
 * `subject`. Any other named column is refused: a misspelt `forbiden` or
 * `english` would otherwise drop terms without a word (a column with an empty
 * name is ignored). One row per concept, its id `<file>:<line>`.
 *
 * - A language cell holds `preferred|admitted|…`.
 * - `forbidden` holds `lang:term|lang:term`, added to those languages as
 *   deprecated terms (CSV cannot tell superseded from deprecated; both are forbidden).
 * - `dnt` is true/false, yes/no, 1/0 or empty (false).
 */
export async function readCsvGlossary(path: string, options: ReadGlossaryOptions = {}): Promise<Glossary> {
  const file = options.displayName ?? path;
  const maxBytes = options.maxBytes ?? limitsWith(options.limits).glossaryBytes;
  // A missing file is left to readText, which names it.
  const size = await stat(path).then((info) => info.size, () => 0);
  checkBytes(size, maxBytes, 'glossaryBytes', file);
  return parseCsvGlossary(await readText(path, file), file);
}

/** Header names that are not languages, by lowercase name. */
const FIELDS = ['note', 'dnt', 'forbidden', 'subject'] as const;
type Field = (typeof FIELDS)[number];

/** A language column: `nl`, `en-GB`, `sr_Latn` (2–3 letter primary subtag, so `note` or `id` never pass). */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i;

/** `dnt` values, by lowercase text. */
const DNT: Readonly<Record<string, boolean>> = { '': false, true: true, false: false, yes: true, no: false, '1': true, '0': false };

interface Columns {
  languages: { index: number; language: string }[];
  fields: Partial<Record<Field, number>>;
}

/** The CSV glossary in `text` (already decoded); `file` names it in concepts and errors. */
export function parseCsvGlossary(text: string, file: string): Glossary {
  const records = parseRecords(text, file);
  const header = records.shift();
  if (!header) throw new InputError('empty file: expected a header row such as "nl,en,note,dnt,forbidden"', { file, line: 1 });
  const columns = readHeader(header, file);
  return { concepts: records.map((record) => concept(record, columns, file)) };
}

interface CsvRecord {
  cells: string[];
  line: number;
}

/** Every record with the line it starts on; csv-parse errors become InputErrors at the failing record's first line. */
function parseRecords(text: string, file: string): CsvRecord[] {
  // csv-parse counts positions in UTF-8 bytes, and its `lines` counts a CRLF inside quotes twice; offsets are exact.
  const bytes = Buffer.from(text, 'utf8');
  const records: CsvRecord[] = [];
  const lineAt = lineCounter(bytes);
  let end = 0;
  const startLine = () => lineAt(skipLineBreaks(bytes, end));
  try {
    parse(text, {
      bom: true,
      relax_column_count: false,
      skip_empty_lines: true,
      info: true,
      // Records are collected here, as they complete, so a failure still knows where the last good one ended.
      on_record: ({ record, info }: { record: string[]; info: Info }) => {
        records.push({ cells: record, line: startLine() });
        end = info.bytes;
        return null;
      },
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') throw error;
    throw new InputError(csvReason(code, error as CsvFailure, records[0]?.cells.length), { file, line: startLine() });
  }
  return records;
}

interface CsvFailure extends Error {
  record?: string[];
}

/** csv-parse's messages name its own options; these say what the file should look like. */
function csvReason(code: string, error: CsvFailure, expected: number | undefined): string {
  switch (code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `wrong number of columns: expected ${expected ?? '?'} like the header, found ${error.record?.length ?? '?'}`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'bad quoting: a quoted field in this row is never closed (a quote inside a field is written "")';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'bad quoting: text after a closing quote (a quote inside a quoted field is written "")';
    case 'INVALID_OPENING_QUOTE':
      return 'bad quoting: a quote inside an unquoted field (quote the whole field and write the quote as "")';
    default:
      return `invalid CSV: ${error.message}`;
  }
}

function readHeader({ cells, line }: CsvRecord, file: string): Columns {
  const columns: Columns = { languages: [], fields: {} };
  const seen = new Set<string>();
  cells.forEach((cell, index) => {
    const name = cell.trim();
    const field = FIELDS.find((f) => f === name.toLowerCase());
    if (!name) return;
    if (!field && !LANGUAGE_TAG.test(name)) {
      throw new InputError(`column "${name}" is neither a language tag (BCP 47) nor ${FIELDS.slice(0, -1).join(', ')} or ${FIELDS.at(-1)}`, { file, line });
    }
    const key = field ?? normalizeLanguageTag(name);
    if (seen.has(key)) throw new InputError(`column "${name}" appears twice in the header`, { file, line });
    seen.add(key);
    if (field) columns.fields[field] = index;
    else columns.languages.push({ index, language: key });
  });
  if (columns.languages.length === 0) {
    throw new InputError(`no language column in the header: expected BCP 47 tags such as "nl,en", found "${cells.join(',')}"`, { file, line });
  }
  return columns;
}

function concept({ cells, line }: CsvRecord, columns: Columns, file: string): Concept {
  const field = (name: Field) => {
    const index = columns.fields[name];
    return index === undefined ? '' : cells[index]!.trim();
  };
  // Preferred, admitted, then forbidden: the order the model promises, by construction.
  const terms: Record<string, Term[]> = {};
  for (const { index, language } of columns.languages) {
    const texts = splitCell(cells[index]!);
    if (texts.length) terms[language] = texts.map((text, k) => ({ text, status: k === 0 ? 'preferred' : 'admitted' }));
  }
  if (Object.keys(terms).length === 0) throw new InputError('row has no terms: every language column is empty', { file, line });
  for (const item of splitCell(field('forbidden'))) {
    const colon = item.indexOf(':');
    const language = item.slice(0, colon).trim();
    const text = cleanText(item.slice(colon + 1));
    if (colon === -1 || !LANGUAGE_TAG.test(language) || !text) {
      throw new InputError(`forbidden term "${item}" is not lang:term (e.g. "en:team chase")`, { file, line });
    }
    (terms[normalizeLanguageTag(language)] ??= []).push({ text, status: 'deprecated' });
  }
  const dnt = DNT[field('dnt').toLowerCase()];
  if (dnt === undefined) throw new InputError(`dnt is "${field('dnt')}": expected true, false, yes, no, 1, 0 or empty`, { file, line });
  const note = cleanText(field('note'));
  const subject = cleanText(field('subject'));
  return {
    id: `${file}:${line}`,
    file,
    line,
    ...(subject && { subject }),
    ...(note && { note }),
    dnt,
    terms,
  };
}

/** `a|b|c` → trimmed, non-empty terms (a stray `|` adds nothing). */
const splitCell = (cell: string): string[] => cell.split('|').map(cleanText).filter(Boolean);

/** Past the line breaks (blank lines csv-parse skipped) that follow a record. */
function skipLineBreaks(bytes: Buffer, offset: number): number {
  while (offset < bytes.length && (bytes[offset] === 0x0a || bytes[offset] === 0x0d)) offset++;
  return offset;
}

/** 1-based line of a byte offset; offsets must not go backwards, so a whole file costs one pass. */
function lineCounter(bytes: Buffer): (offset: number) => number {
  let line = 1;
  let counted = 0;
  return (offset) => {
    for (let at = bytes.indexOf(0x0a, counted); at !== -1 && at < offset; at = bytes.indexOf(0x0a, at + 1)) line++;
    counted = Math.max(counted, offset);
    return line;
  };
}
