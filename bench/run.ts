import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate } from '@samvad/db';
import type { SeedReport } from '@samvad/db/seed';
import { FacilityIndex } from '../server/src/modules/facilities/facility-index.js';
import { login, percentile, round, runJsonChild, startServer, writeResult } from './lib.js';
import { benchAcdFanout } from './acd-fanout.js';
import { benchAcdRouting } from './acd-routing.js';
import { benchCampaignDialer } from './campaigns-dialer.js';
import { benchCampaignSampling } from './campaigns-sampling.js';
import { ariFarSide, simulatorFarSide } from './far-sides.js';
import { benchIvrCallers } from './ivr-callers.js';
import { benchInterpreter } from './ivr-interpreter.js';
import { benchScreenPopBrowser } from './screen-pop-browser.js';
import { benchCalls } from './telephony-calls.js';
import { benchImport } from './src/import.js';

// npm run bench [-- --households 1000000 --reuse --duration 20 --only seed,screen-pop,nearby]
// Seeds a dedicated database (samvad_bench), then measures what --only names (everything by
// default): HTTP lookups, telephony, the IVR, the ACD, campaigns, the console in Chromium.
// Results: bench/results/<name>.json; the table in bench/README.md says what each one means.

/** every benchmark, in the order a full run takes them */
const ALL = [
  'seed',
  'screen-pop',
  'nearby',
  'telephony',
  'telephony-ari',
  'ivr',
  'ivr-callers',
  'acd-routing',
  'acd-fanout',
  'screen-pop-browser',
  'campaigns-dialer',
  'campaigns-sampling',
  'import',
] as const;
/** the benchmarks that read the seeded database */
const NEED_DATA = new Set<string>(['screen-pop', 'nearby', 'telephony', 'telephony-ari', 'ivr-callers', 'screen-pop-browser', 'import']);

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    facilities: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '16' },
    duration: { type: 'string', default: '20' },
    reuse: { type: 'boolean', default: false },
    only: { type: 'string', default: ALL.join(',') },
    calls: { type: 'string', default: '1000' },
    'ari-calls': { type: 'string', default: '200' },
    'ivr-callers': { type: 'string', default: '500' },
    'pop-calls': { type: 'string', default: '100' },
    'import-rows': { type: 'string', default: '100000' },
  },
});
const households = Number(values.households);
const facilitiesTarget = Number(values.facilities);
const connections = Number(values.connections);
const duration = Number(values.duration);
const only = new Set(values.only.split(',').map((name) => name.trim()).filter((name) => name !== ''));
const unknown = [...only].filter((name) => !(ALL as readonly string[]).includes(name));
if (unknown.length > 0) {
  process.stderr.write(`[bench] unknown --only name(s): ${unknown.join(', ')}; known: ${ALL.join(', ')}\n`);
  process.exit(2);
}
const adminUrl = process.env.DATABASE_URL ?? 'postgresql://samvad:samvad@127.0.0.1:5432/samvad';
const benchUrl = process.env.BENCH_DATABASE_URL ?? adminUrl.replace(/\/[^/?]+(\?|$)/, '/samvad_bench$1');
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureDatabase(): Promise<void> {
  const name = new URL(benchUrl).pathname.slice(1);
  await withClient(adminUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  });
  await migrate(benchUrl, { log });
}

/**
 * Seeds `--households` households. Asked for by name (`seed`), it reseeds unless `--reuse`;
 * needed only as data for other benchmarks, a database already of that size is kept.
 */
async function seedIfNeeded(asked: boolean): Promise<void> {
  const current = await withClient(benchUrl, async (c) => Number((await c.query('SELECT count(*) AS n FROM households')).rows[0].n));
  if (current === households && (values.reuse || !asked)) {
    log(`reusing ${households} seeded households`);
    return;
  }
  log(`seeding ${households} households (this takes a while at 1,000,000)`);
  const report = await runJsonChild<SeedReport>('bench/seed-child.ts', [benchUrl, String(households), values.seed], {});
  const path = writeResult('seed', {
    households: report.households,
    residents: report.residents,
    enrolments: report.enrolments,
    payments: report.payments,
    applications: report.applications,
    totalRows: report.totalRows,
    seconds: report.seconds,
    rowsPerSecond: report.rowsPerSecond,
    peakRssMb: report.peakRssMb,
    phases: report.phases,
    tables: report.tables,
  });
  log(`seed: ${report.totalRows} rows in ${report.seconds} s = ${report.rowsPerSecond} rows/s, peak RSS ${report.peakRssMb} MB → ${path}`);
}

