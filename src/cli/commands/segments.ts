import { resolve } from 'node:path';
import { loadProject } from '../../config/index.js';
import { ConfigError } from '../../core/errors.js';
import { readText } from '../../core/read-text.js';
import { segmentArticle } from '../../markdown/index.js';
import { printJson, type CommandIO } from '../io.js';
import { language } from '../options.js';

export interface SegmentsArgs {
  file: string;
  root?: string;
  json?: boolean;
  /** Source language when the file is outside a project. */
  lang?: string;
}

/** `tolk segments <file.md>`: the segments of one article in document order. */
export async function runSegments(args: SegmentsArgs, io: CommandIO): Promise<number> {
  const lang = args.lang === undefined ? undefined : language(args.lang, '--lang');
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd }).catch((error: unknown) => {
    if (lang && error instanceof ConfigError && !args.root) return undefined;
    throw error;
  });
  const sourceLanguage = lang ?? project?.config.sourceLanguage;
  if (!sourceLanguage) throw new ConfigError('no source language: run inside a project or pass --lang');
  const file = resolve(io.cwd, args.file);
  const article = segmentArticle(await readText(file, args.file), {
    sourceLanguage,
    frontMatterFields: project?.config.frontMatter.translate ?? ['title', 'description'],
    file: args.file,
  });
  const segments = article.segments.map(({ id, kind, source, line }) => ({ id, kind, source, line }));
  if (args.json) printJson(io, segments);
  else {
    for (const s of segments) io.stdout(`${String(s.line).padStart(4)}  ${s.kind.padEnd(18)} ${s.id.slice(0, 12)}  ${s.source}\n`);
    io.stdout(`${segments.length} segments (${new Set(segments.map((s) => s.id)).size} unique)\n`);
  }
  return 0;
}
