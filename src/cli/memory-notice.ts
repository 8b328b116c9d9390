import { subscribe } from 'node:diagnostics_channel';
// The event module alone, not the memory's index (which loads both drivers): every command subscribes at start.
import { MEMORY_RETRY_CHANNEL, type MemoryRetryEvent } from '../memory/retry-events.js';

/** While the server stays away, the waiting line is repeated this often, so a long wait does not look like a hang. */
const REPEAT_MS = 10_000;

/**
 * Tells the person running a command when the shared memory's server goes
 * away and comes back: one line when waiting starts (host and what to expect),
 * one every ten seconds while it lasts, one when it answers again. On stderr,
 * so `--json` output stays one JSON document.
 */
export function announceMemoryRetries(stderr: (text: string) => void): void {
  // Per server: when the current wait was last announced (absent: not waiting).
  const waiting = new Map<string, number>();
  subscribe(MEMORY_RETRY_CHANNEL, (message) => {
    const event = message as MemoryRetryEvent;
    const last = waiting.get(event.host);
    if (event.kind === 'resumed') {
      if (last === undefined) return;
      waiting.delete(event.host);
      stderr(`tolk: the translation memory at ${event.host} answers again; continuing\n`);
      return;
    }
    const now = Date.now();
    if (last !== undefined && now - last < REPEAT_MS) return;
    waiting.set(event.host, now);
    stderr(
      last === undefined
        ? `tolk: waiting for the translation memory at ${event.host} (${event.reason}); retrying ${event.what} for up to ${Math.round(event.retryForMs / 1000)} s\n`
        : `tolk: still waiting for the translation memory at ${event.host} (${Math.round(event.waitedMs / 1000)} s so far: ${event.reason})\n`,
    );
  });
}
