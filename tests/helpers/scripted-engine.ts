import type { Engine, EngineTranslation, TranslateRequest } from '../../src/engines/index.js';
import { RetryableEngineError } from '../../src/engines/index.js';
import { serialize, tokenize } from '../../src/tagged/index.js';

/** Uppercases text outside tags, so a test can predict every translation. */
export const upper = (tagged: string): string =>
  serialize(tokenize(tagged).map((t) => (t.type === 'text' ? { ...t, value: t.value.toUpperCase() } : t)));

export interface ScriptedEngine extends Engine {
  /** Every segment received, in order, across requests. */
  received: string[];
  requests: number;
}

/**
 * An in-process engine for pipeline tests: `behave` may throw (to simulate a
 * failing request) or return its own translations for a request.
 */
export function scriptedEngine(
  name = 'scripted',
  behave?: (request: TranslateRequest, index: number) => EngineTranslation[] | undefined,
  limits = { maxSegments: 10, maxCharacters: 100_000 },
): ScriptedEngine {
  const engine: ScriptedEngine = {
    name,
    limits,
    received: [],
    requests: 0,
    async translate(request) {
      const index = engine.requests++;
      engine.received.push(...request.segments);
      return behave?.(request, index) ?? request.segments.map((s) => ({ text: upper(s) }));
    },
  };
  return engine;
}

export const transient = (message = 'HTTP 503') => new RetryableEngineError(message, { status: 503 });
