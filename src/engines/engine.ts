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
  /** One result per request segment, in order. */
  translate(request: TranslateRequest): Promise<EngineTranslation[]>;
  /** Release processes or sockets. */
  close?(): Promise<void>;
}
