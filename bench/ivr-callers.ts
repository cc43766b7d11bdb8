import { monitorEventLoopDelay } from 'node:perf_hooks';
import { FlowRegistry, start, step, type TFlow } from '@samvad/ivr-flows';
import { createDatabase } from '@samvad/db';
import { createCallControl } from '../server/src/callcontrol/create-call-control.js';
import { loadConfig } from '../server/src/config.js';
import { createLogger } from '../server/src/logger.js';
import { CallRecorder } from '../server/src/telephony/recorder.js';
import { createSimulator, RealClock, SimRandom, type TCitizenScriptInput } from '../server/src/telephony/sim/index.js';
import { TelephonyService } from '../server/src/telephony/telephony.service.js';
import { percentile, round } from './lib.js';
import { DigitTimedProvider, type TDigitSample } from './src/digit-timing.js';

/** Thursday 12 March 2026, 11:00 in India: the helpline is open, as it is for most calls */
const OPEN_HOURS = Date.parse('2026-03-12T05:30:00Z');

export interface TIvrCallersOptions {
  callers?: number;
  /** callers dial in spread evenly over this long, so all of them are in the IVR at once */
  arrivalMs?: number;
  seed?: number;
  poolSize?: number;
}

/** what a caller's keys asked of the server, from the keys themselves */
type TKind = 'menu' | 'applicationStatus' | 'grievanceStatus' | 'schemeInfo' | 'timeout';

function kindOf(sample: TDigitSample): TKind {
  if (sample.reason === 'timeout' && sample.digits === '') return 'timeout';
  if (sample.digits.length === 12) return 'applicationStatus';
  if (sample.digits.length === 10) return 'grievanceStatus';
  // '4' is pressed only at the main menu, by callers whose household is known
  if (sample.digits === '4') return 'schemeInfo';
  return 'menu';
}

const stats = (values: readonly number[]) => ({
  samples: values.length,
  p50: round(percentile(values, 50), 2),
  p99: round(percentile(values, 99), 2),
  max: round(values.length > 0 ? Math.max(...values) : Number.NaN, 2),
});

/**
 * 500 simulated citizens calling the helpline at once, in one process, through the server's real
 * call path: the simulator, TelephonyService (every event recorded in PostgreSQL), call control
 * from `createCallControl` with the helpline flow from ivr-flows/flows, and the lookups on the
 * bench database. Half the callers use real residents' numbers (known households: the
 * household lookup, their language kept, scheme information), half unknown numbers (a language
 * chosen). Everyone asks the status of a real application, goes back to the main menu, asks the
 * status of a grievance (real dockets when the database has any), and finally stays silent
 * until the flow says goodbye and hangs up.
 *
 * Measured per completed key entry (`call.digits`): from the event entering the server to the
 * next command the server issues on that call, lookups included. The clock is real time; prompts
 * last as long as they would be spoken.
 */
