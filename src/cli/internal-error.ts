import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { findRoot } from '../config/index.js';

/** Where the details of an internal error go, under the project root. */
export const LAST_ERROR_LOG = '.tolk/last-error.log';

/**
 * The last resort for an error tolk did not name (a bug, not bad input):
 * one line on stderr — `tolk: internal error: <message> (details in <file>)` —
 * and the stack in `.tolk/last-error.log` under the project root, or in a
 * temporary file outside a project. A stack trace never reaches the terminal.
 * Returns the line to print.
 */
export function reportInternalError(error: unknown, argv: readonly string[], cwd = process.cwd()): string {
  const message = firstLine(error instanceof Error ? error.message || error.name : String(error)) || 'unknown error';
  const details = [
    `tolk internal error, ${new Date().toISOString()}`,
    `node ${process.version} on ${process.platform}-${process.arch}`,
    `command: tolk ${argv.join(' ')}`,
    `cwd: ${cwd}`,
    '',
    describe(error),
    '',
  ].join('\n');
  const written = writeDetails(details, argv, cwd);
  const where = written ? `details in ${shown(written, cwd)}` : 'the details could not be written anywhere';
  return `tolk: internal error: ${message} (${where})\n`;
}

function writeDetails(details: string, argv: readonly string[], cwd: string): string | undefined {
  const candidates: string[] = [];
  const root = projectRoot(argv, cwd);
  if (root) candidates.push(join(root, LAST_ERROR_LOG));
  candidates.push(join(tmpdir(), `tolk-error-${process.pid}-${Date.now()}.log`));
  for (const path of candidates) {
    try {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, details);
      return path;
    } catch {
      // the next place
    }
  }
  return undefined;
}

/** `--root <dir>` or `--root=<dir>` if given, else the nearest directory with a config. */
function projectRoot(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--root' && argv[i + 1]) return findRoot(resolve(cwd, argv[i + 1]!));
    if (arg.startsWith('--root=')) return findRoot(resolve(cwd, arg.slice('--root='.length)));
  }
  try {
    return findRoot(cwd);
  } catch {
    return undefined;
  }
}

/** The stack, and the causes' stacks. */
function describe(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(depth === 0 ? '' : 'caused by:', current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.filter((line, i) => i > 0 || line).join('\n');
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
