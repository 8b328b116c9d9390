import { relative, resolve, sep } from 'node:path';
import { loadProject } from '../../config/index.js';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { UsageError } from '../../core/errors.js';
import { EXPORT_FORMATS, exportArticles } from '../../publish/index.js';
import { printJson, type CommandIO } from '../io.js';
import { exportLockFile, withLock } from '../lock.js';
import { choiceList, languageList, wholeNumber } from '../options.js';

export interface ExportArgs {
  root?: string;
  /** Comma-separated languages. @default the config's `articleLanguages` (the source language is always exported) */
  to?: string;
  /** Comma-separated: md, html, json. @default "md,html,json" */
  format?: string;
  /** Output directory, relative to the working directory. Required. */
  out?: string;
  /** 0–100. @default "80" */
  minComplete?: string;
  /** Absolute URL the output directory is served from, for absolute hreflang and canonical links. */
  baseUrl?: string;
  json?: boolean;
  /** False (`--no-wait`): exit 2 at once when another export into the same `--out` is running. */
  wait?: boolean;
}

/**
 * `tolk export`: the articles that pass the completeness gate, as Markdown,
 * HTML and JSON under `--out`. Articles held back by the gate are listed, not
 * failed: exit 0 whenever the export ran (the gate deciding is the export
 * working), 1 when it was interrupted, 2 on usage, config or input errors.
 */
export async function runExport(args: ExportArgs, io: CommandIO): Promise<number> {
  if (!args.out) throw new UsageError('--out <dir> is required: the directory the export is written to, such as dist/site');
  const minComplete = args.minComplete === undefined ? undefined : wholeNumber(args.minComplete, '--min-complete', 0, 100);
  const languages = args.to === undefined ? undefined : languageList(args.to, '--to');
  const formats = args.format === undefined ? undefined : choiceList(args.format, '--format', EXPORT_FORMATS);
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const out = resolve(io.cwd, args.out);
  // Two exports into one directory would interleave their files; each waits for the other instead.
  const result = await withLock(exportLockFile(project, out), io, { command: 'tolk export', wait: args.wait !== false }, () => exportArticles({
    project,
    out,
    ...(languages ? { languages } : {}),
    ...(formats ? { formats } : {}),
    ...(minComplete !== undefined ? { minComplete } : {}),
    ...(args.baseUrl !== undefined ? { baseUrl: args.baseUrl } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  }));
  const code = result.interrupted ? 1 : 0;
  if (args.json) {
    printJson(io, result);
    return code;
  }
  for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  const shown = shownPath(io.cwd, result.out);
  const articles = new Set(result.exported.map((e) => e.source)).size;
  const languagesOut = new Set(result.exported.map((e) => e.lang)).size;
  io.stdout(`exported ${articles} ${articles === 1 ? 'article' : 'articles'} in ${languagesOut} ${languagesOut === 1 ? 'language' : 'languages'} to ${shown} (${result.formats.join(', ')}; gate ${result.minComplete}%)\n`);
  for (const e of result.exported) io.stdout(`  ${e.lang.padEnd(8)} ${String(e.complete).padStart(3)}%  ${e.lang}/${e.slug}\n`);
  if (result.heldBack.length) {
    io.stdout(`held back (below ${result.minComplete}% complete):\n`);
    for (const h of result.heldBack) {
      const why = h.reason === 'missing' ? `no ${h.lang} article yet` : `${h.complete}% complete`;
      const removed = h.removed.length ? `; removed ${h.removed.join(', ')}` : '';
      io.stdout(`  ${h.lang.padEnd(8)} ${String(h.complete).padStart(3)}%  ${h.source} (${why}${removed})\n`);
    }
  }
  if (result.interrupted) io.stderr('interrupted: the indexes were not rewritten; run tolk export again\n');
  return code;
}

/** Relative to the working directory when inside it, so the line can be pasted back. */
function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel.split(sep).join('/') : path;
}