/** Tops the facilities up to the target with points spread over Chhattisgarh, marked as bench data. */
async function topUpFacilities(): Promise<number> {
  return withClient(benchUrl, async (client) => {
    await client.query(`DELETE FROM facilities WHERE source = 'bench'`);
    const { rows } = await client.query('SELECT count(*)::int AS n FROM facilities');
    const missing = Math.max(0, facilitiesTarget - rows[0].n);
    await client.query(
      `INSERT INTO facilities (type_code, name, lat, lon, synthetic, source)
       SELECT t.code, 'Bench facility ' || g, 17.8 + (g * 0.618033988749895 % 1) * 6.3, 80.2 + (g * 0.7548776662466927 % 1) * 4.2, true, 'bench'
       FROM generate_series(1, $1::int) g
       JOIN LATERAL (SELECT code FROM facility_types ORDER BY code OFFSET (g % (SELECT count(*) FROM facility_types)) LIMIT 1) t ON true`,
      [missing],
    );
    await client.query(`SELECT setval(pg_get_serial_sequence('facilities', 'id'), (SELECT max(id) FROM facilities))`);
    return facilitiesTarget;
  });
}

function load(url: string, token: string, nextPath: () => string, seconds: number) {
  return autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, path: nextPath() }) }],
  });
}

