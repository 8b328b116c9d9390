import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { ConfigError, type InputError } from '../core/errors.js';
import { useProjectLimits } from '../core/limits.js';
import { parseJson } from '../core/json.js';
import { readText } from '../core/read-text.js';
import { configSchema, type TolkConfig } from './schema.js';

export const CONFIG_FILE = 'tolk.config.json';

/** A loaded project: its root directory and validated config. */
export interface Project {
  root: string;
  config: TolkConfig;
  configFile: string;
}

/** Nearest directory upward from `start` that holds `tolk.config.json`. */
export function findRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Loads and validates the config. With `root` given it must hold the config;
 * otherwise the nearest one upward from `cwd` is used.
 */
export async function loadProject(options: { root?: string; cwd?: string } = {}): Promise<Project> {
  const root = options.root ? resolve(options.root) : findRoot(options.cwd ?? process.cwd());
  if (!root) throw new ConfigError(`no ${CONFIG_FILE} found in ${options.cwd ?? process.cwd()} or any parent; pass --root <dir>`);
  const configFile = join(root, CONFIG_FILE);
  if (!existsSync(configFile)) throw new ConfigError(`${CONFIG_FILE} not found in --root ${root}`, { file: configFile });
  const text = await readText(configFile, configFile).catch((error: InputError) => {
    throw new ConfigError(error.message, { ...error.location, file: configFile });
  });
  let raw: unknown;
  try {
    raw = parseJson(text, configFile);
  } catch (error) {
    const e = error as ConfigError;
    throw new ConfigError(e.message, e.location);
  }
  const config = validateConfig(raw, text, configFile);
  useProjectLimits(config.limits);
  config.styleGuide = await readStyleGuides(root, config.styleGuide, text, configFile);
  return { root, configFile, config };
}

/** A style guide value naming a file (one word ending in .md or .txt) rather than holding the guide. */
export const isStyleGuideFile = (value: string): boolean => /^[^\s]+\.(md|txt)$/i.test(value);

/** Style guides given as files, read; a file that cannot be read is a config error naming it and the key. */
async function readStyleGuides(root: string, guides: Record<string, string>, text: string, file: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [language, value] of Object.entries(guides)) {
    if (!isStyleGuideFile(value)) {
      out[language] = value;
      continue;
    }
    const path = resolve(root, value);
    try {
      out[language] = (await readText(path, path)).trim();
    } catch (error) {
      throw new ConfigError(`invalid key "styleGuide.${language}": cannot read style guide ${value} (${(error as Error).message})`, { file, line: lineOfPath(text, ['styleGuide', language]) });
    }
  }
  return out;
}

/** Validates parsed JSON; the first problem is reported with its key path and line. */
export function validateConfig(raw: unknown, text: string, file: string): TolkConfig {
  const result = configSchema.safeParse(raw);
  if (result.success) return { ...result.data, articleLanguages: result.data.articleLanguages ?? result.data.targetLanguages };
  const issue = result.error.issues[0]!;
  const key = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  const unknownKeys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
  throw new ConfigError(`invalid key "${key}"${unknownKeys}: ${issue.message}`, {
    file,
    line: lineOfPath(text, issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path),
  });
}

/** Line of a JSON key path, found by reading the JSON as YAML 1.2 (a superset) with positions. */
function lineOfPath(text: string, path: PropertyKey[]): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    // An unknown key has no value node of its own; look for the key token instead.
    const last = path[depth - 1];
    if (typeof last === 'string') {
      const at = text.indexOf(JSON.stringify(last));
      if (at !== -1) return lineCounter.linePos(at).line;
    }
  }
  return undefined;
}
