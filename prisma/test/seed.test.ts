import { fileURLToPath } from 'node:url';
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/migrate.js';
import { findSchemaDrift } from '../src/schema-drift.js';
import { seed, seedChecksum, type SeedReport, type TableChecksum } from '../src/seed/index.js';
import { createScratchDatabase, withClient, type ScratchDatabase } from './scratch-db.js';

// Three scratch databases: two seeded with the same seed, one with another. Small N keeps the
// whole file to a few seconds of loading.

const schemaPath = fileURLToPath(new URL('../schema.prisma', import.meta.url));
const HOUSEHOLDS = 300;

/** indexes, constraints (with their validation state) and sequences of the schema, as text */
async function catalogue(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const result = await client.query<{ item: string }>(
      `SELECT 'index ' || tablename || ' ' || indexname || ': ' || indexdef AS item
         FROM pg_indexes WHERE schemaname = current_schema()
       UNION ALL
       SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || c.contype::text || ': ' ||
              pg_get_constraintdef(c.oid) || ' validated=' || c.convalidated
         FROM pg_constraint c WHERE c.connamespace = current_schema()::regnamespace
       UNION ALL
       SELECT 'sequence ' || sequencename || ' ' || data_type::text || ' ' || increment_by
         FROM pg_sequences WHERE schemaname = current_schema()
       ORDER BY 1`,
    );
    return result.rows.map((r) => r.item);
  });
}

async function scalar(url: string, sql: string): Promise<string> {
  return withClient(url, async (client) => {
    const result = await client.query<{ v: string }>(sql);
    return String(result.rows[0]?.v);
  });
}

