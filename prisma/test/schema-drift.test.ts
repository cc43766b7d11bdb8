import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/migrate.js';
import { findSchemaDrift, normalizeDefault } from '../src/schema-drift.js';
import { createScratchDatabase, withClient, type ScratchDatabase } from './scratch-db.js';

const schemaPath = fileURLToPath(new URL('../schema.prisma', import.meta.url));

describe('schema drift between schema.prisma and the migrations', () => {
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase('samvad_drift_test');
    await migrate(database.url);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('a freshly migrated database matches schema.prisma exactly, hand-written indexes included', async () => {
    expect(await findSchemaDrift(database.url, schemaPath)).toEqual([]);
  });

  it('reports a schema.prisma change that has no migration yet', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samvad-schema-'));
    try {
      const schema = await readFile(schemaPath, 'utf8');
      const edited = schema
        .replace('  dnd            Boolean  @default(false)\n', '  dnd            Boolean  @default(false)\n  email          String?\n')
        .replace('  @@index([mobile])\n', '  @@index([mobile])\n  @@index([nameEn, birthDate])\n')
        .replace('  none\n\n  @@map("ration_category")', '  none\n  tribal\n\n  @@map("ration_category")')
        .concat('\nmodel Holiday {\n  day  DateTime @id @db.Date\n  name String\n\n  @@map("holidays")\n}\n');
      expect(edited).not.toBe(schema);
      const editedPath = join(dir, 'schema.prisma');
      await writeFile(editedPath, edited);

      expect(await findSchemaDrift(database.url, editedPath)).toEqual([
        'enum ration_category: values differ: schema.prisma [antyodaya, priority, single_destitute, disabled, general, none, tribal], database [antyodaya, priority, single_destitute, disabled, general, none]',
        'column residents.email: missing in the database (field Resident.email)',
        'index residents_name_en_birth_date_idx on residents btree (name_en, birth_date): missing in the database (Resident @@index([nameEn, birthDate]))',
        'table holidays: missing in the database (model Holiday)',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('findSchemaDrift on a database changed by hand', () => {
  let database: ScratchDatabase;
  let problems: string[];

  beforeAll(async () => {
    database = await createScratchDatabase('samvad_drift_test');
    await migrate(database.url);
    await withClient(database.url, (client) =>
      client.query(`
        ALTER TABLE residents DROP COLUMN dnd;
        ALTER TABLE surveys ADD COLUMN notes TEXT;
        ALTER TABLE households ALTER COLUMN village TYPE VARCHAR(50);
        ALTER TABLE households ALTER COLUMN pincode SET NOT NULL;
        ALTER TABLE users ALTER COLUMN languages TYPE "language" USING languages[1];
        ALTER TABLE queues ALTER COLUMN priority SET DEFAULT 1;
        ALTER TABLE campaigns ALTER COLUMN updated_at SET DEFAULT now();
        ALTER TYPE "gender" ADD VALUE 'unknown';
        CREATE TYPE "mood" AS ENUM ('calm');
        CREATE TABLE stray (id INTEGER);
        CREATE INDEX residents_mobile_name_idx ON residents (mobile, name_en);
        DROP INDEX users_username_key;
        ALTER INDEX calls_offered_at_idx RENAME TO calls_offered_idx;
        DROP INDEX audit_log_actor_id_at_idx;
        CREATE INDEX audit_log_actor_id_at_idx ON audit_log (actor_id, at DESC);
        DROP INDEX residents_name_hi_prefix_idx;
        DROP INDEX residents_name_en_prefix_idx;
        CREATE INDEX residents_name_en_prefix_idx ON residents (name_en text_pattern_ops);
        ALTER TABLE blocks DROP CONSTRAINT blocks_district_code_fkey;
        ALTER TABLE blocks ADD CONSTRAINT blocks_district_code_fkey
          FOREIGN KEY (district_code) REFERENCES districts (lgd_code) ON DELETE CASCADE ON UPDATE CASCADE;
        ALTER TABLE call_events DROP CONSTRAINT call_events_call_id_fkey;
        ALTER TABLE agent_state_events ADD CONSTRAINT agent_state_events_call_id_fkey
          FOREIGN KEY (call_id) REFERENCES calls (id);
        ALTER TABLE docket_counters DROP CONSTRAINT docket_counters_pkey;
      `),
    );
    problems = await findSchemaDrift(database.url, schemaPath);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it.each([
    ['a dropped column', 'column residents.dnd: missing in the database (field Resident.dnd)'],
    ['an added column', 'column surveys.notes: in the database but not in model Survey'],
    ['a changed type', 'column households.village: type is text in schema.prisma, character varying(50) in the database'],
    ['a changed nullability', 'column households.pincode: nullable in schema.prisma, NOT NULL in the database'],
    ['a list turned scalar', 'column users.languages: a list in schema.prisma, not an array in the database'],
    ['a changed default', 'column queues.priority: default is 0 in schema.prisma, 1 in the database'],
    ['a default on an @updatedAt column', 'column campaigns.updated_at: default is none in schema.prisma, now() in the database'],
    ['an added enum value', 'enum gender: values differ: schema.prisma [female, male, other], database [female, male, other, unknown]'],
    ['an undeclared enum', 'enum mood: in the database but not in schema.prisma'],
    ['an undeclared table', 'table stray: in the database but not in schema.prisma'],
    ['a dropped unique index', 'unique index users_username_key on users UNIQUE btree (username): missing in the database (User.username @unique)'],
    ['a renamed index', 'index calls_offered_at_idx on calls: the database has it under the name calls_offered_idx'],
    ['an index with another sort order', 'index audit_log_actor_id_at_idx on audit_log: schema.prisma (AuditLog @@index([actorId, at])) expects btree (actor_id, at), the database has USING btree (actor_id, at DESC)'],
    ['a dropped allowlisted index', 'index residents_name_hi_prefix_idx on residents: listed in allowedExtraIndexes but missing in the database'],
    ['a changed allowlisted index', 'index residents_name_en_prefix_idx on residents: allowedExtraIndexes says USING btree (lower(name_en) text_pattern_ops), the database has USING btree (name_en text_pattern_ops)'],
    ['a changed referential action', 'foreign key blocks_district_code_fkey on blocks: schema.prisma has onDelete Restrict onUpdate Cascade, the database onDelete Cascade onUpdate Cascade'],
    ['a dropped foreign key', 'foreign key call_events_call_id_fkey on call_events: missing in the database (CallEvent.call: (call_id) → calls(id))'],
    ['an undeclared foreign key', 'foreign key agent_state_events_call_id_fkey on agent_state_events: in the database but not in schema.prisma ((call_id) → calls(id))'],
    ['a dropped primary key', 'table docket_counters: primary key docket_counters_pkey (year) is missing'],
  ])('reports %s', (_what, message) => {
    expect(problems).toContain(message);
  });

  it('reports a hand-written index that is not declared anywhere, and says how to fix it', () => {
    expect(problems).toContain(
      'index residents_mobile_name_idx on residents: not declared in schema.prisma nor in allowedExtraIndexes (USING btree (mobile, name_en)). ' +
        'Declare it with @@index/@unique, or, if Prisma cannot express it, add it to allowedExtraIndexes in prisma/src/schema-drift.ts',
    );
  });

  it('reports nothing it was not given', () => {
    expect(problems).toHaveLength(20);
  });
});

describe('normalizeDefault', () => {
  it.each([
    ["nextval('blocks_id_seq'::regclass)", 'autoincrement()'],
    ['CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP'],
    ['now()', 'CURRENT_TIMESTAMP'],
    ["'hi'::language", 'hi'],
    ["'09:00'::text", '09:00'],
    ["'it''s'::character varying(20)", "it's"],
    ["'-1'::integer", '-1'],
    ['(-1)', '-1'],
    ['3', '3'],
    ['false', 'false'],
    ["'{}'::jsonb", '{}'],
  ])('%s → %s', (expression, normalized) => {
    expect(normalizeDefault(expression)).toBe(normalized);
  });
});
