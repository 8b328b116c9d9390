import type { Project } from '../config/index.js';
import { ConfigError } from '../core/errors.js';
import { redactRedisUrl } from '../queue/index.js';

/** Where a project's engine work goes when it runs across machines (BullMQ on Redis). */
export interface RemoteQueueConfig {
  url: string;
  prefix?: string;
  keepFinishedSeconds?: number;
  lockDurationMs?: number;
}

/**
 * The project's remote queue (`TOLK_QUEUE_URL` or `queue.url`), or none. A
 * remote queue needs a memory every worker shares: with the SQLite file, a
 * worker's answers would land on its own machine, so that is a config error.
 */
export function remoteQueueOf(project: Project, env: NodeJS.ProcessEnv = process.env): RemoteQueueConfig | undefined {
  const settings = project.config.queue;
  const url = env.TOLK_QUEUE_URL || settings?.url;
  if (!url) return undefined;
  if (!/^rediss?:\/\//i.test(url)) throw new ConfigError(`TOLK_QUEUE_URL must start with redis:// or rediss://, got "${redactRedisUrl(url)}"`);
  if (!(env.TOLK_MEMORY_URL || project.config.memory.url)) {
    throw new ConfigError(
      `queue.url (${redactRedisUrl(url)}) needs a shared memory: set memory.url (or TOLK_MEMORY_URL) to the team's postgres:// memory, ` +
        `so workers on other machines store what they translate where every producer finds it`,
      { file: 'tolk.config.json' },
    );
  }
  return {
    url,
    ...(settings?.prefix ? { prefix: settings.prefix } : {}),
    ...(settings?.keepFinishedSeconds ? { keepFinishedSeconds: settings.keepFinishedSeconds } : {}),
    ...(settings?.lockDurationMs ? { lockDurationMs: settings.lockDurationMs } : {}),
  };
}
