import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// Applies prisma/migrations without Prisma's schema engine (it cannot be downloaded everywhere we
// run), keeping Prisma's own bookkeeping so that `prisma migrate deploy` and this runner can take
// turns on the same database.

export interface MigrateOptions {
  /** folder of `<name>/migration.sql` folders; defaults to prisma/migrations */
  migrationsDir?: string;
  /** progress messages; silent by default */
  log?: (msg: string) => void;
  /** how long to wait for another process that is migrating; 5 minutes by default */
  lockTimeoutMs?: number;
}

export interface MigrateResult {
  /** names of the migrations this call applied, in order */
  applied: string[];
}

interface MigrationDir {
  name: string;
  script: string;
  checksum: string;
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

const defaultMigrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

// The key Prisma's schema engine locks on, so that this runner and `prisma migrate deploy`
// also exclude each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Prisma's exact DDL for its history table (schema-engine, postgres flavour).
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Same rule as Prisma's `script_matches_checksum`: a checkout with other line endings (git on
 * Windows) still matches, and so do the unpadded checksums very old Prisma versions stored.
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant).digest();
    const rendered =
      checksum.length === 64 ? digest.toString('hex') : Array.from(digest, (byte) => byte.toString(16)).join('');
    return rendered === checksum;
  });
}

async function readMigrations(dir: string): Promise<MigrationDir[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Byte order of folder names, as Prisma sorts them (not locale order).
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const migrations: MigrationDir[] = [];
  for (const name of names) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dir, name, 'migration.sql'));
    } catch (error) {
      throw new Error(`Migration folder ${name} has no readable migration.sql: ${errorMessage(error)}`, { cause: error });
    }
    migrations.push({ name, script: bytes.toString('utf8'), checksum: sha256Hex(bytes) });
  }
  return migrations;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The PostgreSQL error with the line of the script it points at, when it points at one. */
function describeScriptError(error: unknown, script: string): string {
  if (error instanceof pg.DatabaseError) {
    const parts = [error.message];
    const position = Number(error.position);
    if (Number.isInteger(position) && position > 0) {
      const line = script.slice(0, position - 1).split('\n').length;
      parts.push(`at line ${line}: ${script.split('\n')[line - 1]?.trim() ?? ''}`);
    }
    if (error.detail) parts.push(`detail: ${error.detail}`);
    if (error.code) parts.push(`(SQLSTATE ${error.code})`);
    return parts.join(' ');
  }
  return errorMessage(error);
}

function describeDatabase(databaseUrl: string): string {
  // Never echo the password.
  try {
    const url = new URL(databaseUrl);
    return `${url.pathname.replace(/^\//, '')} on ${url.host}`;
  } catch {
    return 'the database';
  }
}

