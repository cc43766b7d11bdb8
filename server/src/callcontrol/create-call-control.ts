import type { PrismaClient, TSqlPool } from '@samvad/db';
import type { Logger } from '../logger.js';
import type { TelephonyService } from '../telephony/telephony.service.js';
import { CallControl } from './call-control.js';
import type { TFlowSource, TIvrEngine } from './engine.js';
import { IvrPathWriter } from './ivr-path.js';
import { createIvrLookups, type TIvrLookupSettings } from './ivr-lookups.js';
import type { TQueueHandoff } from './queue-handoff.js';
import { WaitingRoom } from './waiting-room.js';

export interface TCallControlSettings extends TIvrLookupSettings {
  helplineNumber: string;
  /** caller ID on legs Samvad dials for a transfer */
  outboundCallerId: string;
  averageHandlingSec: number;
  /** how often a running call's IVR path is written at most */
  pathFlushMs?: number;
}

/**
 * Call control with what it needs today: the lookup port on PostgreSQL, the batched IVR path
 * and the waiting room as the queues' hand-off (unless an ACD is given as `queues`). Call
 * `control.start()` to begin taking calls.
 */
export function createCallControl<F>(deps: {
  telephony: TelephonyService;
  prisma: PrismaClient;
  sql: TSqlPool;
  engine: TIvrEngine<F>;
  flows: TFlowSource<F>;
  logger: Logger;
  settings: TCallControlSettings;
  /** where callers wait for people: the ACD when there is one; the waiting room otherwise */
  queues?: TQueueHandoff;
  now?: () => Date;
}) {
  const { telephony, settings, logger, now } = deps;
  const lookups = createIvrLookups({ prisma: deps.prisma, sql: deps.sql, settings, now });
  const path = new IvrPathWriter(deps.sql, logger, settings.pathFlushMs);
  const waitingRoom = new WaitingRoom({
    hold: (callId) => telephony.provider.hold(callId),
    averageHandlingSec: settings.averageHandlingSec,
    now,
  });
  const control = new CallControl<F>({
    telephony,
    engine: deps.engine,
    flows: deps.flows,
    lookups,
    queues: deps.queues ?? waitingRoom,
    path,
    logger: logger.child({ component: 'callcontrol' }),
    helplineNumber: settings.helplineNumber,
    transferCallerId: settings.outboundCallerId,
    now,
  });
  waitingRoom.onTaken((call) => control.handedOff(call.callId));
  return { control, waitingRoom, lookups, path };
}
