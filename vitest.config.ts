import { defineConfig } from 'vitest/config';

// Two tiers: unit tests sit beside the code and need nothing running; integration tests run
// against the real PostgreSQL and Redis that scripts/services.sh starts, on a test database
// that the global setup migrates and seeds once per run.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{prisma,server,ivr-flows,campaigns,bench}/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{prisma,server}/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['agent-console/test/**/*.test.ts'],
          environment: 'node',
          // the test database as for integration tests, then one build of the console per run
          globalSetup: ['./server/test/global-setup.ts', './agent-console/test/build-console.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