async function acquireLock(client: pg.Client, timeoutMs: number, log: (msg: string) => void): Promise<void> {
  const attempt = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
    PRISMA_ADVISORY_LOCK_KEY,
  ]);
  if (attempt.rows[0]?.locked) return;
  log('Another process is migrating this database; waiting for it to finish.');
  await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === '55P03') {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for the migration lock (pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})). ` +
          'Another migration is still running, or a stuck session holds the lock: see pg_locks where locktype = \'advisory\'.',
        { cause: error },
      );
    }
    throw error;
  } finally {
    await client.query('RESET lock_timeout');
  }
}

/**
 * Refuses what `prisma migrate deploy` refuses (an unresolved failed attempt, P3009) and, unlike
 * deploy, an applied migration that was edited on disk.
 */
function checkHistory(rows: MigrationRow[], onDisk: MigrationDir[], log: (msg: string) => void): void {
  const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed.length > 0) {
    const details = failed
      .map((row) => {
        const logs = row.logs?.trim()
          ? `:\n    ${row.logs.trim().replaceAll('\n', '\n    ')}`
          : ' (no error recorded: the process stopped mid-way)';
        return `  - ${row.migration_name}, started at ${row.started_at.toISOString()}, did not finish${logs}`;
      })
      .join('\n');
    throw new Error(
      `Refusing to migrate: a previous attempt of ${failed.map((row) => row.migration_name).join(', ')} failed.\n${details}\n` +
        'A migration runs in one transaction, so a failed attempt should have left nothing behind. Fix the migration, then mark the attempt ' +
        'rolled back (`npx prisma migrate resolve --rolled-back <name>`, or ' +
        "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '<name>' AND finished_at IS NULL) and run again.",
    );
  }

  const byName = new Map(onDisk.map((migration) => [migration.name, migration]));
  const applied = rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null);
  const edited = applied.filter((row) => {
    const migration = byName.get(row.migration_name);
    return migration !== undefined && !scriptMatchesChecksum(migration.script, row.checksum);
  });
  if (edited.length > 0) {
    throw new Error(
      `Refusing to migrate: ${edited.map((row) => row.migration_name).join(', ')} ` +
        `${edited.length === 1 ? 'was' : 'were'} changed on disk after being applied (checksum mismatch). ` +
        'Applied migrations must not be edited: restore the file and put the change in a new migration.',
    );
  }

  const unknown = [...new Set(applied.map((row) => row.migration_name).filter((name) => !byName.has(name)))];
  if (unknown.length > 0) {
    log(`Warning: the database has applied migrations that are not on disk: ${unknown.join(', ')}`);
  }
}

export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'samvad-migrate' });
  // A dropped connection surfaces as a failed query; without a listener it would crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    await acquireLock(client, options.lockTimeoutMs ?? 5 * 60_000, log);
    try {
      return await migrateLocked(client, migrations, databaseUrl, log);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function migrateLocked(
  client: pg.Client,
  migrations: MigrationDir[],
  databaseUrl: string,
  log: (msg: string) => void,
): Promise<MigrateResult> {
  // Prisma's P3005: applying the init migration over an existing schema would fail half-way at best.
  const tables = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  );
  const tableNames = tables.rows.map((row) => row.relname);
  if (!tableNames.includes('_prisma_migrations')) {
    const others = tableNames.filter((name) => name !== 'spatial_ref_sys');
    if (others.length > 0) {
      throw new Error(
        `Refusing to migrate ${describeDatabase(databaseUrl)}: it has tables (${others.slice(0, 5).join(', ')}` +
          `${others.length > 5 ? ', …' : ''}) but no _prisma_migrations history. Baseline it first (Prisma error P3005).`,
      );
    }
    await client.query(CREATE_MIGRATIONS_TABLE);
  }

  const history = await client.query<MigrationRow>(
    `SELECT id, checksum, migration_name, logs, started_at, finished_at, rolled_back_at
       FROM _prisma_migrations ORDER BY started_at ASC`,
  );
  checkHistory(history.rows, migrations, log);

  const done = new Set(
    history.rows.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name),
  );
  const pending = migrations.filter((migration) => !done.has(migration.name));
  if (pending.length === 0) {
    log(`${describeDatabase(databaseUrl)} is up to date (${migrations.length} migrations).`);
    return { applied: [] };
  }

  const applied: string[] = [];
  for (const migration of pending) {
    log(`Applying ${migration.name}`);
    const startedAt = Date.now();
    const id = randomUUID();
    // Recorded outside the migration's transaction so that a failure leaves a trace, as Prisma does.
    await client.query('INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)', [
      id,
      migration.checksum,
      migration.name,
    ]);
    try {
      await client.query('BEGIN');
      await client.query(migration.script);
      // In the same transaction: the migration and the record of it commit together.
      await client.query(
        `UPDATE _prisma_migrations
            SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1
          WHERE id = $1`,
        [id],
      );
      await client.query('COMMIT');
    } catch (error) {
      const reason = describeScriptError(error, migration.script);
      await client.query('ROLLBACK').catch(() => {});
      await client
        .query('UPDATE _prisma_migrations SET logs = $2 WHERE id = $1', [id, reason])
        .catch(() => {});
      throw new Error(
        `Migration ${migration.name} failed and was rolled back: ${reason}` +
          (applied.length > 0 ? `\n(applied before it in this run: ${applied.join(', ')})` : ''),
        { cause: error },
      );
    }
    applied.push(migration.name);
    log(`Applied ${migration.name} in ${Date.now() - startedAt} ms`);
  }
  return { applied };
}
