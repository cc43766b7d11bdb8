import type pg from 'pg';
import { quoteIdent } from './copy.js';

// Catalogue work around the bulk load: which tables to reset, which indexes and foreign keys to
// take off while loading and put back exactly as they were, and the sequences to move past the
// ids the generator assigned. Everything is read from the catalogue rather than hard-coded, so
// a new migration that adds an index is handled without touching the seed.

export const MIGRATIONS_TABLE = '_prisma_migrations';

export async function listDomainTables(client: pg.ClientBase): Promise<string[]> {
  const result = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> $1
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return result.rows.map((r) => r.relname);
}

export async function truncateAll(client: pg.ClientBase, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  await client.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')} RESTART IDENTITY CASCADE`);
}

export interface SavedIndex {
  table: string;
  name: string;
  definition: string;
}

export interface SavedConstraint {
  table: string;
  name: string;
  definition: string;
}

/**
 * Indexes on the given tables that do not back a constraint (primary keys stay: appending
 * increasing ids to a btree is cheap, and foreign keys need them). Unique indexes that Prisma
 * creates with CREATE UNIQUE INDEX are included: they are rebuilt, and checked, at the end.
 */
export async function saveSecondaryIndexes(client: pg.ClientBase, tables: readonly string[]): Promise<SavedIndex[]> {
  const result = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(ix.indexrelid) AS definition
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)
      ORDER BY t.relname, i.relname`,
    [tables],
  );
  return result.rows;
}

/** Every foreign key of the schema: the load writes tables out of dependency order. */
export async function saveForeignKeys(client: pg.ClientBase): Promise<SavedConstraint[]> {
  const result = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND c.contype = 'f'
      ORDER BY t.relname, c.conname`,
  );
  return result.rows;
}

/**
 * Primary keys and unique constraints of the given tables. Appending to a primary-key btree row
 * by row roughly halves COPY throughput; building it once after the load is much cheaper.
 * Foreign keys must be dropped first, since they depend on these.
 */
export async function saveKeyConstraints(client: pg.ClientBase, tables: readonly string[]): Promise<SavedConstraint[]> {
  const result = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u') AND t.relname = ANY($1::text[])
      ORDER BY t.relname, c.contype, c.conname`,
    [tables],
  );
  return result.rows;
}

export async function dropIndexes(client: pg.ClientBase, indexes: readonly SavedIndex[]): Promise<void> {
  for (const ix of indexes) await client.query(`DROP INDEX ${quoteIdent(ix.name)}`);
}

/** drops constraints (foreign keys, then keys: pass them in that order) */
export async function dropConstraints(client: pg.ClientBase, constraints: readonly SavedConstraint[]): Promise<void> {
  for (const c of constraints) await client.query(`ALTER TABLE ${quoteIdent(c.table)} DROP CONSTRAINT ${quoteIdent(c.name)}`);
}

export async function restoreIndexes(client: pg.ClientBase, indexes: readonly SavedIndex[], onEach?: (ix: SavedIndex, ms: number) => void): Promise<void> {
  for (const ix of indexes) {
    const t0 = performance.now();
    await client.query(ix.definition);
    onEach?.(ix, performance.now() - t0);
  }
}

/** re-adds constraints exactly as saved (keys first, then foreign keys, which are validated) */
export async function restoreConstraints(
  client: pg.ClientBase,
  constraints: readonly SavedConstraint[],
  onEach?: (c: SavedConstraint, ms: number) => void,
): Promise<void> {
  for (const c of constraints) {
    const t0 = performance.now();
    await client.query(`ALTER TABLE ${quoteIdent(c.table)} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`);
    onEach?.(c, performance.now() - t0);
  }
}

/** Moves every sequence owned by a column (SERIAL) to max(column) + 1. */
export async function resetSequences(client: pg.ClientBase): Promise<number> {
  const owned = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT t.relname AS table, a.attname AS column, s.relname AS sequence
       FROM pg_class s
       JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                       AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = current_schema()
      ORDER BY t.relname`,
  );
  for (const o of owned.rows) {
    await client.query(
      `SELECT setval($1::regclass, COALESCE((SELECT max(${quoteIdent(o.column)}) FROM ${quoteIdent(o.table)}), 0) + 1, false)`,
      [quoteIdent(o.sequence)],
    );
  }
  return owned.rows.length;
}
