/**
 * The one contract every translation engine implements. Engines receive
 * tagged strings (text + `<n>`/`</n>`/`<n/>` placeholders) and must return
 * them with the tags intact; the pipeline checks and retries, not the engine.
 */
export interface EngineLimits {
  /** Most segments in one request. */
  maxSegments: number;
  /** Most characters (UTF-16 units of the tagged text) in one request. */
  maxCharacters: number;
}

export interface TranslateRequest {
  sourceLanguage: string;
  targetLanguage: string;
  /** Tagged source strings, translated in one request. */
  segments: readonly string[];
  signal?: AbortSignal;
  /** Glossary entries occurring in this batch, for engines with `glossary: 'hints'`. */
  glossary?: ReadonlyArray<{ source: string; target: string }>;
  /** What a human translator would see around the batch; engines that can use it do (OpenAI prompt, DeepL `context`). */
  context?: EngineContext;
}

/** The article around a batch: read by the engine, never translated. Plain data (it travels in queue jobs). */
export interface EngineContext {
  /** The article's title (its first heading or front-matter title). */
  title?: string;
  /** Source segments just before the batch's first segment, in order. */
  before?: string[];
  /** Source segments just after the batch's last segment, in order. */
  after?: string[];
  /** The style guide for the target language (`styleGuide` in config). */
  styleGuide?: string;
}

export interface EngineTranslation {
  /** Tagged target string. */
  text: string;
  /** Words the engine did not know (Apertium marks them), a quality signal. */
  unknownWords?: string[];
}

export interface Engine {
  /** Registry name, recorded as the TM origin `engine:<name>`. */
  readonly name: string;
  readonly limits: EngineLimits;
  /**
   * `hints`: the engine takes glossary entries with the request (DeepL
   * glossaries, a prompt section). Otherwise tolk protects glossary terms as
   * placeholders and puts the target terms in afterwards.
   */
  readonly glossary?: 'hints';
  /**
   * The engine reads `TranslateRequest.context` (title, neighbouring segments,
   * style guide): the pipeline then sends it and keeps each batch within one article.
   */
  readonly readsContext?: boolean;
  /** One result per request segment, in order. */
  translate(request: TranslateRequest): Promise<EngineTranslation[]>;
  /** Release processes or sockets. */
  close?(): Promise<void>;
}
