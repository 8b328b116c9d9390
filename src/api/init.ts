import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE, validateConfig } from '../config/index.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import { ConfigError, InputError, UsageError } from '../core/errors.js';
import { apertiumPair, engineNames } from '../engines/index.js';
import { CHROME_KEYS } from '../publish/index.js';
import { flattenStrings, setKey } from '../strings/index.js';

/** What `tolk init` asks for; everything else is a default the config schema fills in. */
export interface InitOptions {
  /** Directory to set up (created when missing). */
  root: string;
  sourceLanguage: string;
  targetLanguages: readonly string[];
  /** Engine for every language. @default "pseudo" */
  engine?: string;
  /** `sports`: the sports glossary tolk ships; `empty`: a valid TBX with no entries. @default "sports" */
  glossary?: 'sports' | 'empty';
  /** Replace files that exist. @default false */
  force?: boolean;
  /** Pairs the local Apertium has (`apertium -l`); asked of the command when not given. */
  apertiumPairs?: readonly string[];
}

export interface InitResult {
  root: string;
  /** Files written, relative to `root`. */
  written: string[];
  /** Files that existed and were replaced (`force`). */
  replaced: string[];
  /** `.gitignore` gained `.tolk/`. */
  gitignore: 'created' | 'appended' | 'unchanged';
  config: Record<string, unknown>;
  /** Said to the user: where starter texts came from, what the engine needs. */
  notes: string[];
  /** What to run next, in order. */
  next: string[];
}

/** The package's own files (the sports glossary, starter UI strings), found from the built module. */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

const EMPTY_TBX = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="{{lang}}">
  <martifHeader>
    <fileDesc>
      <sourceDesc>
        <p>Terminology for this newsroom (TBX-Basic). Add a termEntry per concept: a langSet per language, a tig with the term and its administrativeStatus (preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts).</p>
      </sourceDesc>
    </fileDesc>
  </martifHeader>
  <text>
    <body>
    </body>
  </text>
