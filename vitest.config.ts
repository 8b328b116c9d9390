import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A throwaway PostgreSQL 15 and Redis for the run (or TOLK_TEST_POSTGRES_URL / TOLK_TEST_REDIS_URL).
    globalSetup: ['tests/helpers/global-servers.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CLI tests spawn the built bin; two cores on CI.
    maxWorkers: 2,
  },
});
