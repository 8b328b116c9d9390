import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { readText } from '../core/read-text.js';
import { normalizeLanguageTag } from '../exchange/index.js';
import type { Concept, Term } from './model.js';

const META = new Set(['note', 'dnt', 'forbidden', 'subject', 'id']);
const BOOLEAN: Record<string, boolean> = { '': false, true: true, false: false, yes: true, no: false, '1': true, '0': false };

/**
 * Reads the simple CSV glossary: a header naming language columns (BCP 47)
 * plus optional `note`, `dnt` and `forbidden`. In a language cell `|`
 * separates the preferred term from admitted ones; `forbidden` lists
 * `lang:term|lang:term`. RFC 4180 quoting (csv-parse).
 */
export async function readCsvGlossary(path: string, displayName = path): Promise<Concept[]> {
  const text = await readText(path, displayName);
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: false, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string };
    // An unclosed quote is reported at the end of the file; the useful line is where it opened.
    const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(text) : e.lines;
    throw new InputError(`invalid CSV: ${e.message.replace(/^Invalid Record Length: /, '').replace(/ at line \d+$/, '').replace(/,? ?on line \d+$/, '')}`, {
      file: displayName,
      ...(line ? { line } : {}),
    });
  }
  const [header, ...records] = rows;
  if (!header) throw new InputError('empty file: expected a header row such as "nl,en,note,dnt,forbidden"', { file: displayName, line: 1 });
  const columns = header.map((name) => name.trim());
  const languages = columns.map((name) => (META.has(name.toLowerCase()) ? undefined : name));
  for (const [i, name] of languages.entries()) {
    if (name !== undefined && !/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$/.test(name)) {
      throw new InputError(`column ${i + 1} "${name}" is neither a language tag nor note, dnt or forbidden`, { file: displayName, line: 1 });
    }
  }
  const column = (name: string) => columns.findIndex((c) => c.toLowerCase() === name);
  const noteAt = column('note');
  const dntAt = column('dnt');
  const forbiddenAt = column('forbidden');
  // csv-parse skips empty lines, so count physical lines for messages.
  const lineOf = lineFinder(text);
  return records.map((record, index) => {
    const line = lineOf(index + 1);
    const terms: Record<string, Term[]> = {};
    languages.forEach((language, i) => {
      if (!language) return;
      const cell = record[i] ?? '';
      const words = cell.split('|').map((t) => t.trim().normalize('NFC')).filter(Boolean);
      if (words.length) terms[normalizeLanguageTag(language)] = words.map((text, k) => ({ text, status: k === 0 ? 'preferred' : 'admitted' }));
    });
    if (Object.keys(terms).length === 0) throw new InputError('row has no terms', { file: displayName, line });
    const dntText = dntAt >= 0 ? (record[dntAt] ?? '').toLowerCase() : '';
    const dnt = BOOLEAN[dntText];
    if (dnt === undefined) throw new InputError(`dnt must be true or false, got "${record[dntAt!]}"`, { file: displayName, line });
    if (forbiddenAt >= 0) {
      for (const item of (record[forbiddenAt] ?? '').split('|').map((t) => t.trim()).filter(Boolean)) {
        const match = /^([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*):(.+)$/.exec(item);
        if (!match) throw new InputError(`forbidden entries are "lang:term", got "${item}"`, { file: displayName, line });
        (terms[normalizeLanguageTag(match[1]!)] ??= []).push({ text: match[2]!.trim().normalize('NFC'), status: 'deprecated' });
      }
    }
    const note = noteAt >= 0 ? record[noteAt]?.trim() : undefined;
    return { id: `${displayName}:${line}`, file: displayName, line, dnt, terms, ...(note ? { note } : {}) };
  });
}

/** Line of the quote that is never closed. */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let openedAt = 1;
  let quoted = false;
  for (const c of text) {
    if (c === '"') {
      quoted = !quoted;
      if (quoted) openedAt = line;
    } else if (c === '\n') line++;
  }
  return openedAt;
}

/** Physical line of the n-th CSV record (0 = header), allowing for quoted newlines and blank lines. */
function lineFinder(text: string): (record: number) => number {
  const starts: number[] = [];
  let line = 1;
  let quoted = false;
  let atRecordStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (atRecordStart && c !== '\n' && c !== '\r') {
      starts.push(line);
      atRecordStart = false;
    }
    if (c === '"') quoted = !quoted;
    else if (c === '\n') {
      line++;
      if (!quoted) atRecordStart = true;
    }
  }
  return (record) => starts[record] ?? line;
}
