import { describe, expect, it } from 'vitest';
import { createLocalQueue } from '../../src/queue/index.js';
import { scriptedEngine } from '../helpers/scripted-engine.js';
import { describeJobQueue } from './contract.js';

describeJobQueue('p-queue in process', {
  async create(setup) {
    const queue = createLocalQueue(setup);
    return { queue, close: () => queue.close() };
  },
});

describe('local queue', () => {
  it('local queue: a job naming an engine the queue does not have is refused with the names it has', async () => {
    const queue = createLocalQueue({ engines: [scriptedEngine('one')], limits: () => ({ concurrency: 1 }), retry: { retries: 0, minDelayMs: 1, maxDelayMs: 1 } });
    await expect(queue.submit({ engine: 'two', sourceLanguage: 'nl', targetLanguage: 'af', segments: [] })).rejects.toThrow(/no engine "two".*one/);
  });
});
