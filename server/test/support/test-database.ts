import pg from 'pg';
import { migrate } from '@samvad/db';
import { seed } from '@samvad/db/seed';

/** Creates the database when it is missing (the test role has CREATEDB), so any name works. */
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

/** Empties the database, applies every migration and seeds a deterministic population. */
export async function rebuildTestDatabase(databaseUrl: string, population: { households: number; seed: number }): Promise<void> {
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
  await seed({ databaseUrl, households: population.households, seed: population.seed, log: () => undefined });
}

/** A database of its own beside the shared test database, for a test that needs a larger population. */
export function siblingDatabaseUrl(databaseUrl: string, suffix: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `${url.pathname}_${suffix}`;
  return url.toString();
}
