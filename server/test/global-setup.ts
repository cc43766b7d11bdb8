import type { TestProject } from 'vitest/node';
import { rebuildTestDatabase } from './support/test-database.js';

/** The test database: rebuilt from the migrations and a small deterministic seed once per run. */
export const TEST_SEED = { households: 400, seed: 7 } as const;

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://samvad:samvad@127.0.0.1:5432/samvad_test';
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
  // Several projects (integration, browser) name this setup, maybe at the same time: the
  // database is rebuilt once per run, and every project waits for that one rebuild.
  const shared = globalThis as typeof globalThis & { samvadTestDatabase?: Promise<void> };
  shared.samvadTestDatabase ??= rebuildTestDatabase(databaseUrl, TEST_SEED);
  await shared.samvadTestDatabase;
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redisUrl);
}
