import { inject } from 'vitest';
import { createBullmqQueue, createBullmqWorker } from '../../src/queue/index.js';
import { describeJobQueue } from './contract.js';

const url = inject('redisUrl');
let run = 0;

describeJobQueue('BullMQ on Redis', {
  async create(setup) {
    // A prefix per test: its queues, limits and kept jobs answer no other test.
    const prefix = `tolk-test-${process.pid}-${run++}`;
    const engines = new Map(setup.engines.map((e) => [e.name, e]));
    const worker = await createBullmqWorker({
      url,
      prefix,
      engines: [...engines.keys()],
      engineFor: async (job) => engines.get(job.engine)!,
      concurrency: 8,
      retry: setup.retry,
    });
    const queue = createBullmqQueue({ url, prefix, limits: setup.limits, retry: setup.retry });
    return {
      queue,
      async close() {
        await queue.close();
        await worker.close();
      },
    };
  },
});
