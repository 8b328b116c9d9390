/**
 * vitest globalSetup: one throwaway PostgreSQL 15 and one Redis for the whole
 * run (each test file makes its own database, see `postgres.ts`), or the
 * servers named by TOLK_TEST_POSTGRES_URL / TOLK_TEST_REDIS_URL. Stopped and
 * removed in teardown, which vitest runs when tests fail too, and on exit or a
 * signal if vitest itself is stopped.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres, startRedis, stopOnExit, type PostgresServer, type RedisServer } from '../../src/bench/servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started: Array<PostgresServer | RedisServer> = [];
  const release = stopOnExit(started);
  try {
    const [postgresUrl, redisUrl] = await Promise.all([
      process.env.TOLK_TEST_POSTGRES_URL ||
        startPostgres({ fast: true }).then((server) => {
          started.push(server);
          return server.url;
        }),
      process.env.TOLK_TEST_REDIS_URL ||
        startRedis().then((server) => {
          started.push(server);
          return server.url;
        }),
    ]);
    project.provide('postgresUrl', postgresUrl);
    project.provide('redisUrl', redisUrl);
  } catch (error) {
    for (const server of started) await server.stop();
    release();
    throw error;
  }
  return async () => {
    for (const server of started) await server.stop();
    release();
  };
}
