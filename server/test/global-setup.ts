import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { migrate } from '@samvad/db';
import { seed } from '@samvad/db/seed';

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
  shared.samvadTestDatabase ??= rebuild(databaseUrl);
  await shared.samvadTestDatabase;
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redisUrl);
}

/** Creates the test database when it is missing (the role has CREATEDB), so any name works. */
async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

async function rebuild(databaseUrl: string): Promise<void> {
  await ensureDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
  await migrate(databaseUrl, { log: () => undefined });
  await seed({ databaseUrl, households: TEST_SEED.households, seed: TEST_SEED.seed, log: () => undefined });
}
