/** Engines stage: one adapter per module behind the `Engine` contract. */
import { UsageError } from '../core/errors.js';
import type { Engine } from './engine.js';
import { createApertiumEngine } from './apertium.js';
import { createPseudoEngine } from './pseudo.js';

export type { Engine, EngineLimits, EngineTranslation, TranslateRequest } from './engine.js';
export { pseudoLocalize } from './pseudo.js';

export interface EngineOptions {
  /** Engine-specific settings from the CLI or config (URLs, models). */
  [key: string]: unknown;
}

/** Adapters by name; each is loaded only when used, so a missing SDK never slows other commands. */
const factories: Record<string, (options: EngineOptions) => Engine | Promise<Engine>> = {
  pseudo: () => createPseudoEngine(),
  apertium: (options) =>
    createApertiumEngine({
      ...(typeof options.apertiumUrl === 'string' ? { url: options.apertiumUrl } : {}),
    }),
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
