/**
 * Queue stage: engine work as plain-data jobs. The producer (pipeline) submits
 * `EngineJob`s and gets `EngineResult`s; where they run is the queue's affair.
 */
export type { EngineJob, EngineResult, EngineProfile, JobMemory, SegmentResult } from './job.js';
export type { JobQueue, QueueCounts, QueueLimits } from './job-queue.js';
export { createLocalQueue, type LocalQueueOptions } from './local-queue.js';
export { runJob } from './run-job.js';
export { type RetryPolicy } from './retry.js';
export type { BullmqQueueOptions, BullmqWorker, BullmqWorkerOptions, WorkerHealth } from './bullmq/index.js';
export { redactRedisUrl } from './bullmq/url.js';
/** BullMQ (and ioredis) load only when a run uses a remote queue: they cost a local run most of a second. */
export const loadBullmq = () => import('./bullmq/index.js');
