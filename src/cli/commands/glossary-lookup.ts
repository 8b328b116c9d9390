import { loadProject } from '../../config/index.js';
import { UsageError } from '../../core/errors.js';
import { loadGlossaries, type Concept } from '../../glossary/index.js';
import { printJson, type CommandIO } from '../io.js';

export interface GlossaryLookupArgs {
  term: string;
  root?: string;
  json?: boolean;
}

/** `tolk glossary lookup <term>`: the entries with that term in any language, shown in all languages. */
export async function runGlossaryLookup(args: GlossaryLookupArgs, io: CommandIO): Promise<number> {
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  if (project.config.glossaries.length === 0) throw new UsageError('no glossaries in the config ("glossaries": ["glossaries/sports.tbx"])');
  const glossary = await loadGlossaries(project.root, project.config.glossaries);
  const wanted = args.term.normalize('NFC').trim().toLowerCase();
  const found = glossary.concepts.filter((c) => Object.values(c.terms).some((terms) => terms.some((t) => t.text.toLowerCase() === wanted)));
  if (args.json) printJson(io, found);
  else if (found.length === 0) io.stdout(`no entry for "${args.term}"\n`);
  else for (const concept of found) io.stdout(describe(concept));
  return found.length ? 0 : 1;
}

function describe(concept: Concept): string {
  const lines = [`${concept.id}${concept.dnt ? ' (do not translate)' : ''}${concept.subject ? ` [${concept.subject}]` : ''}`];
  for (const [language, terms] of Object.entries(concept.terms)) {
    lines.push(`  ${language.padEnd(6)} ${terms.map((t) => (t.status === 'preferred' ? t.text : `${t.text} (${t.status})`)).join(', ')}`);
  }
  if (concept.note) lines.push(`  note   ${concept.note}`);
  return `${lines.join('\n')}\n`;
}