export async function benchIvrCallers(databaseUrl: string, options: TIvrCallersOptions = {}) {
  const callers = options.callers ?? 500;
  const arrivalMs = options.arrivalMs ?? 5000;
  const random = new SimRandom(options.seed ?? 11, 'ivr-callers');
  const config = loadConfig({ SAMVAD_MODE: 'demo', DATABASE_URL: databaseUrl, TELEPHONY: 'sim', LOG_LEVEL: 'warn' });
  const logger = createLogger('warn');
  const database = createDatabase({ url: databaseUrl, poolSize: options.poolSize ?? config.database.poolSize });
  const { prisma, pool } = database;

  // Real data: residents' numbers owned by one household, application numbers, dockets.
  const knownCount = Math.ceil(callers / 2);
  const phonesSql = (sample: string) => `
    SELECT s.mobile FROM (SELECT DISTINCT mobile FROM residents ${sample} WHERE mobile IS NOT NULL) s
     WHERE (SELECT count(DISTINCT r.household_id) FROM residents r WHERE r.mobile = s.mobile) = 1
     ORDER BY md5(s.mobile) LIMIT $1`;
  let phones = (await pool.query<{ mobile: string }>(phonesSql('TABLESAMPLE SYSTEM (5)'), [knownCount])).rows.map((r) => r.mobile);
  // a small database: the sample may be too thin, so take from every resident
  if (phones.length < knownCount) phones = (await pool.query<{ mobile: string }>(phonesSql(''), [knownCount])).rows.map((r) => r.mobile);
  const applications = (
    await pool.query<{ application_no: string }>(`SELECT application_no FROM service_applications ORDER BY md5(application_no) LIMIT $1`, [callers])
  ).rows.map((r) => r.application_no);
  const dockets = (await pool.query<{ docket_no: string }>(`SELECT docket_no FROM grievances ORDER BY md5(docket_no) LIMIT $1`, [callers])).rows.map((r) =>
    r.docket_no.replace(/\D/g, ''),
  );
  if (phones.length < knownCount) throw new Error(`the bench database has ${phones.length} residents' numbers; ${knownCount} are needed (seed more households)`);
  if (applications.length === 0) throw new Error('the bench database has no applications (seed it first)');

  const flows = new FlowRegistry(config.ivr.flowsDir);
  const problems = await flows.loadAll();
  if (problems.length > 0 || !flows.get('helpline')) throw new Error(`the helpline flow did not load: ${JSON.stringify(problems)}`);

  const { network, provider } = createSimulator({ seed: random.int(1, 2 ** 30), clock: new RealClock({ origin: OPEN_HOURS }) });
  const timed = new DigitTimedProvider(provider);
  const telephony = new TelephonyService(timed, new CallRecorder(pool, logger), logger);
  const { control } = createCallControl<TFlow>({
    telephony,
    prisma,
    sql: pool,
    engine: { start, step },
    flows,
    logger,
    settings: {
      helplineNumber: config.telephony.helplineNumber,
      outboundCallerId: config.telephony.outboundCallerId,
      averageHandlingSec: config.ivr.averageHandlingSec,
      ...config.ivr.voiceGrievance,
      callbackDueMinutes: config.ivr.callbackDueMinutes,
    },
  });

  const callIds = new Set<string>();
  let live = 0;
  let peakLive = 0;
  let ended = 0;
  let allEnded: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    allEnded = resolve;
  });
  telephony.onEvent((event) => {
    if (event.type === 'call.incoming') {
      live += 1;
      peakLive = Math.max(peakLive, live);
    } else if ((event.type === 'call.hangup' || event.type === 'call.failed') && callIds.has(event.callId)) {
      live -= 1;
      ended += 1;
      if (ended === callers) allEnded();
    }
  });
  control.start();
  await telephony.start();

  const think = () => random.between(0.8, 2.5);
  const key = (keys: string) => ({ keys, from: 'collect' as const, afterSec: think() });
  const script = (i: number): { from: string; script: TCitizenScriptInput } => {
    const application = applications[i % applications.length] ?? '';
    // a docket as keyed on the phone: the year and the number; an unknown one when there are none
    const docket = dockets.length > 0 ? (dockets[i % dockets.length] ?? '') : `2026${random.digits(6)}`;
    const known = i % 2 === 0 ? phones[i / 2] : undefined;
    const presses = [
      // known: keep the household's language; unknown: choose one
      key(known ? '1' : random.pick(['1', '2', '3'])),
      key('1'),
      key(`${application}#`),
      key('9'),
      key('2'),
      key(`${docket}#`),
      ...(known ? [key('9'), key('4')] : []),
      // then silence at "main menu or agent": asked twice, then goodbye and the flow hangs up
    ];
    // unknown numbers start +9155: no Indian mobile does, so no resident has one. A caller gives
    // up after five minutes whatever happens, so a stuck call cannot hang the run.
    return { from: known ?? `+9155${random.digits(8)}`, script: { presses, hangupAfterSec: 300 } };
  };

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = Date.now();
  for (let i = 0; i < callers; i += 1) {
    const { from, script: citizen } = script(i);
    callIds.add(network.dialIn(from, config.telephony.helplineNumber, citizen));
    await new Promise((resolve) => setTimeout(resolve, arrivalMs / callers));
  }
  const timeout = setTimeout(allEnded, 360_000);
  await done;
  clearTimeout(timeout);
  loop.disable();
  const seconds = (Date.now() - started) / 1000;

  await control.stop();
  await telephony.stop();
  network.close();
  flows.close();

  // What the calls' IVR paths say the lookups found: the walks reached real records.
  const ids = [...callIds];
  const found = async (nodeId: string, lookup: string) =>
    (
      await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM calls WHERE id = ANY($1::uuid[]) AND ivr_path @> $2::jsonb`, [
        ids,
        JSON.stringify([{ nodeId, detail: { lookup, ok: true, found: true } }]),
      ])
    ).rows[0]?.n ?? 0;
  const lookupsFound = {
    householdByCaller: await found('find_caller', 'householdByCaller'),
    applicationStatus: await found('app_lookup', 'applicationStatus'),
    grievanceStatus: await found('docket_lookup', 'grievanceStatus'),
    schemeInfo: await found('scheme_lookup', 'schemeInfo'),
  };
  const households = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM households')).rows[0]?.n ?? 0);
  await database.close();

  const all = timed.samples.map((s) => s.ms);
  const byKind = Object.fromEntries(
    (['menu', 'applicationStatus', 'grievanceStatus', 'schemeInfo', 'timeout'] as const).map((kind) => [kind, stats(timed.samples.filter((s) => kindOf(s) === kind).map((s) => s.ms))]),
  );
  const commands: Record<string, number> = {};
  for (const sample of timed.samples) commands[sample.command] = (commands[sample.command] ?? 0) + 1;
  const withLookup = timed.samples.filter((s) => ['applicationStatus', 'grievanceStatus', 'schemeInfo'].includes(kindOf(s))).map((s) => s.ms);

  return {
    households,
    calls: callers,
    callsEnded: ended,
    knownCallers: knownCount,
    applicationNumbersUsed: Math.min(applications.length, callers),
    docketsFromDatabase: dockets.length,
    arrivalMs,
    peakConcurrentCallers: peakLive,
    seconds: round(seconds, 1),
    digitsMeasured: all.length,
    digitsUnanswered: timed.unanswered,
    digitsOverlapped: timed.overlapped,
    digitToCommandMs: stats(all),
    withLookupMs: stats(withLookup),
    byKind,
    firstCommand: commands,
    lookupsFound,
    eventLoopLagMs: { p50: round(loop.percentile(50) / 1e6, 2), p99: round(loop.percentile(99) / 1e6, 2), max: round(loop.max / 1e6, 2) },
    goals: { digitToCommandP99Ms: 50 },
    meetsGoal: percentile(all, 99) < 50,
  };
}
