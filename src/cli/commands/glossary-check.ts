import { glossaryFindings } from '../../check/index.js';
import { loadProject } from '../../config/index.js';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { UsageError } from '../../core/errors.js';
import { loadGlossaries } from '../../glossary/index.js';
import { printJson, type CommandIO } from '../io.js';
import { languageList } from '../options.js';

export interface GlossaryCheckArgs {
  to?: string;
  root?: string;
  json?: boolean;
}

/** `tolk glossary check`: the localized articles on disk against the glossary (hand edits included). */
export async function runGlossaryCheck(args: GlossaryCheckArgs, io: CommandIO): Promise<number> {
  const languages = args.to === undefined ? undefined : languageList(args.to, '--to');
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  if (project.config.glossaries.length === 0) throw new UsageError('no glossaries in the config ("glossaries": ["glossaries/sports.tbx"])');
  const glossary = await loadGlossaries(project.root, project.config.glossaries);
  const findings = await glossaryFindings({
    project,
    glossary,
    enforcement: project.config.glossary.enforcement,
    ...(languages ? { languages } : {}),
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (args.json) {
    printJson(
      io,
      findings.map(({ severity, rule, language, file, line, term, expected, found }) => ({ severity, rule, language, file, line, term, expected, found })),
    );
  } else {
    for (const finding of findings) io.stdout(`${formatDiagnostic(finding)}\n`);
    io.stdout(`${errors} errors, ${findings.length - errors} warnings (${glossary.concepts.length} glossary entries)\n`);
  }
  return errors > 0 ? 1 : 0;
}
