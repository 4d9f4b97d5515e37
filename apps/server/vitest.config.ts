import { defineConfig } from 'vitest/config';

// Files that need a PostgreSQL server (several processes on one database); left out of the PGlite run.
const postgresOnly = ['test/two-processes.int.test.ts'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(process.env.TEST_DATABASE_URL ? [] : postgresOnly)],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
