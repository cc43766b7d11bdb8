import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '@samvad/db';
import { seed } from '@samvad/db/seed';
import { createBeneficiaryImportService, INTERRUPTED_ERROR } from '../../src/modules/beneficiaries/import.service.js';
import { auth, createTestContext, createUser, type TTestContext } from '../helpers.js';

// An import runs in one transaction that holds an advisory lock with the import's id. These tests
// kill a real process in the middle of an import, and check what a restarted or second server
// does with the record it left behind.

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const HEADER = 'scheme,beneficiary_id,name,father_or_husband_name,gender,birth_year,district,block,village,mobile';

async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('imports interrupted by a stopped server', () => {
  let ctx: TTestContext;
  let supervisor: string;
  let userId: number;
  let scheme: string;
  let place: { districtCode: number; blockLgd: number };
  const children: ChildProcess[] = [];

  const user = () => ({ id: userId, username: 'imp', role: 'supervisor' as const, departmentCode: null, districtCode: null, officeId: null });

  /** a file of `count` valid rows of unknown beneficiaries, ids starting with `prefix` */
  function csv(prefix: string, count: number): string {
    const rows = Array.from({ length: count }, (_, i) => [scheme, `${prefix}-${i}`, 'Kamla Bai', 'Ramesh', 'F', '1975', place.districtCode, place.blockLgd, 'Kohka', '9123456780'].join(','));
    return `${HEADER}\n${rows.join('\n')}\n`;
  }

  /** the backend whose transaction runs the import, while it runs */
  async function runner(importId: number): Promise<number | undefined> {
    const rows = await ctx.prisma.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND objsubid = 2
        AND classid = hashtext('beneficiary_import_run')::oid AND objid = ${importId}::int::oid`;
    return rows[0]?.pid;
  }

  /** whether that backend's transaction has inserted import rows (uncommitted, so unseen by others) */
  async function wroteRows(pid: number): Promise<boolean> {
    const rows = await ctx.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_locks WHERE pid = ${pid} AND relation = 'beneficiary_import_rows'::regclass AND mode = 'RowExclusiveLock'`;
    return (rows[0]?.n ?? 0) > 0;
  }

  const recordOf = (fileName: string) => until(() => ctx.prisma.beneficiaryImport.findFirst({ where: { fileName } }).then((r) => r ?? undefined), `the import of ${fileName}`);
  const backdate = (ids: number[], minutes: number) => ctx.prisma.$executeRaw`UPDATE beneficiary_imports SET created_at = created_at - make_interval(mins => ${minutes}) WHERE id = ANY(${ids}::int[])`;
  const rowCount = (prefix: string) => ctx.prisma.beneficiaryImportRow.count({ where: { beneficiaryId: { startsWith: `${prefix}-` } } });

  beforeAll(async () => {
    ctx = await createTestContext();
    const sup = await createUser(ctx.prisma, 'supervisor');
    userId = sup.id;
    supervisor = await ctx.tokenFor(sup.username, sup.password);
    scheme = (await ctx.prisma.scheme.findFirstOrThrow({ orderBy: { code: 'asc' } })).code;
    const block = await ctx.prisma.block.findFirstOrThrow({ orderBy: { id: 'asc' } });
    place = { districtCode: block.districtCode, blockLgd: block.lgdCode };
  });

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('fails an import whose process was killed, keeps none of its rows, and imports the file again', async () => {
    const tag = `CRASH${randomUUID().slice(0, 6)}`;
    const fileName = `${tag}.csv`;
    const file = csv(tag, 12);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/beneficiaries/import-child.ts'], {
      cwd: SERVER_DIR,
      env: { PATH: process.env.PATH, IMPORT_DATABASE_URL: inject('databaseUrl'), IMPORT_SCHEME: scheme, IMPORT_FILE_NAME: fileName, IMPORT_USER_ID: String(userId), IMPORT_CSV: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const record = await recordOf(fileName);
    const pid = await until(() => runner(record.id), 'the import transaction');
    // Two batches of five are written inside the transaction; the upload then stalls.
    await until(async () => ((await wroteRows(pid)) ? true : undefined), 'rows written by the import');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await until(async () => ((await runner(record.id)) === undefined ? true : undefined), 'PostgreSQL to end the dead transaction');
    expect(output).not.toContain('import finished');

    // PostgreSQL rolled the rows back; only the record says `processing`.
    expect(await rowCount(tag)).toBe(0);
    expect(await ctx.prisma.beneficiaryImportRow.count({ where: { importId: record.id } })).toBe(0);
    expect((await ctx.prisma.beneficiaryImport.findUniqueOrThrow({ where: { id: record.id } })).status).toBe('processing');

    // Within its first two minutes a record may precede its transaction's lock, so it is left alone.
    const early = await request(ctx.app).get('/api/beneficiary-imports').query({ scheme }).set(auth(supervisor));
    expect(early.status).toBe(200);
    expect(early.body.find((i: { id: number }) => i.id === record.id)?.status).toBe('processing');

    await backdate([record.id], 3);
    const listed = await request(ctx.app).get('/api/beneficiary-imports').query({ scheme }).set(auth(supervisor));
    const failed = listed.body.find((i: { id: number }) => i.id === record.id);
    expect(failed).toMatchObject({ status: 'failed', error: INTERRUPTED_ERROR, totalRows: 0 });
    expect(failed.finishedAt).not.toBeNull();

    const again = await request(ctx.app).post('/api/beneficiary-imports').query({ scheme, fileName }).set(auth(supervisor)).set('content-type', 'text/csv').send(Buffer.from(file));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: 'completed', reused: false, totalRows: 12 });
    expect(again.body.id).not.toBe(record.id);
    expect(await rowCount(tag)).toBe(12);
    const third = await request(ctx.app).post('/api/beneficiary-imports').query({ scheme, fileName }).set(auth(supervisor)).set('content-type', 'text/csv').send(Buffer.from(file));
    expect(third.body).toMatchObject({ id: again.body.id, reused: true });
    expect(await rowCount(tag)).toBe(12);
    expect((await ctx.prisma.beneficiaryImport.findUniqueOrThrow({ where: { id: record.id } })).error).toBe(INTERRUPTED_ERROR);
  });

  it('fails an import whose server froze with its connections open, once PostgreSQL ends the idle transaction', async () => {
    const tag = `FROZEN${randomUUID().slice(0, 6)}`;
    const fileName = `${tag}.csv`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/beneficiaries/import-child.ts'], {
      cwd: SERVER_DIR,
      env: { PATH: process.env.PATH, IMPORT_DATABASE_URL: inject('databaseUrl'), IMPORT_SCHEME: scheme, IMPORT_FILE_NAME: fileName, IMPORT_USER_ID: String(userId), IMPORT_CSV: csv(tag, 12), IMPORT_STALLED_AFTER_MS: '1500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const record = await recordOf(fileName);
    const pid = await until(() => runner(record.id), 'the import transaction');
    await until(async () => ((await wroteRows(pid)) ? true : undefined), 'rows written by the import');
    // Stopped, not killed: like a machine that lost power, its sockets stay open and say nothing.
    child.kill('SIGSTOP');
    await until(async () => ((await runner(record.id)) === undefined ? true : undefined), 'PostgreSQL to end the idle transaction', 10_000);
    expect(await rowCount(tag)).toBe(0);

    await backdate([record.id], 3);
    const read = await request(ctx.app).get(`/api/beneficiary-imports/${record.id}`).set(auth(supervisor));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'failed', error: INTERRUPTED_ERROR, totalRows: 0 });
    child.kill('SIGKILL');
  });

  it('leaves a running import alone, and one queued behind it, however old', async () => {
    const tagA = `LIVEA${randomUUID().slice(0, 6)}`;
    const tagB = `LIVEB${randomUUID().slice(0, 6)}`;
    const service = createBeneficiaryImportService({ prisma: ctx.prisma, batchSize: 5 });
    const bodyA = new PassThrough();
    bodyA.write(csv(tagA, 12));
    const running = service.importFile({ schemeCode: scheme, fileName: `${tagA}.csv`, mapping: {}, body: bodyA }, user());
    const a = await recordOf(`${tagA}.csv`);
    const pidA = await until(() => runner(a.id), 'the running import');
    await until(async () => ((await wroteRows(pidA)) ? true : undefined), 'rows written by the running import');

    // The same scheme: this one waits for the first to finish, holding its own lock meanwhile.
    const bodyB = new PassThrough();
    bodyB.end(csv(tagB, 3));
    const queued = service.importFile({ schemeCode: scheme, fileName: `${tagB}.csv`, mapping: {}, body: bodyB }, user());
    const b = await recordOf(`${tagB}.csv`);
    await until(() => runner(b.id), 'the queued import');

    // Older than the quiet period, younger than the transaction timeout.
    await backdate([a.id, b.id], 10);
    const otherServer = createBeneficiaryImportService({ prisma: ctx.prisma });
    const recovered = await otherServer.failInterrupted();
    expect(recovered).not.toContain(a.id);
    expect(recovered).not.toContain(b.id);
    for (const id of [a.id, b.id]) {
      const one = await request(ctx.app).get(`/api/beneficiary-imports/${id}`).set(auth(supervisor));
      expect(one.body.status).toBe('processing');
    }
    const listed = await request(ctx.app).get('/api/beneficiary-imports').query({ scheme }).set(auth(supervisor));
    expect(listed.body.filter((i: { id: number }) => i.id === a.id || i.id === b.id).map((i: { status: string }) => i.status)).toEqual(['processing', 'processing']);

    bodyA.end();
    expect(await running).toMatchObject({ id: a.id, status: 'completed', totalRows: 12, error: null });
    expect(await queued).toMatchObject({ id: b.id, status: 'completed', totalRows: 3, error: null });
    expect(await rowCount(tagA)).toBe(12);
    expect(await rowCount(tagB)).toBe(3);
  });

  it('spares an unlocked import in its first minutes, then fails it once even when two servers look at the same time', async () => {
    const tag = `IDLE${randomUUID().slice(0, 6)}`;
    const records = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ctx.prisma.beneficiaryImport.create({ data: { schemeCode: scheme, fileName: `${tag}-${i}.csv`, createdById: userId, createdAt: new Date() } })),
    );
    const ids = records.map((r) => r.id).sort((x, y) => x - y);
    const serverA = createBeneficiaryImportService({ prisma: ctx.prisma });
    const serverB = createBeneficiaryImportService({ prisma: ctx.prisma });
    expect((await serverA.failInterrupted()).filter((id) => ids.includes(id))).toEqual([]);

    await backdate(ids, 3);
    // Reading one import fails it if it was interrupted.
    const one = await request(ctx.app).get(`/api/beneficiary-imports/${ids[0]}`).set(auth(supervisor));
    expect(one.body).toMatchObject({ id: ids[0], status: 'failed', error: INTERRUPTED_ERROR });

    const results = await Promise.all([serverA.failInterrupted(), serverB.failInterrupted(), serverA.failInterrupted(), serverB.failInterrupted()]);
    const ours = results.flat().filter((id) => ids.includes(id));
    expect(ours.sort((x, y) => x - y)).toEqual(ids.slice(1));
    expect(await serverB.failInterrupted()).not.toEqual(expect.arrayContaining([ids[1]]));
    const after = await ctx.prisma.beneficiaryImport.findMany({ where: { id: { in: ids } } });
    expect(after.map((r) => [r.status, r.error])).toEqual(ids.map(() => ['failed', INTERRUPTED_ERROR]));
  });

  it('fails an import past its transaction timeout even while a hung connection holds its lock', async () => {
    const record = await ctx.prisma.beneficiaryImport.create({ data: { schemeCode: scheme, fileName: `HUNG${randomUUID().slice(0, 6)}.csv`, createdById: userId, createdAt: new Date() } });
    const hung = new pg.Client({ connectionString: inject('databaseUrl') });
    await hung.connect();
    try {
      await hung.query('BEGIN');
      await hung.query(`SELECT pg_advisory_xact_lock(hashtext('beneficiary_import_run'), $1::int)`, [record.id]);
      const service = createBeneficiaryImportService({ prisma: ctx.prisma });
      await backdate([record.id], 20);
      expect(await service.failInterrupted(record.id)).toEqual([]);
      await backdate([record.id], 20);
      expect(await service.failInterrupted(record.id)).toEqual([record.id]);
      expect(await ctx.prisma.beneficiaryImport.findUniqueOrThrow({ where: { id: record.id } })).toMatchObject({ status: 'failed', error: INTERRUPTED_ERROR });
    } finally {
      await hung.end();
    }
  });
});

