import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDatabase } from '@samvad/db';
import { createLogger } from '../server/src/logger.js';
import type { TTelephonyEvent } from '../server/src/telephony/port.js';
import { CallRecorder } from '../server/src/telephony/recorder.js';
import type { TTelephonyProvider } from '../server/src/telephony/port.js';
import { TelephonyService } from '../server/src/telephony/telephony.service.js';
import { percentile, round } from './lib.js';

/** The far side of a benchmark: places the i-th citizen's call, who keys 4512# when asked. */
export interface TBenchFarSide {
  provider: TTelephonyProvider;
  dialIn(index: number): void | Promise<void>;
  close(): Promise<void>;
}

/**
 * N concurrent calls through answer → prompt → digits → agent leg → bridge → hang-up, in one
 * process, on the real clock, with every call and event written to PostgreSQL as the server
 * does. Event-handling latency is the time from the provider stamping an event to the handler
 * below running; event-loop lag comes from Node's own histogram.
 */
export async function benchCalls(
  databaseUrl: string,
  calls: number,
  farSide: TBenchFarSide,
  /** callers arrive `arrivalGapMs` apart (0: in bursts of 100); agents talk `talkMs` after the bridge */
  pace: { arrivalGapMs: number; talkMs: number } = { arrivalGapMs: 0, talkMs: 2000 },
) {
  const database = createDatabase({ url: databaseUrl, poolSize: 10 });
  const logger = createLogger('warn');
  const { provider } = farSide;
  const recorder = new CallRecorder(database.pool, logger);
  const telephony = new TelephonyService(provider, recorder, logger);
  const latencies: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let completed = 0;
  /** callers in the system now, and at most: "concurrent" is measured, not assumed */
  let live = 0;
  let peakLive = 0;
  let allDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const agentOf = new Map<string, string>();
  const callerOf = new Map<string, string>();

  const handle = async (event: TTelephonyEvent) => {
    latencies.push(Date.now() - Date.parse(event.at));
    switch (event.type) {
      case 'call.incoming':
        live += 1;
        peakLive = Math.max(peakLive, live);
        await telephony.provider.answer(event.callId);
        break;
      case 'call.answered': {
        const caller = callerOf.get(event.callId);
        if (caller) {
          await telephony.provider.bridge(caller, event.callId);
        } else if (!agentOf.has(event.callId)) {
          await telephony.provider.collect(event.callId, {
            requestId: randomUUID(),
            maxDigits: 12,
            timeoutMs: 5000,
            terminator: '#',
            prompt: { kind: 'speech', text: 'आवेदन क्रमांक दर्ज करें', language: 'hi' },
          });
        }
        break;
      }
      case 'call.digits': {
        const agentLeg = randomUUID();
        agentOf.set(event.callId, agentLeg);
        callerOf.set(agentLeg, event.callId);
        await telephony.originate({ callId: agentLeg, to: `agent:bench${completed % 50}`, callerId: '+9118002334455', timeoutSec: 20 });
        break;
      }
      case 'call.bridged':
        if (callerOf.has(event.callId)) {
          const agentLeg = event.callId;
          setTimeout(() => void telephony.provider.hangup(agentLeg, 'normal').catch(() => undefined), pace.talkMs).unref();
        }
        break;
      case 'call.hangup': {
        const agentLeg = agentOf.get(event.callId);
        if (agentLeg) {
          await telephony.provider.hangup(event.callId).catch(() => undefined);
        }
        if (callerOf.has(event.callId)) {
          completed += 1;
          live -= 1;
          if (completed === calls) allDone();
        }
        break;
      }
      default:
        break;
    }
  };
  telephony.onEvent((event) => {
    handle(event).catch((error: unknown) => logger.warn({ err: error, callId: event.callId }, 'bench handler failed'));
  });
  await telephony.start();
  loop.enable();
  const started = Date.now();
  for (let i = 0; i < calls; i += 1) {
    await farSide.dialIn(i);
    if (pace.arrivalGapMs > 0) await new Promise((r) => setTimeout(r, pace.arrivalGapMs));
    else if (i % 100 === 99) await new Promise((r) => setTimeout(r, 50));
  }
  const timeout = setTimeout(() => allDone(), 120_000);
  await done;
  clearTimeout(timeout);
  loop.disable();
  const seconds = (Date.now() - started) / 1000;
  await telephony.stop();
  await farSide.close();
  const recorded = await database.prisma.call.count({ where: { offeredAt: { gte: new Date(started) } } });
  await database.close();
  return {
    calls,
    pace,
    peakConcurrentCallers: peakLive,
    completed,
    seconds: round(seconds, 1),
    events: latencies.length,
    callsRecorded: recorded,
    eventLatencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies) },
    eventLoopLagMs: { p50: round(loop.percentile(50) / 1e6, 2), p99: round(loop.percentile(99) / 1e6, 2), max: round(loop.max / 1e6, 2) },
    goals: { p99Ms: 20 },
  };
}
