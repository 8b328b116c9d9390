import { z } from 'zod';
import { LANGUAGE_TAG } from '../core/language-tag.js';

/** BCP 47-ish language tag: `nl`, `en`, `pt-BR`, `sr-Latn`. Validated loosely; Intl checks the rest. */
const languageTag = z
  .string()
  .regex(LANGUAGE_TAG, 'expected a BCP 47 language tag such as "nl" or "pt-BR"');

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
    /**
     * Languages articles are published in, when fewer than the UI strings'
     * (a newsroom translates its interface everywhere but articles only where
     * it has an engine or translators). @default targetLanguages
     */
    articleLanguages: z.array(languageTag).min(1).optional(),
    /** Directory holding `<lang>/**\/*.md`. @default "articles" */
    articles: z.string().min(1).default('articles'),
    /** Directory holding i18next `<lng>/<ns>.json`. @default "locales" */
    locales: z.string().min(1).default('locales'),
    /** How `tolk check` reads the i18next UI strings under `locales`. */
    strings: z
      .object({
        /** Namespaces (`<ns>.json`, `admin/users` for subfolders) to check. @default every JSON file under `locales/<sourceLanguage>/` */
        namespaces: z.array(z.string().min(1)).min(1).optional(),
        /**
         * Keys whose translation may equal the source ("Podcast", brand names, Afrikaans "Goud"), so `identical`
         * does not warn: `key` (any namespace), `ns:key`, or a prefix ending in `*`. A list applies to every
         * language; an object lists them per language, `"*"` for all: `{ "*": ["nav.podcast"], "af": ["medals.gold"] }`.
         * @default []
         */
        identicalAllowed: z
          .union([z.array(z.string().min(1)), z.record(z.string(), z.array(z.string().min(1)))])
          .default([]),
      })
      .strict()
      .default({ identicalAllowed: [] }),
    /** TBX or CSV glossary files. @default [] */
    glossaries: z.array(z.string().min(1)).default([]),
    /** How glossary violations count: `warning` reports them; `error` also keeps violating machine translations out of articles and fails checks on missing terms. */
    glossary: z
      .object({
        enforcement: z.enum(['warning', 'error']).default('warning'),
        /**
         * Article subjects and the glossary subject fields (TBX `subjectField`, CSV `subject`) that belong to each:
         * `{ "sports": ["athletics", "swimming", …] }`. An entry whose subject is listed applies only in articles of
         * that subject (front matter `subject: sports`); an entry whose subject is listed nowhere, or that has none,
         * applies in every article. @default {} (every entry applies everywhere)
         */
        subjects: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
        /** The subject of an article whose front matter names none. @default none: such an article gets only the entries no subject claims */
        defaultSubject: z.string().min(1).optional(),
      })
      .strict()
      .default({ enforcement: 'warning', subjects: {} }),
    /** Quality checks on every translation tolk uses or is given (src/qa): numbers, engine marks, untranslated text, capitals, punctuation, length. */
    qa: z
      .object({
        /** `error`: a machine translation with an error finding stays out of the article (its segment stays in the source language). @default "warning" */
        enforcement: z.enum(['warning', 'error']).default('warning'),
        /** Severity per rule (`number-mismatch`, `engine-mark`, `untranslated`, `capitalization`, `punctuation`, `length`), or `off`. @default each rule's own */
        rules: z.partialRecord(z.enum(['number-mismatch', 'engine-mark', 'untranslated', 'capitalization', 'punctuation', 'length']), z.enum(['error', 'warning', 'off'])).default({}),
        /** Target/source length ratio `[min, max]` per pair (`"nl-af"`) or `"*"`. @default measured per pair on NTREX (nl-af 0.45–1.6, …: src/qa/rules/length.ts), else [0.4, 2.5] */
        length: z.record(z.string(), z.tuple([z.number().min(0), z.number().min(0)])).default({}),
        /** Findings a person accepted, `"<segment id (8+ characters)>:<rule>"`: not reported again. @default [] */
        accept: z.array(z.string().regex(/^[0-9a-zA-Z_-]{8,}:[a-z-]+$/, 'expected "<segment id>:<rule>"')).default([]),
      })
      .strict()
      .default({ enforcement: 'warning', rules: {}, length: {}, accept: [] }),
    /**
     * House style per target language for engines that read context (OpenAI-compatible): `"*"` applies to every
     * language, a language's own guide follows it. A value that is one word ending in `.md` or `.txt` is a file
     * relative to the project, read when the config loads (a missing file is a config error).
     * @default {}
     */
    styleGuide: z.record(z.union([languageTag, z.literal('*')]), z.string().min(1)).default({}),
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
        /** SQLite page cache in MiB: held in memory by every command that reads the memory. @default 32 */
        cacheMB: z.number().int().min(1).max(4096).default(32),
        /** SQLite memory-mapped reads in MiB (0: off). Faster exact lookups in a large memory, paid for in resident memory. @default 0 */
        mmapMB: z.number().int().min(0).max(16384).default(0),
        /**
         * A shared PostgreSQL memory instead of the SQLite file: `postgres://user@host:5432/db` (TOLK_MEMORY_URL
         * overrides it). No password here: node-postgres reads PGPASSWORD or ~/.pgpass.
         */
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//i, 'must start with postgres://')
          .refine((url) => !/^[a-z]+:\/\/[^/@]*:[^/@]*@/i.test(url), 'must not contain a password: put it in PGPASSWORD or ~/.pgpass')
          .optional(),
      })
      .strict()
      .default({ path: '.tolk/tm.sqlite', fuzzyThreshold: 75, cacheMB: 32, mmapMB: 0 }),
    /**
     * Engine work across machines: BullMQ queues on Redis, run by `tolk worker` processes. Needs a shared memory
     * (`memory.url`). None: engines run in this process (p-queue).
     */
    queue: z
      .object({
        /** `redis://host:6379` (TOLK_QUEUE_URL overrides it). No password here: put it in the environment's Redis URL. */
        url: z
          .string()
          .regex(/^rediss?:\/\//i, 'must start with redis:// or rediss://')
          .refine((url) => !/^[a-z]+:\/\/[^/@]*:[^/@]*@/i.test(url), 'must not contain a password: set TOLK_QUEUE_URL in the environment instead')
          .optional(),
        /** BullMQ key prefix; every producer and worker of a team must use the same. @default "tolk" */
        prefix: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only (BullMQ refuses ":")').optional(),
        /** Seconds a finished job (and its answer) is kept, so producers asking for the same batch share it. @default 3600 */
        keepFinishedSeconds: z.number().int().min(1).optional(),
        /** A job whose worker stopped answering (killed, machine down) goes to another worker after this many ms. @default 30000 */
        lockDurationMs: z.number().int().min(1000).optional(),
      })
      .strict()
      .optional(),
    /** Engine per target language (`"*"` for all others). @default { "*": "pseudo" } */
    engines: z.record(z.string(), z.string().min(1)).default({ '*': 'pseudo' }),
    /** Per-engine settings: server URL, model, and the queue limits for that engine. */
    engineOptions: z
      .record(
        z.string(),
        z
          .object({
            /** Server URL (APY, LibreTranslate, DeepL- or OpenAI-compatible). */
            url: z.string().url().optional(),
            /** Model for OpenAI-compatible engines. */
            model: z.string().min(1).optional(),
            /** Per-request timeout in ms. @default 60000-120000 by engine */
            timeoutMs: z.number().int().min(1).optional(),
            /** Requests in flight at once. @default pipeline.concurrency */
            concurrency: z.number().int().min(1).max(64).optional(),
            /** At most this many requests per `interval` ms (rate limit). */
            intervalCap: z.number().int().min(1).optional(),
            /** @default 1000 */
            interval: z.number().int().min(1).optional(),
          })
          .strict(),
      )
      .default({}),
    /** Queue and retry policy for engine requests. */
    pipeline: z
      .object({
        /** Requests in flight per engine. @default 4 */
        concurrency: z.number().int().min(1).max(64).default(4),
        /** Retries of a failed request (429, 5xx, timeouts), with exponential backoff and jitter. @default 5 */
        retries: z.number().int().min(0).max(20).default(5),
        /** First retry delay in ms; doubles each time. @default 500 */
        retryDelayMs: z.number().int().min(0).default(500),
        /** Longest wait between retries in ms. @default 30000 */
        maxRetryDelayMs: z.number().int().min(0).default(30_000),
        /** Longest `Retry-After` a server may ask for that is waited out in full; a longer one fails the batch. @default 300000 */
        maxRetryAfterMs: z.number().int().min(0).default(300_000),
      })
      .strict()
      .default({ concurrency: 4, retries: 5, retryDelayMs: 500, maxRetryDelayMs: 30_000, maxRetryAfterMs: 300_000 }),
    /**
     * Structural limits on input files (see src/core/limits.ts for each one's meaning and default):
     * raise one when a real file is refused. Depths, counts and bytes only, never time.
     * @default {}
     */
    limits: z
      .object({
        /** Block quotes, lists, emphasis and links nested in an article. @default 64 */
        markdownDepth: z.number().int().min(1).optional(),
        /** Blocks (and segments) in one article. @default 5000 */
        markdownBlocks: z.number().int().min(1).optional(),
        /** Block quotes in one article, nested ones each counted. @default 500 */
        markdownQuotes: z.number().int().min(0).optional(),
        /** Size of one article in bytes. @default 1048576 */
        articleBytes: z.number().int().min(1).optional(),
        /** Nesting in a locale file or the config. @default 64 */
        jsonDepth: z.number().int().min(1).optional(),
        /** Size of one locale file in bytes. @default 16777216 */
        jsonBytes: z.number().int().min(1).optional(),
        /** YAML aliases expanded in one front matter (the yaml package's maxAliasCount). @default 100 */
        yamlAliases: z.number().int().min(0).optional(),
        /** Element nesting in TMX, XLIFF and TBX. @default 64 */
        xmlDepth: z.number().int().min(4).optional(),
        /** Inline elements in one TMX seg, XLIFF source/target or TBX entry. @default 2000 */
        inlineElements: z.number().int().min(1).optional(),
        /** Size of one XLIFF file in bytes. @default 67108864 */
        xliffBytes: z.number().int().min(1).optional(),
        /** Size of one TMX file in bytes. @default 4294967296 */
        tmxBytes: z.number().int().min(1).optional(),
        /** Size of one glossary file in bytes. @default 67108864 */
        glossaryBytes: z.number().int().min(1).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    config.articleLanguages?.forEach((lang, i) => {
      if (lang === config.sourceLanguage)
        ctx.addIssue({ code: 'custom', path: ['articleLanguages', i], message: 'an article language equals sourceLanguage' });
    });
    config.targetLanguages.forEach((lang, i) => {
      if (lang === config.sourceLanguage)
        ctx.addIssue({ code: 'custom', path: ['targetLanguages', i], message: 'a target language equals sourceLanguage' });
      if (config.targetLanguages.indexOf(lang) !== i)
        ctx.addIssue({ code: 'custom', path: ['targetLanguages', i], message: `"${lang}" is listed twice` });
    });
  });

/** The config with every default filled in, `articleLanguages` included. */
export type TolkConfig = Omit<z.output<typeof configSchema>, 'articleLanguages'> & { articleLanguages: string[] };
export type TolkConfigInput = z.input<typeof configSchema>;

/** Gives users types in a `tolk.config.ts`-style helper; the file itself stays JSON. */
export function defineConfig(config: TolkConfigInput): TolkConfigInput {
  return config;
}
