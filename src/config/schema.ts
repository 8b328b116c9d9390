import { z } from 'zod';

/** BCP 47-ish language tag: `nl`, `en`, `pt-BR`, `sr-Latn`. Validated loosely; Intl checks the rest. */
const languageTag = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as "nl" or "pt-BR"');

/**
 * The contract of `tolk.config.json`. Defaults live here and only here, so a
 * config that omits a key behaves exactly like one that spells out the default.
 */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    /** Language the articles are written in. */
    sourceLanguage: languageTag,
    /** Languages tolk produces. */
    targetLanguages: z.array(languageTag).min(1, 'expected at least one target language'),
    /** Directory holding `<lang>/**\/*.md`. @default "articles" */
    articles: z.string().min(1).default('articles'),
    /** Directory holding i18next `<lng>/<ns>.json`. @default "locales" */
    locales: z.string().min(1).default('locales'),
    /** TBX or CSV glossary files. @default [] */
    glossaries: z.array(z.string().min(1)).default([]),
    /** Front-matter fields whose values are translated; all others are copied as they are. */
    frontMatter: z
      .object({
        translate: z.array(z.string().min(1)).default(['title', 'description', 'summary', 'subtitle', 'caption']),
      })
      .strict()
      .default({ translate: ['title', 'description', 'summary', 'subtitle', 'caption'] }),
    /** Translation memory settings. */
    memory: z
      .object({
        /** SQLite file, relative to the project root. @default ".tolk/tm.sqlite" */
        path: z.string().min(1).default('.tolk/tm.sqlite'),
        /** Minimum fuzzy score (0-100) for a suggestion. @default 75 */
        fuzzyThreshold: z.number().int().min(0).max(100).default(75),
      })
      .strict()
      .default({ path: '.tolk/tm.sqlite', fuzzyThreshold: 75 }),
    /** Engine per target language (`"*"` for all others). @default { "*": "pseudo" } */
    engines: z.record(z.string(), z.string().min(1)).default({ '*': 'pseudo' }),
  })
  .strict()
  .superRefine((config, ctx) => {
    config.targetLanguages.forEach((lang, i) => {
      if (lang === config.sourceLanguage)
        ctx.addIssue({ code: 'custom', path: ['targetLanguages', i], message: 'a target language equals sourceLanguage' });
      if (config.targetLanguages.indexOf(lang) !== i)
        ctx.addIssue({ code: 'custom', path: ['targetLanguages', i], message: `"${lang}" is listed twice` });
    });
  });

export type TolkConfig = z.output<typeof configSchema>;
export type TolkConfigInput = z.input<typeof configSchema>;

/** Gives users types in a `tolk.config.ts`-style helper; the file itself stays JSON. */
export function defineConfig(config: TolkConfigInput): TolkConfigInput {
  return config;
}
