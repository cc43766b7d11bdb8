import pg from 'pg';
import { BULK_TABLES, loadHouseholds } from './bulk.js';
import { dayFromIso, istTimestamp } from './calendar.js';
import { copyRows } from './copy.js';
import { generateSyntheticFacilities } from './facilities.js';
import { createContext, MAX_HOUSEHOLDS } from './household.js';
import { newIdCursor } from './ids.js';
import { formatCount, LoadMetrics, peakRssMb, round, type TableStats } from './progress.js';
import { loadReferenceData, type OfficeGap } from './reference.js';
import {
  dropConstraints, dropIndexes, listDomainTables, resetSequences, restoreConstraints, restoreIndexes, saveForeignKeys,
  saveKeyConstraints, saveSecondaryIndexes, truncateAll,
} from './schema-ops.js';
import {
  blocksTable, departmentsTable, districtsTable, facilitiesTable, facilityTypesTable, grievanceCategoriesTable, officesTable,
  queuesTable, schemesTable, serviceTypesTable, surveysTable, usersTable, type TableSpec,
} from './tables.js';
import { buildDemoUsers, DEFAULT_DEMO_PASSWORD } from './users.js';

// The synthetic demo data set: reference tables from prisma/seed-data, demo users, and N
// households with their members, scheme enrolments, 12 months of payments and service
// applications, streamed into PostgreSQL with COPY in one transaction.

export { seedChecksum, type TableChecksum } from './checksum.js';
export type { OfficeGap } from './reference.js';
export type { TableStats } from './progress.js';

export const DEFAULT_AS_OF = '2026-11-01';
export const DEFAULT_AADHAAR_SALT = 'samvad-demo-aadhaar-salt-v1';
export const DEFAULT_BATCH_SIZE = 5_000;

export interface SeedOptions {
  databaseUrl: string;
  households: number;
  /** any integer in [0, 2^32) */
  seed: number;
  /** password of the demo users; 'samvad-demo' by default */
  demoPassword?: string;
  log?: (msg: string) => void;
  /** the day the data set describes (YYYY-MM-DD): payments cover the 12 months before it */
  asOf?: string;
  /** salt for the Aadhaar hashes; the server must use the same one to look residents up */
  aadhaarSalt?: string;
  /** households per COPY batch */
  batchSize?: number;
  /** how often to log progress during the household load; 2 s by default */
  progressIntervalMs?: number;
  /** drop secondary indexes and foreign keys during the load and rebuild them after (default true) */
  rebuildIndexes?: boolean;
}

export interface SeedReport {
  seed: number;
  asOf: string;
  households: number;
  residents: number;
  enrolments: number;
  payments: number;
  applications: number;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** per table: rows and the rate of its COPY statements */
  tables: TableStats[];
  /** seconds per phase: reset, reference, households, indexes, foreignKeys, sequences, commit, analyze */
  phases: Record<string, number>;
  /** (district, department) pairs with no district office: routing falls back to the state office */
  officeGaps: OfficeGap[];
}

/** TRUNCATE waits for every open transaction on the tables: give up with a hint instead of hanging */
async function truncateWhenFree(client: pg.Client, tables: readonly string[]): Promise<void> {
  await client.query(`SET LOCAL lock_timeout = '60s'`);
  try {
    await truncateAll(client, tables);
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === '55P03') {
      throw new Error('Could not lock the tables within 60 s: another session (a running server?) holds a transaction open on them', { cause: error });
    }
    throw error;
  }
  await client.query(`SET LOCAL lock_timeout = 0`);
}

