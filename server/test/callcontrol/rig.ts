import { randomInt } from 'node:crypto';
import { createDatabase } from '@samvad/db';
import { afterAll, inject } from 'vitest';
import type { TFlowSource, TIvrEngine } from '../../src/callcontrol/engine.js';
import { createCallControl, type TCallControlSettings } from '../../src/callcontrol/create-call-control.js';
import { createLogger } from '../../src/logger.js';
import type { TTelephonyEvent } from '../../src/telephony/port.js';
import { CallRecorder } from '../../src/telephony/recorder.js';
import { createSimulator, VirtualClock } from '../../src/telephony/sim/index.js';
import { TelephonyService } from '../../src/telephony/telephony.service.js';

export const HELPLINE = '+9118002334455';

export const SETTINGS: TCallControlSettings = {
  helplineNumber: HELPLINE,
  outboundCallerId: '+911600233445',
  averageHandlingSec: 180,
  categoryCode: 'GEN-01',
  fallbackDistrictCode: 387,
  callbackDueMinutes: 120,
  pathFlushMs: 250,
};

export interface TLogLine {
  level: number;
  msg: string;
  callId?: string;
}

/**
 * Call control on the simulator, on a virtual clock that jumps whenever the process is idle,
 * against the seeded test database. One per test file; `startAt` picks the virtual time (India
 * is UTC+5:30: 05:30Z is 11:00 in India).
 */
export async function callControlRig<F>(options: { engine: TIvrEngine<F>; flows: TFlowSource<F>; startAt?: string; seed?: number }) {
  const database = createDatabase({ url: inject('databaseUrl'), poolSize: 6 });
  const { prisma, pool } = database;
  const logs: TLogLine[] = [];
  const logger = createLogger('debug', {
    write: (line: string) => {
      logs.push(JSON.parse(line) as TLogLine);
    },
  });
  const clock = new VirtualClock(Date.parse(options.startAt ?? '2026-03-12T05:30:00Z'));
  const stopClock = clock.startAuto();
  // the simulator's call ids follow its seed: each rig draws its own, so the rows of one test
  // file's calls never collide with another's in the shared test database
  const { network, provider } = createSimulator({ seed: options.seed ?? randomInt(1, 2 ** 31), clock });
  const now = () => new Date(clock.now());
  const recorder = new CallRecorder(pool, logger);
  const telephony = new TelephonyService(provider, recorder, logger, now);
  const events: TTelephonyEvent[] = [];
  telephony.onEvent((event) => events.push(event));
  const parts = createCallControl({ telephony, prisma, sql: pool, engine: options.engine, flows: options.flows, logger, settings: SETTINGS, now });
  parts.control.start();
  await telephony.start();

  afterAll(async () => {
    await parts.control.stop();
    await telephony.stop();
    stopClock();
    network.close();
    await database.close();
  });

  return {
    ...parts,
    prisma,
    pool,
    clock,
    network,
    telephony,
    events,
    logs,
    /** log lines at warn (40) or above about one call */
    problems: (callId: string) => logs.filter((l) => l.level >= 40 && l.callId === callId),
    /** types of the provider events of one call */
    typesOf: (callId: string) => events.filter((e) => e.callId === callId).map((e) => e.type),
    /** the call's row once call control is done with it */
    async callRow(callId: string) {
      await parts.control.whenFinished(callId);
      await recorder.flush();
      return prisma.call.findUniqueOrThrow({ where: { id: callId } });
    },
  };
}

/** The IVR path as stored, narrowed for assertions. */
export function pathOf(ivrPath: unknown): { kind: string; text?: string; nodeId?: string; nodeType?: string; detail?: Record<string, unknown> }[] {
  if (!Array.isArray(ivrPath)) throw new Error('ivr_path is not an array');
  return ivrPath.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null || !('kind' in entry) || typeof entry.kind !== 'string') throw new Error('malformed IVR path entry');
    return {
      kind: entry.kind,
      ...('text' in entry && typeof entry.text === 'string' ? { text: entry.text } : {}),
      ...('nodeId' in entry && typeof entry.nodeId === 'string' ? { nodeId: entry.nodeId } : {}),
      ...('nodeType' in entry && typeof entry.nodeType === 'string' ? { nodeType: entry.nodeType } : {}),
      ...('detail' in entry && typeof entry.detail === 'object' && entry.detail !== null ? { detail: { ...entry.detail } } : {}),
    };
  });
}

/** the prompts of an IVR path, in the words the caller heard */
export function promptsOf(ivrPath: unknown): string[] {
  return pathOf(ivrPath)
    .filter((e) => e.kind === 'prompt')
    .map((e) => e.text ?? '');
}
