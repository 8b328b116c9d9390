/** Engine work across machines: BullMQ queues on Redis (producer side) and the workers that run them. */
export { createBullmqQueue, QueueLostError, type BullmqQueueOptions } from './bullmq-queue.js';
export { createBullmqWorker, type BullmqWorker, type BullmqWorkerOptions, type WorkerHealth } from './bullmq-worker.js';
export { checkRedis, connectionFor, DEFAULT_PREFIX, redactRedisUrl } from './connection.js';
