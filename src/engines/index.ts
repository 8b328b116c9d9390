/** Engines stage: one adapter per module behind the `Engine` contract. */
import { ConfigError, UsageError } from '../core/errors.js';
import type { Engine } from './engine.js';
import { createApertiumEngine } from './apertium.js';
import { createPseudoEngine } from './pseudo.js';

export type { Engine, EngineContext, EngineLimits, EngineTranslation, TranslateRequest } from './engine.js';
export { pseudoLocalize } from './pseudo.js';
export { RetryableEngineError } from './errors.js';
export { apertiumPair } from './apertium-format.js';

export interface EngineOptions {
  /** Server URL (APY, LibreTranslate, DeepL-compatible, OpenAI-compatible). */
  url?: string;
  /** Model name for OpenAI-compatible engines. */
  model?: string;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  /** Environment for API keys; keys are read here and nowhere else. */
  env?: NodeJS.ProcessEnv;
}

/** Keys come from the environment only, so they never sit in config files or command lines. */
function key(env: NodeJS.ProcessEnv | undefined, name: string, required: boolean): string {
  const value = (env ?? process.env)[name];
  if (!value && required) throw new ConfigError(`the engine needs the environment variable ${name}`);
  return value ?? '';
}

/** Adapters by name; each is loaded only when used, so a missing SDK never slows other commands. */
const timeout = (options: EngineOptions) => (options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});

const factories: Record<string, (options: EngineOptions) => Engine | Promise<Engine>> = {
  pseudo: () => createPseudoEngine(),
  apertium: (options) => createApertiumEngine({ ...(options.url ? { url: options.url } : {}), ...timeout(options) }),
  deepl: async (options) => {
    const { createDeepLEngine } = await import('./deepl.js');
    return createDeepLEngine({ authKey: key(options.env, 'DEEPL_AUTH_KEY', true), ...(options.url ? { serverUrl: options.url } : {}), ...timeout(options) });
  },
  openai: async (options) => {
    const { createOpenAIEngine } = await import('./openai.js');
    return createOpenAIEngine({
      // Local OpenAI-compatible servers accept any key; the SDK refuses an empty one.
      apiKey: key(options.env, 'OPENAI_API_KEY', !options.url) || 'local',
      ...(options.url ? { baseURL: options.url } : {}),
      ...(options.model ? { model: options.model } : {}),
      ...timeout(options),
    });
  },
  libretranslate: async (options) => {
    const { createLibreTranslateEngine } = await import('./libretranslate.js');
    const apiKey = key(options.env, 'LIBRETRANSLATE_API_KEY', false);
    return createLibreTranslateEngine({ url: options.url ?? 'http://127.0.0.1:5000', ...(apiKey ? { apiKey } : {}), ...timeout(options) });
  },
};

export const engineNames = (): string[] => Object.keys(factories);

export async function createEngine(name: string, options: EngineOptions = {}): Promise<Engine> {
  const factory = factories[name];
  if (!factory) throw new UsageError(`unknown engine "${name}"; expected one of: ${engineNames().join(', ')}`);
  return factory(options);
}

/** Engine for a target language from the config's `engines` map (`"*"` is the fallback). */
export function engineFor(engines: Record<string, string>, language: string): string {
  return engines[language] ?? engines['*'] ?? 'pseudo';
}

/** Stand-in keys for `engineProfile`: an engine built with them is asked for its limits only, never sent a request. */
const PROFILE_ENV: NodeJS.ProcessEnv = { DEEPL_AUTH_KEY: 'profile-only', OPENAI_API_KEY: 'profile-only', LIBRETRANSLATE_API_KEY: 'profile-only' };

/**
 * What a producer plans batches with (name, limits, glossary support) when
 * workers elsewhere run the engine: no key is needed on the producer's machine.
 */
export async function engineProfile(name: string, options: Omit<EngineOptions, 'env'> = {}): Promise<Pick<Engine, 'name' | 'limits' | 'glossary'>> {
  const engine = await createEngine(name, { ...options, env: PROFILE_ENV });
  await engine.close?.();
  return { name: engine.name, limits: engine.limits, ...(engine.glossary ? { glossary: engine.glossary } : {}) };
}
