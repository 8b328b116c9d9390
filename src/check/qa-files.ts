import { extname } from 'node:path';
import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { InputError, UsageError } from '../core/errors.js';
import { readTmx, readXliff } from '../exchange/index.js';
import { checkTranslation, matchers, violationMessage, violationSeverity, type Glossary } from '../glossary/index.js';
import { segmentId } from '../tagged/index.js';
import { checkQa } from '../qa/index.js';

export interface QaFilesOptions {
  project: Project;
  /** Files to check, as given (`display`) and resolved (`path`). */
  files: ReadonlyArray<{ path: string; display: string }>;
  /** Only these target languages; also the target language of files that name none. @default every language in the files */
  languages?: readonly string[];
  glossary?: Glossary;
}

export interface QaFilesResult {
  findings: Diagnostic[];
  /** Translation pairs checked, per target language. */
  checked: Record<string, number>;
}

/** A pair read from a vendor's TMX or a translator's XLIFF, before it goes anywhere near the memory. */
interface Pair {
  file: string;
  line: number;
  unit?: string;
  sourceLanguage: string;
  language: string;
  source: string;
  target: string;
}

const SEGMENT_ID = /^[0-9a-f]{64}$/;

/**
 * QA (and glossary) findings for the units of TMX and XLIFF files, read with
 * the same hardened readers the imports use: each finding at its file, line
 * and unit, with the segment id, source and target. A file that cannot be
 * read is an InputError (exit 2); nothing is written anywhere.
 */
export async function qaFileFindings(options: QaFilesOptions): Promise<QaFilesResult> {
  const { project } = options;
  const result: QaFilesResult = { findings: [], checked: {} };
  const terms = options.glossary ? matchers(options.glossary) : undefined;
  const wanted = options.languages?.length ? new Set(options.languages.map((l) => l.toLowerCase())) : undefined;
  const check = (pair: Pair) => {
    if (wanted && !wanted.has(pair.language.toLowerCase())) return;
    result.checked[pair.language] = (result.checked[pair.language] ?? 0) + 1;
    const segment = pair.unit && SEGMENT_ID.test(pair.unit) ? pair.unit : segmentId(pair.sourceLanguage, pair.source);
    const where = {
      file: pair.file,
      line: pair.line,
      language: pair.language,
      unit: pair.unit ?? null,
      segment,
      source: pair.source,
      target: pair.target,
    };
    for (const f of checkQa(pair.source, pair.target, { source: pair.sourceLanguage, target: pair.language }, project.config.qa, segment)) {
      result.findings.push({ ...f, ...where });
    }
    if (!terms) return;
    for (const v of checkTranslation(pair.source, pair.target, terms(pair.sourceLanguage), terms(pair.language))) {
      result.findings.push({ severity: violationSeverity(v, project.config.glossary.enforcement), rule: v.rule, message: violationMessage(v), expected: v.expected, ...(v.found ? { actual: v.found } : {}), ...where });
    }
  };
  for (const file of options.files) {
    const ext = extname(file.path).toLowerCase();
    if (ext === '.tmx') {
      const { units } = await readTmx(file.path, { displayName: file.display, preferredSource: project.config.sourceLanguage });
      for await (const unit of units) {
        if (unit.skip) continue;
        for (const target of unit.targets) {
          if (target.skip) continue;
          check({ file: file.display, line: unit.line, ...(unit.tuid ? { unit: unit.tuid } : {}), sourceLanguage: unit.sourceLanguage, language: target.language, source: unit.source, target: target.text });
        }
      }
    } else if (ext === '.xlf' || ext === '.xliff') {
      const doc = await readXliff(file.path, { displayName: file.display });
      // po2xliff's files always say en-US: the project's languages are the truth there.
      const sourceLanguage = doc.gettext ? project.config.sourceLanguage : (doc.sourceLanguage ?? project.config.sourceLanguage);
      const language = (doc.gettext ? undefined : doc.targetLanguage) ?? (options.languages?.length === 1 ? options.languages[0] : undefined);
      if (!language) throw new InputError(`${file.display} names no target language: pass --to <lang>`, { file: file.display, line: doc.languageLine });
      for (const unit of doc.units) {
        if (!unit.target || !('tagged' in unit.target) || !('tagged' in unit.source) || unit.target.tagged.trim() === '') continue;
        check({ file: file.display, line: unit.line, ...(unit.id ? { unit: unit.id } : {}), sourceLanguage, language, source: unit.source.tagged, target: unit.target.tagged });
      }
    } else {
      throw new UsageError(`${file.display}: expected a .tmx, .xlf or .xliff file, got "${ext || 'no extension'}"`);
    }
  }
  return result;
}