async function main(): Promise<void> {
  await ensureDatabase();
  if (only.has('seed') || [...only].some((name) => NEED_DATA.has(name))) await seedIfNeeded(only.has('seed'));
  const facilityCount = only.has('nearby') ? await topUpFacilities() : 0;
  if (only.has('screen-pop') || only.has('nearby')) await httpBenchmarks(facilityCount);
  if (only.has('telephony')) {
    const figures = await benchCalls(benchUrl, Number(values.calls), simulatorFarSide());
    log(`simulator: ${figures.completed}/${figures.calls} calls (${figures.peakConcurrentCallers} at once), event latency p50 ${figures.eventLatencyMs.p50} ms p99 ${figures.eventLatencyMs.p99} ms, loop lag p99 ${figures.eventLoopLagMs.p99} ms`);
    writeResult('telephony-simulator', figures);
  }
  if (only.has('telephony-ari')) {
    const figures = await benchCalls(benchUrl, Number(values['ari-calls']), await ariFarSide(), { arrivalGapMs: 10, talkMs: 5000 });
    log(`ARI adapter: ${figures.completed}/${figures.calls} calls (${figures.peakConcurrentCallers} at once), event latency p50 ${figures.eventLatencyMs.p50} ms p99 ${figures.eventLatencyMs.p99} ms, loop lag p99 ${figures.eventLoopLagMs.p99} ms`);
    writeResult('telephony-ari', figures);
  }
  if (only.has('ivr')) {
    const figures = await benchInterpreter(5);
    log(`IVR interpreter: ${figures.stepsPerSecond} steps/s, ${figures.callsPerSecond} helpline walks/s`);
    // no goal of its own: the interpreter's share of ivr-callers' latency
    writeResult('ivr-interpreter', { ...figures, goals: null });
  }
  if (only.has('ivr-callers')) {
    const figures = await benchIvrCallers(benchUrl, { callers: Number(values['ivr-callers']) });
    const { digitToCommandMs: all, withLookupMs: lookups } = figures;
    log(
      `IVR callers: ${figures.callsEnded}/${figures.calls} calls (${figures.peakConcurrentCallers} at once), ${all.samples} digit entries → next command p50 ${all.p50} ms p99 ${all.p99} ms max ${all.max} ms (with a lookup: p99 ${lookups.p99} ms); goal p99 < ${figures.goals.digitToCommandP99Ms} ms ${figures.meetsGoal ? 'met' : 'MISSED'}`,
    );
    writeResult('ivr-callers', figures);
  }
  if (only.has('acd-routing')) {
    const figures = benchAcdRouting();
    log(
      `ACD routing: ${figures.agents} agents, ${figures.waiting} waiting, decide() p50 ${figures.decideMs.p50} ms p99 ${figures.decideMs.p99} ms max ${figures.decideMs.max} ms; all ready at once ${figures.allReadyAtOnce.medianMs} ms; goal p99 < ${figures.goals.decideP99Ms} ms ${figures.decideMs.p99 < figures.goals.decideP99Ms ? 'met' : 'MISSED'}`,
    );
    writeResult('acd-routing', { ...figures, meetsGoal: figures.decideMs.p99 < figures.goals.decideP99Ms });
  }
  if (only.has('acd-fanout')) {
    const figures = await benchAcdFanout();
    const board = figures.spacedChangesMs.board;
    log(
      `ACD fan-out: ${figures.agentSockets} agent and ${figures.supervisorSockets} supervisor sockets, state change → supervisor p50 ${board.p50} ms p99 ${board.p99} ms (${board.samples} receipts); burst p99 ${figures.burstMs.board.p99} ms; goal p99 < ${figures.goals.supervisorReceiptP99Ms} ms ${board.p99 < figures.goals.supervisorReceiptP99Ms ? 'met' : 'MISSED'}`,
    );
    writeResult('acd-fanout', { ...figures, meetsGoal: board.p99 < figures.goals.supervisorReceiptP99Ms });
  }
  if (only.has('screen-pop-browser')) {
    const figures = await benchScreenPopBrowser({ databaseUrl: benchUrl, redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/10', calls: Number(values['pop-calls']), log });
    log(
      `screen-pop in Chromium: ${figures.popped}/${figures.calls} calls, offer → household card p50 ${figures.offerToCardMs.p50} ms p99 ${figures.offerToCardMs.p99} ms max ${figures.offerToCardMs.max} ms; goal p99 < ${figures.goals.offerToCardP99Ms} ms ${figures.meetsGoal ? 'met' : 'MISSED'}`,
    );
    writeResult('screen-pop-browser', figures);
  }
  if (only.has('campaigns-dialer')) {
    const figures = benchCampaignDialer();
    const at25 = (strategy: string) => figures.results.find((r) => r.agents === 25 && r.strategy === strategy);
    const row = (strategy: string) => {
      const r = at25(strategy);
      return r ? `${strategy} ${r.talkMinutesPerAgentHour} min/h ${r.abandonPct} %` : `${strategy} ?`;
    };
    const goal = figures.goal;
    const meetsGoal = goal !== null && goal.meetsTalkRatio && goal.abandonWithinCap && goal.aheadOfAdaptOnTalk && goal.aheadOfAdaptOnAbandonment;
    log(
      `dialer at 25 agents: ${['progressive', 'adapt-hard-limit', 'predictive'].map(row).join('; ')}; predictive/progressive ${goal?.talkRatioToProgressive ?? '?'} (goal ≥ 1.25, abandonment ≤ 3 %, ahead of ADAPT_HARD_LIMIT) ${meetsGoal ? 'met' : 'MISSED'}`,
    );
    const { clairvoyantAgents, abandonmentFrontier, scale } = figures.limits;
    const scaleRatio = (scale[1]?.talkMinutesPerAgentHour ?? 0) / (scale[0]?.talkMinutesPerAgentHour ?? 1);
    log(
      `dialer limits at 25 agents: predictive told every conversation's end ${clairvoyantAgents.talkMinutesPerAgentHour} min/h ${clairvoyantAgents.abandonPct} %; cap lifted ${abandonmentFrontier.map((f) => `${f.talkMinutesPerAgentHour} min/h at ${f.abandonPct} %`).join(', ')}; at 100 agents predictive/progressive ${scaleRatio.toFixed(3)} at ${scale[1]?.abandonPct ?? '?'} %`,
    );
    writeResult('campaigns-dialer', { ...figures, goals: { agents: 25, talkRatioToProgressive: 1.25, maxAbandonPct: 3, aheadOfAdaptHardLimit: true }, meetsGoal });
  }
  if (only.has('campaigns-sampling')) {
    const figures = await benchCampaignSampling();
    log(
      `sampling: ${figures.sampled} of ${figures.rows} rows in ${figures.strata} strata in ${figures.samplingSeconds.first} s (best ${figures.samplingSeconds.best} s, streamed with generation ${figures.streamedWithGenerationSeconds} s); goal < ${figures.goalSeconds} s ${figures.meetsGoal ? 'met' : 'MISSED'}`,
    );
    writeResult('campaigns-sampling', { ...figures, goals: { seconds: figures.goalSeconds } });
  }
  if (only.has('import')) {
    const figures = await benchImport(benchUrl, Number(values['import-rows']));
    log(
      `beneficiary import: ${figures.rows} rows (${figures.fileMb} MB) in ${figures.seconds} s = ${figures.rowsPerSecond} rows/s, peak RSS ${figures.peakRssMb} MB (+${figures.rssGrowthMb} MB over the baseline, heap ${figures.peakHeapUsedMb} MB), report ${figures.report.lines} lines in ${figures.report.seconds} s; goal growth < ${figures.goals.rssGrowthMbBelow} MB ${figures.meetsGoal ? 'met' : 'MISSED'}`,
    );
    writeResult('import', figures);
  }
}

/** The screen-pop and nearby facilities over HTTP, against a server in its own process. */
async function httpBenchmarks(facilityCount: number): Promise<void> {
  const server = await startServer({ DATABASE_URL: benchUrl, DATABASE_POOL_SIZE: '16' });
  try {
    const token = await login(server.url, 'agent1', process.env.DEMO_PASSWORD ?? 'samvad-demo');

    if (only.has('screen-pop')) {
      const phones = await withClient(benchUrl, async (c) =>
        (await c.query<{ mobile: string }>('SELECT mobile FROM residents TABLESAMPLE SYSTEM (1) WHERE mobile IS NOT NULL LIMIT 5000')).rows.map((r) => r.mobile),
      );
      let i = 0;
      const callId = randomUUID();
      const next = () => `/api/households/by-phone/${encodeURIComponent(phones[i++ % phones.length]!)}?reason=inbound_call&callId=${callId}`;
      await load(server.url, token, next, 3); // warm-up: connections, plans, JIT
      const result = await load(server.url, token, next, duration);
      const figures = {
        households: await withClient(benchUrl, async (c) => Number((await c.query('SELECT count(*) AS n FROM households')).rows[0].n)),
        connections,
        durationSeconds: duration,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
        requestsPerSecond: round(result.requests.average, 0),
        goals: { p99Ms: 10, requestsPerSecond: 1500 },
      };
      log(`screen-pop: p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, ${figures.requestsPerSecond} req/s, non-2xx ${result.non2xx}`);
      writeResult('screen-pop', figures);
    }

    if (only.has('nearby')) {
      let k = 0;
      const next = () => {
        k += 1;
        const lat = 17.9 + ((k * 0.618033988749895) % 1) * 6.1;
        const lon = 80.3 + ((k * 0.7548776662466927) % 1) * 4.0;
        return `/api/facilities/nearby?lat=${lat.toFixed(5)}&lon=${lon.toFixed(5)}&types=phc,school_primary,fps,railway_station&perType=1`;
      };
      await load(server.url, token, next, 3);
      const http = await load(server.url, token, next, duration);

      // The index alone, without HTTP: what a screen-pop pays for the facilities part.
      const points = await withClient(benchUrl, async (c) =>
        (await c.query('SELECT id, type_code AS "typeCode", name, name_local AS "nameLocal", district_code AS "districtCode", lat, lon, synthetic FROM facilities')).rows,
      );
      const buildStart = process.hrtime.bigint();
      const index = new FacilityIndex(points);
      const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
      const timings: number[] = [];
      for (let q = 0; q < 20_000; q += 1) {
        const start = process.hrtime.bigint();
        index.nearby({ lat: 17.9 + ((q * 0.618) % 1) * 6.1, lon: 80.3 + ((q * 0.7548) % 1) * 4.0, limit: 10, types: ['phc', 'school_primary', 'fps', 'railway_station'], perType: 1 });
        timings.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      const figures = {
        facilities: points.length,
        target: facilityCount,
        http: {
          connections,
          durationSeconds: duration,
          requests: http.requests.total,
          non2xx: http.non2xx,
          latencyMs: { p50: http.latency.p50, p99: http.latency.p99, max: http.latency.max },
          requestsPerSecond: round(http.requests.average, 0),
        },
        index: { buildMs: round(buildMs, 1), queries: timings.length, p50Ms: round(percentile(timings, 50), 4), p99Ms: round(percentile(timings, 99), 4) },
        goals: { p99Ms: 10 },
      };
      log(`nearby: HTTP p99 ${figures.http.latencyMs.p99} ms at ${figures.http.requestsPerSecond} req/s; index alone p99 ${figures.index.p99Ms} ms over ${points.length} facilities`);
      writeResult('nearby-facilities', figures);
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