</martif>
`;

/** Keys an engine reads from the environment, said after init so nobody puts them in the config. */
const KEYS: Record<string, string> = { deepl: 'DEEPL_AUTH_KEY', openai: 'OPENAI_API_KEY', libretranslate: 'LIBRETRANSLATE_API_KEY (if the server wants one)' };

/**
 * Sets up a newsroom's project: `tolk.config.json`, `articles/<source>/`,
 * `locales/<source>/common.json` with the page-chrome keys the export uses, a
 * starter glossary and `.tolk/` in `.gitignore`. Nothing is overwritten
 * unless `force`: files that exist are an input error naming them all, and
 * nothing is written.
 */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const engine = options.engine ?? 'pseudo';
  if (!engineNames().includes(engine)) throw new UsageError(`--engine must be one of ${engineNames().join(', ')}, got "${engine}"`);
  const source = options.sourceLanguage;
  const targets = [...options.targetLanguages];
  if (targets.length === 0) throw new UsageError('--to names no language');
  const notes: string[] = [];

  let articleLanguages: string[] | undefined;
  let engines: Record<string, string> = { '*': engine };
  if (engine === 'apertium') {
    const pairs = options.apertiumPairs ?? localApertiumPairs();
    articleLanguages = targets.filter((target) => pairs.includes(apertiumPair(source, target)));
    if (articleLanguages.length === 0) {
      throw new UsageError(
        `Apertium has no pair from ${source} into ${targets.join(', ')} on this machine (apertium -l lists: ${pairs.join(', ') || 'nothing'}); ` +
          'install the pair (e.g. apt-get install apertium-afr-nld) or choose another --engine',
      );
    }
    notes.push(`articles in ${articleLanguages.join(', ')}: the pairs apertium -l lists from ${source} (${articleLanguages.map((t) => apertiumPair(source, t)).join(', ')})`);
    const others = targets.filter((t) => !articleLanguages!.includes(t));
    if (others.length) {
      // Apertium cannot translate the UI strings of the other languages; pseudo output marks them as not done yet.
      engines = { ...Object.fromEntries(articleLanguages.map((t) => [t, 'apertium'])), '*': 'pseudo' };
      notes.push(`${others.join(', ')}: no Apertium pair, so UI strings only, through the pseudo engine until engines.<lang> names a real one (deepl, openai, libretranslate) or translators fill them`);
    }
  }
  const config: Record<string, unknown> = {
    sourceLanguage: source,
    targetLanguages: targets,
    ...(articleLanguages ? { articleLanguages } : {}),
    glossaries: ['glossaries/sports.tbx'],
    engines,
  };
  if (KEYS[engine]) notes.push(`${engine} reads its key from the environment: set ${KEYS[engine]} (never in tolk.config.json)`);
  const configText = `${JSON.stringify(config, null, 2)}\n`;
  // The file about to be written must load: validate it exactly as every command will.
  validateConfig(config, configText, join(options.root, CONFIG_FILE));

  const strings = starterStrings(source);
  if (strings.from !== source) notes.push(`locales/${source}/common.json holds the page chrome's strings in English (tolk has no starter in "${source}"): translate them`);
  const files: Record<string, string> = {
    [CONFIG_FILE]: configText,
    [`locales/${source}/common.json`]: `${JSON.stringify(strings.resource, null, 2)}\n`,
    'glossaries/sports.tbx': options.glossary === 'empty' ? EMPTY_TBX.replace('{{lang}}', source) : readFileSync(join(packageRoot, 'glossaries/sports.tbx'), 'utf8'),
  };
  if (options.glossary === 'empty') notes.push('glossaries/sports.tbx is empty: add your terms (TBX-Basic), or run tolk init --glossary sports --force for the sports glossary');

  const existing = Object.keys(files).filter((file) => existsSync(join(options.root, file)));
  if (existing.length && !options.force) {
    const what = existing.length === 1 ? 'exists' : 'exist';
    throw new InputError(`${existing.join(', ')} ${what} already in ${options.root}; nothing was written (tolk init --force replaces ${existing.length === 1 ? 'it' : 'them'})`);
  }

  mkdirSync(join(options.root, 'articles', source), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(options.root, file, '..'), { recursive: true });
    await writeFileAtomic(join(options.root, file), text);
  }
  const gitignore = await ignoreState(options.root);
  return {
    root: options.root,
    written: [...Object.keys(files), `articles/${source}/`],
    replaced: existing,
    gitignore,
    config,
    notes,
    next: ['npx tolk translate', 'npx tolk translate --strings', 'npx tolk check'],
  };
}

/** `.tolk/` (the memory and run state) is never committed. */
async function ignoreState(root: string): Promise<InitResult['gitignore']> {
  const file = join(root, '.gitignore');
  if (!existsSync(file)) {
    await writeFileAtomic(file, '.tolk/\n');
    return 'created';
  }
  const text = readFileSync(file, 'utf8');
  if (text.split(/\r?\n/).some((line) => /^\/?\.tolk\/?$/.test(line.trim()))) return 'unchanged';
  await writeFileAtomic(file, `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}.tolk/\n`);
  return 'appended';
}

/** The page-chrome strings in the source language when tolk ships them (its own locales), else in English. */
function starterStrings(language: string): { from: string; resource: Record<string, unknown> } {
  const from = [language, language.split('-')[0]!, 'en'].find((l) => existsSync(join(packageRoot, 'locales', l, 'common.json')))!;
  const file = join(packageRoot, 'locales', from, 'common.json');
  const flat = flattenStrings(JSON.parse(readFileSync(file, 'utf8')), file);
  const resource: Record<string, unknown> = {};
  for (const [key, value] of flat) {
    const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
    if ((CHROME_KEYS as readonly string[]).includes(base) && value !== null) setKey(resource, key, value);
  }
  return { from, resource };
}

/** The pairs the local Apertium installation lists. */
function localApertiumPairs(): string[] {
  const result = spawnSync('apertium', ['-l'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new ConfigError('--engine apertium: the apertium command is not installed (apt-get install apertium and a pair such as apertium-afr-nld)');
  }
  return result.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}
