import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runSync } from '../../src/cli/commands/sync.js';
import { runSyncExport, type SyncExportArgs } from '../../src/cli/commands/sync-export.js';
import { runSyncImport, type SyncImportArgs } from '../../src/cli/commands/sync-import.js';
import { runTranslate, type TranslateArgs } from '../../src/cli/commands/translate.js';
import type { CommandIO } from '../../src/cli/io.js';
import { exitCodeFor, TolkError } from '../../src/core/errors.js';
import { serialize, tokenize } from '../../src/tagged/index.js';
import { SqliteMemoryStore, type MemoryEntry } from '../../src/memory/index.js';
import { makeProject, repoRoot, schemasDir, snapshot } from '../helpers/project.js';

export const seed = readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8');
export const rich = readFileSync(join(repoRoot, 'tests/fixtures/articles/rich.md'), 'utf8');

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** The error that ended the command, if one did. */
  error?: unknown;
}

/**
 * Runs a command function in this process the way the bin does: the exit
 * code it returns, or the one its error maps to (and the error printed).
 */
export async function run<A>(command: (args: A, io: CommandIO) => Promise<number>, args: A, cwd: string): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, cwd, env: {} };
  try {
    const code = await command(args, io);
    return { code, stdout, stderr };
  } catch (error) {
    stderr += `tolk: ${error instanceof TolkError ? error.toString() : String(error)}\n`;
    return { code: exitCodeFor(error), stdout, stderr, error };
  }
}

export const translate = (cwd: string, args: TranslateArgs = {}) => run(runTranslate, { engine: 'pseudo', ...args }, cwd);
export const sync = (cwd: string, args: { to?: string; json?: boolean } = {}) => run(runSync, args, cwd);
export const syncExport = (cwd: string, args: SyncExportArgs) => run(runSyncExport, args, cwd);
export const syncImport = (cwd: string, args: SyncImportArgs) => run(runSyncImport, args, cwd);

/** A project with the two sample articles, translated into Afrikaans by the pseudo engine (all machine translations). */
export async function translatedProject(config: Record<string, unknown> = {}, files: Record<string, string> = {}): Promise<string> {
  const root = makeProject({
    'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'], ...config }),
    'articles/nl/seed.md': seed,
    'articles/nl/rich.md': rich,
    ...files,
  });
  const result = await translate(root);
  expect(result.code, result.stderr).toBe(0);
  return root;
}

/** Every entry of the project's memory for a language, by segment id. */
export async function memory(root: string, language = 'af'): Promise<Map<string, MemoryEntry>> {
  const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
  try {
    const entries = new Map<string, MemoryEntry>();
    for await (const entry of store.entries({ targetLanguage: language })) entries.set(entry.segmentId, entry);
    return entries;
  } finally {
    await store.close();
  }
}

/** The project's files except the memory's directory (SQLite may touch its files on a read). */
export function projectFiles(root: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(root)).filter(([path]) => !path.startsWith('.tolk')));
}

/** A translator's work, predictable in tests: every word written backwards (tags and entities kept). */
export const reverseWords = (text: string) => text.replace(/(&#?\w+;)|[\p{L}\p{M}]+/gu, (word, entity: string | undefined) => entity ?? [...word].reverse().join(''));

/** `reverseWords` on the text of a tagged string. */
export const humanize = (tagged: string) => serialize(tokenize(tagged).map((t) => (t.type === 'text' ? { ...t, value: reverseWords(t.value) } : t)));

/** `reverseWords` on the text of XLIFF inline content, leaving every element as it is. */
export const humanizeXml = (xml: string) =>
  xml
    .split(/(<[^>]+>)/)
    .map((part) => (part.startsWith('<') ? part : reverseWords(part)))
    .join('');

export interface Fill {
  /** The new state: 2.0 `translated`, 1.2 `translated`, … @default "translated" */
  state?: string;
  /** Which units to fill (by the id the unit carries). @default all */
  only?: (id: string) => boolean;
  /** The target's inline content from the source's. @default words written backwards */
  target?: (sourceXml: string, id: string) => string;
}

/**
 * A script acting as a translator on an XLIFF 2.0 file: fills (or replaces)
 * each unit's target and sets its state, as a CAT tool would save it.
 */
export function fill2(xml: string, options: Fill = {}): string {
  return xml.replace(/<unit id="([^"]+)">([\s\S]*?)<\/unit>/g, (whole, id: string, body: string) => {
    if (options.only && !options.only(id)) return whole;
    // Only the segment: the unit's <mtc:matches> hold a <source> and <target> of their own.
    return `<unit id="${id}">${body.replace(/<segment[^>]*>[\s\S]*?<\/segment>/, (segment) => {
      const source = /<source xml:space="preserve">([\s\S]*?)<\/source>/.exec(segment)![1]!;
      const target = (options.target ?? humanizeXml)(source, id);
      return segment
        .replace(/<segment([^>]*?)(?: state="[^"]*")?(?: subState="[^"]*")?>/, `<segment$1 state="${options.state ?? 'translated'}">`)
        .replace(/\s*<target[^>]*>[\s\S]*?<\/target>/, '')
        .replace(/(<source xml:space="preserve">[\s\S]*?<\/source>)/, `$1\n        <target xml:space="preserve">${target}</target>`);
    })}</unit>`;
  });
}

/** The same for XLIFF 1.2: a `<target state>` after the `<source>`. */
export function fill12(xml: string, options: Fill = {}): string {
  return xml.replace(/<trans-unit id="([^"]+)"([^>]*)>([\s\S]*?)<\/trans-unit>/g, (whole, id: string, attributes: string, body: string) => {
    if (options.only && !options.only(id)) return whole;
    // Only the unit's own <source> and <target>, which come first: an <alt-trans> has its own.
    const own = /^\s*<source>[\s\S]*?<\/source>(\s*<target[^>]*>[\s\S]*?<\/target>)?/.exec(body)![0];
    const source = /<source>([\s\S]*?)<\/source>/.exec(own)![1]!;
    const target = (options.target ?? humanizeXml)(source, id);
    const filled = own
      .replace(/\s*<target[^>]*>[\s\S]*?<\/target>/, '')
      .replace(/(<source>[\s\S]*?<\/source>)/, `$1\n        <target state="${options.state ?? 'translated'}">${target}</target>`);
    return `<trans-unit id="${id}"${attributes}>${filled}${body.slice(own.length)}</trans-unit>`;
  });
}

/** Validates with xmllint against a schema in tests/schemas; a missing xmllint fails the test. */
export function validateXliff(path: string, schema: 'xliff_core_2.0.xsd' | 'xliff-core-1.2-strict.xsd'): void {
  const result = spawnSync('xmllint', ['--noout', '--schema', join(schemasDir, schema), path], { encoding: 'utf8' });
  expect(result.error, 'xmllint must be installed').toBeUndefined();
  expect(result.stderr.trim()).toBe(`${path} validates`);
  expect(result.status).toBe(0);
}

/** The unit ids of an XLIFF file, in order. */
export const unitIds = (xml: string) => [...xml.matchAll(/<(?:unit|trans-unit) id="([^"]+)"/g)].map((m) => m[1]!);
