import { loadProject } from '../../config/index.js';
import { UsageError } from '../../core/errors.js';
import { normalizeLanguageTag } from '../../exchange/index.js';
import { loadGlossaries, type Concept } from '../../glossary/index.js';
import { printJson, type CommandIO } from '../io.js';

export interface GlossaryLookupArgs {
  term: string;
  root?: string;
  json?: boolean;
}

/**
 * `tolk glossary lookup <term>`: every entry with that term in any language
 * and any status (so a forbidden term leads to the right one), matched whole
 * and case-insensitively, shown in all its languages. Exit 1 when none has it.
 */
export async function runGlossaryLookup(args: GlossaryLookupArgs, io: CommandIO): Promise<number> {
  const wanted = key(args.term);
  if (!wanted) throw new UsageError('expected a term to look up, got an empty one');
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const { config } = project;
  if (config.glossaries.length === 0) throw new UsageError('no glossaries in the config ("glossaries": ["glossaries/sports.tbx"])');
  const glossary = await loadGlossaries(project.root, config.glossaries);
  const found = glossary.concepts.filter((concept) => Object.values(concept.terms).some((terms) => terms.some((term) => key(term.text) === wanted)));
  if (args.json) printJson(io, found);
  else if (found.length === 0) io.stdout(`no glossary entry has the term "${args.term.trim()}"\n`);
  else io.stdout(found.map((concept) => describe(concept, [config.sourceLanguage, ...config.targetLanguages])).join('\n'));
  return found.length ? 0 : 1;
}

/** What two terms must share to match: NFC, case-folded, trimmed. */
const key = (text: string) => text.normalize('NFC').trim().toLowerCase();

/**
 * ```
 * sport-team-pursuit  glossaries/sports.tbx:1021
 *   subject  track cycling
 *   dnt      no
 *   note     Afrikaans 'ploeg' means plough; the team word is 'span'.
 *   nl       ploegenachtervolging
 *   en       team pursuit, team chase (deprecated)
 * ```
 * The preferred term comes first, unmarked; every other term says its status.
 * The project's languages come first, source then targets, then any others in file order.
 */
function describe(concept: Concept, projectLanguages: string[]): string {
  const order = projectLanguages.map(normalizeLanguageTag);
  const rank = (language: string) => (order.includes(language) ? order.indexOf(language) : order.length);
  const languages = Object.keys(concept.terms).sort((a, b) => rank(a) - rank(b));
  const rows: [string, string][] = [
    ...(concept.subject ? [['subject', concept.subject] as [string, string]] : []),
    ['dnt', concept.dnt ? 'yes (names keep their form; use the preferred term)' : 'no'],
    ...(concept.note ? [['note', concept.note] as [string, string]] : []),
    ...languages.map((language): [string, string] => [
      language,
      concept.terms[language]!.map((term) => (term.status === 'preferred' ? term.text : `${term.text} (${term.status})`)).join(', '),
    ]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const where = `${concept.file}${concept.line ? `:${concept.line}` : ''}`;
  const heading = concept.id === where ? where : `${concept.id}  ${where}`;
  return `${heading}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}\n`).join('')}`;
}
