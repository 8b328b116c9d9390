import type { MemoryStore, Status } from '../memory/index.js';

export interface Known {
  target: string;
  status: Status;
  origin: string;
}

/**
 * The memory phase: what the memory holds for a set of segments, in two
 * batched calls whatever their number — by segment id, then by source text
 * (tag numbering ignored) for the rest. On a networked store that is two
 * round trips per chunk and language, not one per segment.
 */
export async function lookupTranslations(store: MemoryStore, sourceLanguage: string, language: string, sources: ReadonlyMap<string, string>): Promise<Map<string, Known>> {
  const found = new Map<string, Known>();
  if (sources.size === 0) return found;
  for (const [id, entry] of await store.lookup([...sources.keys()], language)) found.set(id, { target: entry.target, status: entry.status, origin: entry.origin });
  const rest = [...sources].filter(([id]) => !found.has(id));
  if (rest.length === 0) return found;
  const byText = await store.lookupTexts([...new Set(rest.map(([, source]) => source))], sourceLanguage, language);
  for (const [id, source] of rest) {
    const entry = byText.get(source);
    if (entry) found.set(id, { target: entry.target, status: entry.status, origin: entry.origin });
  }
  return found;
}