function validate(options: SeedOptions): void {
  if (!Number.isSafeInteger(options.households) || options.households < 0 || options.households > MAX_HOUSEHOLDS) {
    throw new RangeError(`households must be an integer from 0 to ${MAX_HOUSEHOLDS}`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw new RangeError('seed must be an integer from 0 to 4294967295');
  }
  if (options.batchSize !== undefined && (!Number.isSafeInteger(options.batchSize) || options.batchSize < 1)) {
    throw new RangeError('batchSize must be a positive integer');
  }
}

export async function seed(options: SeedOptions): Promise<SeedReport> {
  validate(options);
  const log = options.log ?? (() => {});
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const asOfDay = dayFromIso(asOf);
  const seedValue = options.seed | 0; // the generator works on 32-bit words
  const metrics = new LoadMetrics();
  const phases: Record<string, number> = {};
  let phaseStart = performance.now();
  const endPhase = (name: string): void => {
    const now = performance.now();
    phases[name] = round((now - phaseStart) / 1000, 3);
    phaseStart = now;
  };

  const ref = loadReferenceData();
  const ctx = createContext(ref, { seed: seedValue, asOfDay, aadhaarSalt: options.aadhaarSalt ?? DEFAULT_AADHAAR_SALT });
  const facilities = [...ref.realFacilities, ...generateSyntheticFacilities(seedValue, ctx.geo, ref.facilityTypes, ref.realFacilities.length + 1)];
  const users = await buildDemoUsers(ref, {
    seed: seedValue,
    password: options.demoPassword ?? DEFAULT_DEMO_PASSWORD,
    createdAt: istTimestamp(asOfDay - 30, 9 * 60),
  });
  endPhase('prepare');

  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'samvad-seed' });
  client.on('error', () => {});
  await client.connect();
  try {
    // One transaction for everything: if the load fails or the process dies, PostgreSQL rolls
    // it back and the previous data, indexes and constraints are untouched.
    await client.query('BEGIN');
    await client.query(`SET LOCAL synchronous_commit = off`);
    // index rebuilds sort tens of millions of keys; a larger sort memory saves a merge pass
    await client.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    const tables = await listDomainTables(client);
    for (const spec of BULK_TABLES) {
      if (!tables.includes(spec.table)) throw new Error(`table ${spec.table} is missing: run the migrations first`);
    }
    await truncateWhenFree(client, tables);
    // Without indexes and foreign keys COPY runs about four times faster; they are put back
    // from their catalogue definitions before the commit, so the schema ends up as migrated.
    const rebuild = options.rebuildIndexes ?? true;
    const bulkTables = BULK_TABLES.map((t) => t.table);
    const foreignKeys = rebuild ? await saveForeignKeys(client) : [];
    const keys = rebuild ? await saveKeyConstraints(client, bulkTables) : [];
    const indexes = rebuild ? await saveSecondaryIndexes(client, bulkTables) : [];
    await dropConstraints(client, foreignKeys);
    await dropConstraints(client, keys);
    await dropIndexes(client, indexes);
    endPhase('reset');
    log(`Reset ${tables.length} tables${rebuild ? `; ${keys.length} keys, ${indexes.length} indexes and ${foreignKeys.length} foreign keys set aside for the load` : ''}`);

    // tables truncated in this transaction can take COPY FREEZE
    const copy = { freeze: true };
    const load = async <T>(spec: TableSpec<T>, rows: Iterable<T>): Promise<void> => {
      const t0 = performance.now();
      const n = await copyRows(client, spec, rows, copy);
      metrics.record(spec.table, n, performance.now() - t0);
    };
    await load(districtsTable, ref.districts);
    await load(blocksTable, ref.blocks);
    await load(departmentsTable, ref.departments);
    await load(schemesTable, ref.schemes);
    await load(serviceTypesTable, ref.serviceTypes);
    await load(grievanceCategoriesTable, ref.categories);
    await load(facilityTypesTable, ref.facilityTypes);
    await load(facilitiesTable, facilities);
    await load(officesTable, ref.offices);
    await load(queuesTable, ref.queues);
    await load(surveysTable, ref.surveys);
    await load(usersTable, users);
    endPhase('reference');
    log(`Reference data: ${ref.districts.length} districts, ${ref.blocks.length} blocks, ${ref.departments.length} departments, ${ref.schemes.length} schemes, ` +
      `${ref.categories.length} grievance categories, ${facilities.length} facilities, ${ref.offices.length} offices, ${ref.queues.length} queues, ${users.length} users`);

    const ids = newIdCursor();
    const interval = options.progressIntervalMs ?? 2_000;
    let lastLog = performance.now();
    let lastRows = metrics.totalRows();
    const bulkStart = performance.now();
    await loadHouseholds(client, ctx, ids, metrics, {
      ...copy,
      households: options.households,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      onBatch: (done) => {
        const now = performance.now();
        if (now - lastLog < interval && done < options.households) return;
        const rows = metrics.totalRows();
        const rate = (rows - lastRows) / ((now - lastLog) / 1000);
        const overall = rows / metrics.elapsedSeconds();
        const perTable = metrics.stats().filter((t) => BULK_TABLES.some((b) => b.table === t.table))
          .map((t) => `${t.table} ${formatCount(t.rows)} (${formatCount(t.rowsPerSecond)}/s)`).join(', ');
        log(`households ${formatCount(done)}/${formatCount(options.households)} (${((100 * done) / Math.max(1, options.households)).toFixed(1)}%) | ` +
          `${formatCount(rate)} rows/s now, ${formatCount(overall)} rows/s overall | RSS ${metrics.sampleRss().toFixed(0)} MB | ${perTable}`);
        lastLog = now;
        lastRows = rows;
      },
    });
    endPhase('households');
    log(`Households loaded in ${((performance.now() - bulkStart) / 1000).toFixed(1)} s`);

    if (keys.length + indexes.length > 0) log(`Rebuilding ${keys.length} keys and ${indexes.length} indexes`);
    await restoreConstraints(client, keys, (c, ms) => log(`  ${c.name}: ${(ms / 1000).toFixed(1)} s`));
    await restoreIndexes(client, indexes, (ix, ms) => log(`  ${ix.name}: ${(ms / 1000).toFixed(1)} s`));
    endPhase('indexes');
    if (foreignKeys.length > 0) log(`Restoring ${foreignKeys.length} foreign keys (each is validated)`);
    await restoreConstraints(client, foreignKeys, (c, ms) => {
      if (ms > 500) log(`  ${c.name}: ${(ms / 1000).toFixed(1)} s`);
    });
    endPhase('foreignKeys');
    const sequences = await resetSequences(client);
    endPhase('sequences');
    await client.query('COMMIT');
    endPhase('commit');
    log(`Committed; ${sequences} sequences moved past the generated ids`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }

  try {
    const tables = await listDomainTables(client);
    await client.query(`ANALYZE ${tables.map((t) => `"${t}"`).join(', ')}`);
    endPhase('analyze');
  } finally {
    await client.end().catch(() => {});
  }

  const seconds = metrics.elapsedSeconds();
  const totalRows = metrics.totalRows();
  return {
    seed: options.seed,
    asOf,
    households: metrics.rows('households'),
    residents: metrics.rows('residents'),
    enrolments: metrics.rows('enrolments'),
    payments: metrics.rows('benefit_payments'),
    applications: metrics.rows('service_applications'),
    totalRows,
    seconds: round(seconds, 2),
    rowsPerSecond: Math.round(totalRows / seconds),
    peakRssMb: round(Math.max(peakRssMb(), metrics.sampleRss()), 1),
    tables: metrics.stats(),
    phases,
    officeGaps: ref.officeGaps,
  };
}
