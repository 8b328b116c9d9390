/**
 * Worker-thread side of `readTmxInWorker`: parses the TMX and posts units in
 * batches, never more than MAX_IN_FLIGHT ahead of the consumer, so memory
 * stays flat however large the file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TolkError } from '../../core/errors.js';
import { readTmx } from './read-tmx.js';
import type { ReadTmxOptions, TmxUnit } from './types.js';

const BATCH = 1000;
const MAX_IN_FLIGHT = 4;

const port = parentPort!;
const { path, options } = workerData as { path: string; options: ReadTmxOptions };
let inFlight = 0;
let release: (() => void) | undefined;
port.on('message', (message: string) => {
  if (message !== 'ack') return;
  inFlight--;
  release?.();
  release = undefined;
});

async function send(units: TmxUnit[]): Promise<void> {
  port.postMessage({ type: 'units', units });
  if (++inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (release = resolve));
}

try {
  const document = await readTmx(path, options);
  port.postMessage({ type: 'header', header: document.header });
  let batch: TmxUnit[] = [];
  for await (const unit of document.units) {
    batch.push(unit);
    if (batch.length === BATCH) {
      await send(batch);
      batch = [];
    }
  }
  if (batch.length) await send(batch);
  port.postMessage({ type: 'end' });
} catch (error) {
  const e = error as Error;
  port.postMessage({
    type: 'error',
    error: { name: e.name, message: e.message, location: error instanceof TolkError ? error.location : {}, ...(!(error instanceof TolkError) && e.stack ? { stack: e.stack } : {}) },
  });
}