describe('seed', () => {
  const databases: ScratchDatabase[] = [];
  let first: ScratchDatabase;
  let twin: ScratchDatabase;
  let other: ScratchDatabase;
  let migratedCatalogue: string[];
  let report: SeedReport;
  let sums: Record<string, TableChecksum>;
  const logged: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) databases.push(await createScratchDatabase('samvad_seed_test'));
    [first, twin, other] = databases as [ScratchDatabase, ScratchDatabase, ScratchDatabase];
    for (const db of databases) await migrate(db.url);
    migratedCatalogue = await catalogue(first.url);
    report = await seed({ databaseUrl: first.url, households: HOUSEHOLDS, seed: 42, log: (m) => logged.push(m) });
    await seed({ databaseUrl: twin.url, households: HOUSEHOLDS, seed: 42 });
    await seed({ databaseUrl: other.url, households: HOUSEHOLDS, seed: 43 });
    sums = await seedChecksum(first.url);
  }, 300_000);

  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('gives equal checksums for the same seed in two databases', async () => {
    expect(await seedChecksum(twin.url)).toEqual(sums);
    expect(sums.households?.rows).toBe(HOUSEHOLDS);
    expect(sums.benefit_payments?.rows).toBeGreaterThan(HOUSEHOLDS * 10);
  });

  it('gives different household data for another seed, and the same reference tables', async () => {
    const otherSums = await seedChecksum(other.url);
    for (const table of ['households', 'residents', 'enrolments', 'benefit_payments', 'service_applications', 'application_events', 'facilities', 'users']) {
      expect(otherSums[table]?.md5, table).not.toBe(sums[table]?.md5);
    }
    for (const table of ['districts', 'blocks', 'departments', 'schemes', 'grievance_categories', 'facility_types', 'offices', 'queues', 'service_types']) {
      expect(otherSums[table], table).toEqual(sums[table]);
    }
  });

  it('resets the tables: seeding the same database again gives the same checksums', async () => {
    await seed({ databaseUrl: twin.url, households: HOUSEHOLDS, seed: 42 });
    expect(await seedChecksum(twin.url)).toEqual(sums);
  }, 120_000);

  it('leaves the schema exactly as migrated: keys, unique and secondary indexes, foreign keys', async () => {
    expect(await catalogue(first.url)).toEqual(migratedCatalogue);
    expect(await findSchemaDrift(first.url, schemaPath)).toEqual([]);
  });

  it('moves every serial sequence past the largest id', async () => {
    await withClient(first.url, async (client) => {
      const owned = await client.query<{ table: string; column: string; sequence: string }>(
        `SELECT t.relname AS table, a.attname AS column, s.relname AS sequence
           FROM pg_class s
           JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
           JOIN pg_class t ON t.oid = d.refobjid
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
          WHERE s.relkind = 'S'`,
      );
      expect(owned.rows.length).toBeGreaterThan(15);
      for (const o of owned.rows) {
        const max = await client.query<{ max: number | null }>(`SELECT max("${o.column}") AS max FROM "${o.table}"`);
        const seq = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM "${o.sequence}"`);
        const next = Number(seq.rows[0]?.last_value) + (seq.rows[0]?.is_called ? 1 : 0);
        expect(next, o.sequence).toBe((max.rows[0]?.max ?? 0) + 1);
      }
    });
  });

  it('reports rows, rates and memory', () => {
    expect(report.households).toBe(HOUSEHOLDS);
    expect(report.residents).toBe(sums.residents?.rows);
    expect(report.payments).toBe(sums.benefit_payments?.rows);
    expect(report.totalRows).toBe(report.tables.reduce((n, t) => n + t.rows, 0));
    expect(report.rowsPerSecond).toBeGreaterThan(0);
    expect(report.peakRssMb).toBeGreaterThan(10);
    expect(report.tables.find((t) => t.table === 'benefit_payments')?.rowsPerSecond).toBeGreaterThan(0);
    expect(report.officeGaps.length).toBeGreaterThan(0);
    expect(logged.some((m) => m.includes('households 300/300'))).toBe(true);
  });

  it('loads the reference tables, real and synthetic facilities, offices and queues', async () => {
    const counts = await withClient(first.url, async (client) => {
      const result = await client.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM districts) AS districts, (SELECT count(*) FROM blocks) AS blocks,
                (SELECT count(*) FROM departments) AS departments, (SELECT count(*) FROM schemes) AS schemes,
                (SELECT count(*) FROM grievance_categories) AS categories, (SELECT count(*) FROM facility_types) AS facility_types,
                (SELECT count(*) FROM facilities WHERE NOT synthetic) AS real_facilities,
                (SELECT count(*) FROM facilities WHERE synthetic AND source = 'synthetic') AS synthetic_facilities,
                (SELECT count(*) FROM service_types) AS service_types, (SELECT count(*) FROM queues) AS queues,
                (SELECT count(*) FROM offices WHERE level = 'state' AND district_code IS NULL) AS state_offices`,
      );
      return result.rows[0];
    });
    expect(counts).toMatchObject({
      districts: '33', blocks: '147', departments: '25', schemes: '36', categories: '98', facility_types: '26', real_facilities: '325',
      queues: '9', state_offices: '25',
    });
    expect(Number(counts?.synthetic_facilities)).toBeGreaterThan(147 * 5);
    // banks are a type of our own beside the reference list, with synthetic branches
    expect(await scalar(first.url, `SELECT count(*) AS v FROM facilities WHERE type_code = 'bank_branch' AND synthetic`)).not.toBe('0');
    expect(Number(counts?.service_types)).toBeGreaterThanOrEqual(12);
    for (const gap of report.officeGaps) {
      expect(await scalar(first.url, `SELECT count(*) AS v FROM offices WHERE district_code = ${gap.districtCode} AND department_code = '${gap.departmentCode}'`)).toBe('0');
    }
  });

  it('creates the demo users with argon2id hashes of the demo password', async () => {
    await withClient(first.url, async (client) => {
      const users = await client.query<{ username: string; role: string; password_hash: string; languages: string; office: string | null }>(
        `SELECT u.username, u.role, u.password_hash, u.languages::text AS languages,
                o.department_code || '/' || o.level || '/' || d.name AS office
           FROM users u LEFT JOIN offices o ON o.id = u.office_id LEFT JOIN districts d ON d.lgd_code = o.district_code
          ORDER BY u.id`,
      );
      expect(users.rows.map((u) => u.username)).toEqual(['agent1', 'agent2', 'supervisor1', 'officer1', 'admin1']);
      const byName = new Map(users.rows.map((u) => [u.username, u]));
      expect(byName.get('officer1')).toMatchObject({ role: 'officer', office: 'FOOD/district/Raipur' });
      expect(byName.get('agent1')?.languages).toBe('{hi,cg}');
      expect(byName.get('agent2')?.languages).toBe('{hi,cg,en}');
      const hash = byName.get('agent1')?.password_hash ?? '';
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(await verify(hash, 'samvad-demo')).toBe(true);
      expect(await verify(hash, 'wrong')).toBe(false);
    });
  });

  it('stores no clear Aadhaar, E.164 mobiles, applications in every status, and no grievances or calls', async () => {
    expect(await scalar(first.url, `SELECT count(*) AS v FROM residents WHERE aadhaar_hash IS NOT NULL AND (aadhaar_hash !~ '^[0-9a-f]{64}$' OR aadhaar_last4 !~ '^[0-9]{4}$')`)).toBe('0');
    // no column but the mobile (and the hex hash) holds a run of 12 digits
    expect(await scalar(first.url, `SELECT count(*) AS v FROM residents r WHERE (to_jsonb(r) - 'mobile' - 'aadhaar_hash')::text ~ '[0-9]{12}'`)).toBe('0');
    expect(await scalar(first.url, `SELECT count(*) AS v FROM residents WHERE mobile IS NOT NULL AND mobile !~ '^\\+91[6-9][0-9]{9}$'`)).toBe('0');
    expect(await scalar(first.url, `SELECT count(DISTINCT status) AS v FROM service_applications`)).toBe('6');
    expect(await scalar(first.url, `SELECT (SELECT count(*) FROM grievances) + (SELECT count(*) FROM calls) AS v`)).toBe('0');
  });

  it('uses demoPassword when given', async () => {
    await seed({ databaseUrl: other.url, households: 5, seed: 43, demoPassword: 'another-password' });
    const hash = await scalar(other.url, `SELECT password_hash AS v FROM users WHERE username = 'admin1'`);
    expect(await verify(hash, 'another-password')).toBe(true);
  }, 60_000);
});
