import { randomBytes } from 'node:crypto';
import pg from 'pg';

// Throwaway databases on the test server, so each test starts from an empty schema.

const adminUrl = process.env.DATABASE_URL ?? 'postgresql://samvad:samvad@127.0.0.1:5432/samvad';

export interface ScratchDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(prefix = 'samvad_migrate_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await withClient(adminUrl, async (client) => {
        // A test that failed half-way may have left a connection open. Not DROP ... WITH (FORCE): for a
        // non-superuser that fails whenever an autovacuum worker happens to be in the database.
        await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()`,
          [name],
        );
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}

export async function tableExists(url: string, table: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const result = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [table]);
    return result.rows[0]?.found === true;
  });
}