describe('the server process at start', () => {
  const databaseName = `samvad_test_imp_start_${randomUUID().slice(0, 8)}`;
  const adminUrl = new URL(inject('databaseUrl'));
  const databaseUrl = new URL(inject('databaseUrl'));
  databaseUrl.pathname = `/${databaseName}`;
  adminUrl.pathname = '/postgres';
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    await admin.end();
    await migrate(databaseUrl.toString(), { log: () => undefined });
    await seed({ databaseUrl: databaseUrl.toString(), households: 20, seed: 5, log: () => undefined });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  });

  it('fails the imports a stopped server left processing before it listens', async () => {
    const db = new pg.Client({ connectionString: databaseUrl.toString() });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: number; file_name: string }>(
        `INSERT INTO beneficiary_imports (scheme_code, file_name, created_by_id, created_at)
         SELECT (SELECT code FROM schemes ORDER BY code LIMIT 1), f, (SELECT id FROM users ORDER BY id LIMIT 1), now() - d
         FROM (VALUES ('stale.csv', interval '5 minutes'), ('fresh.csv', interval '0 minutes')) AS v(f, d)
         RETURNING id, file_name`,
      );
      const stale = rows.find((r) => r.file_name === 'stale.csv')?.id;
      const fresh = rows.find((r) => r.file_name === 'fresh.csv')?.id;
      const port = await new Promise<number>((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
          const address = probe.address();
          probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
      });
      let output = '';
      child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: SERVER_DIR,
        env: { PATH: process.env.PATH, SAMVAD_MODE: 'demo', TELEPHONY: 'sim', DATABASE_URL: databaseUrl.toString(), REDIS_URL: inject('redisUrl'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', DEMO_TRAFFIC_PEAK_PER_MINUTE: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await until(() => (output.includes('samvad server listening') ? true : undefined), 'the server to listen', 60_000);

      const after = await db.query<{ id: number; status: string; error: string | null }>('SELECT id, status, error FROM beneficiary_imports WHERE id = ANY($1) ORDER BY id', [[stale, fresh]]);
      expect(after.rows).toEqual([
        { id: stale, status: 'failed', error: INTERRUPTED_ERROR },
        { id: fresh, status: 'processing', error: null },
      ]);
      expect(output).toContain('imports interrupted by a stop marked failed');
      expect(output).toContain(`"imports":[${stale}]`);
    } finally {
      await db.end();
    }
  });
});
