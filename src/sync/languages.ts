import type { Project } from '../config/index.js';
import { InputError, UsageError } from '../core/errors.js';
import { normalizeLanguageTag, type XliffDocument } from '../exchange/index.js';

/**
 * The project language a file's tag stands for: the same tag (any casing),
 * else the one whose tag is the file's without its region (`af-ZA` → `af`),
 * which CAT tools often add. Undefined when none fits.
 */
export function matchLanguage(tag: string, languages: readonly string[]): string | undefined {
  const wanted = normalizeLanguageTag(tag).toLowerCase();
  const exact = languages.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  return languages.find((l) => wanted.startsWith(`${l.toLowerCase()}-`));
}

/**
 * The target language an XLIFF file is for, checked against the project:
 * the source language must be the project's (po2xliff output is exempt: it
 * always says `en-US`, and the segment ids still prove the source), the
 * target one of its target languages (UI strings; articles too when it is
 * an article language). A file naming no target language
 * (po2xliff) needs `--to`. Anything else is an InputError: nothing is imported.
 */
export function fileLanguage(doc: XliffDocument, file: string, project: Project, to?: string): string {
  const { sourceLanguage, targetLanguages } = project.config;
  const where = { file, line: doc.languageLine };
  if (!doc.gettext) {
    if (!doc.sourceLanguage) throw new InputError(`the file names no source language; expected ${sourceLanguage}`, where);
    if (!matchLanguage(doc.sourceLanguage, [sourceLanguage])) {
      throw new InputError(
        `wrong language pair: the file is for ${doc.sourceLanguage} → ${doc.targetLanguage ?? '?'}, but this project's source language is ${sourceLanguage}`,
        where,
      );
    }
  }
  const wanted = to === undefined ? undefined : matchLanguage(to, targetLanguages);
  if (to !== undefined && !wanted) throw new UsageError(`--to ${to} is not a target language of this project (targetLanguages: ${targetLanguages.join(', ')})`);
  if (!doc.targetLanguage) {
    if (wanted) return wanted;
    throw new InputError(
      `the file names no target language${doc.gettext ? " (Translate Toolkit's po2xliff writes none)" : ''}; pass --to <lang>`,
      where,
    );
  }
  const language = matchLanguage(doc.targetLanguage, targetLanguages);
  if (!language) {
    throw new InputError(
      `wrong language pair: the file is for ${doc.sourceLanguage ?? sourceLanguage} → ${doc.targetLanguage}, but ${doc.targetLanguage} is not a target language of this project (targetLanguages: ${targetLanguages.join(', ')})`,
      where,
    );
  }
  if (wanted && wanted !== language) throw new InputError(`the file is for ${doc.targetLanguage}, not --to ${to}`, where);
  return language;
}
