import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate, scriptMatchesChecksum } from '../src/migrate.js';
import { createScratchDatabase, tableExists, withClient, type ScratchDatabase } from './scratch-db.js';

const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));
const cliPath = fileURLToPath(new URL('../src/migrate-cli.ts', import.meta.url));
const tsxPath = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

interface HistoryRow {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

async function history(url: string): Promise<HistoryRow[]> {
  return withClient(url, async (client) => {
    const result = await client.query<HistoryRow>(
      `SELECT id, checksum, migration_name, logs, finished_at, rolled_back_at, applied_steps_count
         FROM _prisma_migrations ORDER BY started_at`,
    );
    return result.rows;
  });
}

async function migrationNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function writeMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'migration.sql'), sql);
}

const scratchDatabases: ScratchDatabase[] = [];
const tempDirs: string[] = [];

async function freshDatabase(): Promise<ScratchDatabase> {
  const database = await createScratchDatabase();
  scratchDatabases.push(database);
  return database;
}

async function tempMigrationsDir(copyReal: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'samvad-migrations-'));
  tempDirs.push(dir);
  if (copyReal) await cp(migrationsDir, dir, { recursive: true });
  return dir;
}

afterEach(async () => {
  await Promise.all(scratchDatabases.splice(0).map((database) => database.drop()));
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('migrate', () => {
  it('applies every migration to a fresh database, then nothing on a second run', async () => {
    const database = await freshDatabase();
    const names = await migrationNames(migrationsDir);
    expect(names.length).toBeGreaterThan(0);

    const first = await migrate(database.url);
    expect(first.applied).toEqual(names);

    const rows = await history(database.url);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const file = await readFile(join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    const second = await migrate(database.url);
    expect(second.applied).toEqual([]);
    expect(await history(database.url)).toHaveLength(names.length);
  });

  it("keeps its history in a table shaped exactly like Prisma's _prisma_migrations", async () => {
    const database = await freshDatabase();
    await migrate(database.url, { migrationsDir: await tempMigrationsDir(false) });
    const columns = await withClient(database.url, async (client) => {
      const result = await client.query<{ column_name: string; type: string; not_null: boolean; default_expr: string | null }>(
        `SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                pg_get_expr(d.adbin, d.adrelid) AS default_expr
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = '_prisma_migrations'::regclass AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum`,
      );
      return result.rows;
    });
    expect(columns).toEqual([
      { column_name: 'id', type: 'character varying(36)', not_null: true, default_expr: null },
      { column_name: 'checksum', type: 'character varying(64)', not_null: true, default_expr: null },
      { column_name: 'finished_at', type: 'timestamp with time zone', not_null: false, default_expr: null },
      { column_name: 'migration_name', type: 'character varying(255)', not_null: true, default_expr: null },
      { column_name: 'logs', type: 'text', not_null: false, default_expr: null },
      { column_name: 'rolled_back_at', type: 'timestamp with time zone', not_null: false, default_expr: null },
      { column_name: 'started_at', type: 'timestamp with time zone', not_null: true, default_expr: 'now()' },
      { column_name: 'applied_steps_count', type: 'integer', not_null: true, default_expr: '0' },
    ]);
  });

  it('refuses an applied migration whose file changed, naming it', async () => {
    const database = await freshDatabase();
    const dir = await tempMigrationsDir(true);
    const [name] = await migrationNames(dir);
    if (!name) throw new Error('no migrations');
    await migrate(database.url, { migrationsDir: dir });

    await appendFile(join(dir, name, 'migration.sql'), '\n-- an innocent-looking edit\n');
    await expect(migrate(database.url, { migrationsDir: dir })).rejects.toThrow(
      new RegExp(`${name} was changed on disk after being applied \\(checksum mismatch\\)`),
    );
  });

  it('accepts the same migration checked out with Windows line endings, as Prisma does', async () => {
    const database = await freshDatabase();
    const dir = await tempMigrationsDir(false);
    await writeMigration(dir, '001_create', 'CREATE TABLE one (id INTEGER);\nCREATE TABLE two (id INTEGER);\n');
    await migrate(database.url, { migrationsDir: dir });

    await writeMigration(dir, '001_create', 'CREATE TABLE one (id INTEGER);\r\nCREATE TABLE two (id INTEGER);\r\n');
    await expect(migrate(database.url, { migrationsDir: dir })).resolves.toEqual({ applied: [] });
  });

  it('lets two processes start at once: both succeed and each migration is applied exactly once', async () => {
    const database = await freshDatabase();
    const dir = await tempMigrationsDir(true);
    // A slow last migration keeps the lock held long enough for the second caller to queue behind it.
    await writeMigration(dir, '29991231000000_slow', 'SELECT pg_sleep(1);\nCREATE TABLE slow_marker (id INTEGER);\n');
    const names = await migrationNames(dir);

    const logs: string[][] = [[], []];
    const results = await Promise.all(
      logs.map((messages) => migrate(database.url, { migrationsDir: dir, log: (msg) => messages.push(msg) })),
    );

    const applied = results.flatMap((result) => result.applied).sort();
    expect(applied).toEqual(names);
    expect(results.map((result) => result.applied.length).sort((a, b) => a - b)).toEqual([0, names.length]);
    expect(logs.flat().some((msg) => msg.includes('waiting for it to finish'))).toBe(true);

    const rows = await history(database.url);
    expect(rows.map((row) => row.migration_name).sort()).toEqual(names);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('a failed migration leaves no partial tables, and later runs refuse until it is resolved', async () => {
    const database = await freshDatabase();
    const dir = await tempMigrationsDir(false);
    await writeMigration(dir, '001_good', 'CREATE TABLE good_table (id INTEGER PRIMARY KEY);\n');
    await writeMigration(
      dir,
      '002_bad',
      'CREATE TABLE half_done (id INTEGER);\nCREATE INDEX half_done_idx ON half_done (id);\nINSERT INTO no_such_table VALUES (1);\n',
    );

    await expect(migrate(database.url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 002_bad failed and was rolled back: relation "no_such_table" does not exist at line 3: INSERT INTO no_such_table/,
    );
    expect(await tableExists(database.url, 'good_table')).toBe(true);
    expect(await tableExists(database.url, 'half_done')).toBe(false);

    const rows = await history(database.url);
    expect(rows.map((row) => [row.migration_name, row.finished_at !== null])).toEqual([
      ['001_good', true],
      ['002_bad', false],
    ]);
    expect(rows[1]?.logs).toContain('no_such_table');

    // Prisma's rule (P3009): nothing more is applied while an attempt is unresolved, even once the file is fixed.
    await writeMigration(dir, '002_bad', 'CREATE TABLE half_done (id INTEGER);\n');
    const refusal = migrate(database.url, { migrationsDir: dir });
    await expect(refusal).rejects.toThrow(/Refusing to migrate: a previous attempt of 002_bad failed/);
    await expect(refusal).rejects.toThrow(/relation "no_such_table" does not exist/);
    await expect(refusal).rejects.toThrow(/prisma migrate resolve --rolled-back/);

    // What `prisma migrate resolve --rolled-back 002_bad` does.
    await withClient(database.url, (client) =>
      client.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '002_bad' AND finished_at IS NULL`),
    );
    await expect(migrate(database.url, { migrationsDir: dir })).resolves.toEqual({ applied: ['002_bad'] });
    expect(await tableExists(database.url, 'half_done')).toBe(true);
  });

  it('reports an attempt that was cut off without an error recorded', async () => {
    const database = await freshDatabase();
    const dir = await tempMigrationsDir(false);
    await writeMigration(dir, '001_first', 'CREATE TABLE first_table (id INTEGER);\n');
    await migrate(database.url, { migrationsDir: dir });
    // What a process killed mid-migration leaves: the start recorded, the transaction gone.
    await withClient(database.url, (client) =>
      client.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES (gen_random_uuid(), repeat('0', 64), '002_killed')`,
      ),
    );
    await writeMigration(dir, '002_killed', 'CREATE TABLE killed_table (id INTEGER);\n');
    await expect(migrate(database.url, { migrationsDir: dir })).rejects.toThrow(
      /002_killed, started at .* did not finish \(no error recorded: the process stopped mid-way\)/,
    );
  });

  it('refuses a non-empty database that has no migration history (Prisma P3005)', async () => {
    const database = await freshDatabase();
    await withClient(database.url, (client) => client.query('CREATE TABLE legacy (id INTEGER)'));
    await expect(migrate(database.url)).rejects.toThrow(/has tables \(legacy\) but no _prisma_migrations history/);
  });

  it('gives up with a clear error when another session holds the lock for too long', async () => {
    const database = await freshDatabase();
    const dir = await tempMigrationsDir(false);
    await withClient(database.url, async (holder) => {
      await holder.query('SELECT pg_advisory_lock(72707369)');
      await expect(migrate(database.url, { migrationsDir: dir, lockTimeoutMs: 200 })).rejects.toThrow(
        /Timed out after 200 ms waiting for the migration lock/,
      );
    });
  });

  it('matches checksums the way Prisma does', () => {
    const hex = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(scriptMatchesChecksum('hello', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824')).toBe(true);
    expect(scriptMatchesChecksum('ab\r\ncd\r\n', hex('ab\ncd\n'))).toBe(true);
    expect(scriptMatchesChecksum('ab\ncd\n', hex('ab\r\ncd\r\n'))).toBe(true);
    expect(scriptMatchesChecksum('abc\n', hex('abc'))).toBe(false);
  });
});

describe('migrate-cli', () => {
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  function runCli(): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(tsxPath, [cliPath], {
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('prints what it applied, then that nothing is pending', async () => {
    const names = await migrationNames(migrationsDir);
    const first = runCli();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Applied ${names.length} migration(s): ${names.join(', ')}`);
    expect(first.stdout).not.toContain('samvad:samvad'); // no password in the output

    const second = runCli();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('No pending migrations.');
  });

  it('exits 1 with the error message when it refuses', async () => {
    const [name] = await migrationNames(migrationsDir);
    await withClient(database.url, (client) =>
      client.query(`UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1`, [name]),
    );
    const result = runCli();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${name} was changed on disk after being applied`);
  });
});
