import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase, type PrismaClient } from '@samvad/db';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { simulatedAgentPhone } from '../../server/src/acd/agent-phone.js';
import { attachAcdRealtime } from '../../server/src/acd/acd.realtime.js';
import { AcdService } from '../../server/src/acd/acd.service.js';
import { PgAcdStore } from '../../server/src/acd/acd.store.js';
import { createApp } from '../../server/src/app.js';
import { startCampaignProgress } from '../../server/src/modules/campaigns/results.progress.js';
import { createCampaignResultService } from '../../server/src/modules/campaigns/results.service.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { linkCampaignCall } from '../../server/src/modules/campaigns/campaign-calls.service.js';
import { createServerDialer } from '../../server/src/modules/campaigns/dialer/wiring.js';
import { createRealtime, type TRealtimeServer } from '../../server/src/realtime/socket.js';
import { createSimulator, type SimulatedNetwork } from '../../server/src/telephony/sim/index.js';
import { CallRecorder } from '../../server/src/telephony/recorder.js';
import { TelephonyService } from '../../server/src/telephony/telephony.service.js';

/** The helpline number simulated citizens dial. */
export const HELPLINE = '+9118002334455';

export interface TConsoleServer {
  /** http://127.0.0.1:<port> */
  url: string;
  prisma: PrismaClient;
  /** the simulated phone network: citizens dial in, hang up */
  network: SimulatedNetwork;
  telephony: TelephonyService;
  acd: AcdService;
  /**
   * Plays call control for one citizen: the call comes in and is answered; when the IVR knew the
   * caller, their household goes on the call row (as call control writes it); then the call is
   * handed to the queue. Resolves with the caller's leg id once the caller waits in the queue.
   */
  callIn(from: string, queue: string, options?: { householdId?: number }): Promise<string>;
  /**
   * Plays the campaign dialer for one contact: the contact's phone is dialled and answered by a
   * person, the attempt is written and linked to the call, and the person is handed to the
   * queue ahead of inbound callers. Resolves with the citizen's leg id once they wait.
   */
  callOut(contact: { id: number; campaignId: number; phone: string }, queue: string): Promise<string>;
  /** the network under a console's socket breaks (the browser reconnects by itself) */
  dropSockets(userId: number): number;
  /** every write the ACD and the recorder have queued has landed */
  flush(): Promise<void>;
  close: () => Promise<void>;
}

/** waits (in real time) until `check` returns true */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The real server in-process, as server/test/helpers.ts builds it, plus what the browser needs:
 * the console build served from the same origin (CONSOLE_DIST), Socket.IO on the same port, and
 * the ACD over the telephony simulator (as server/test/acd/rig.ts builds it), so that simulated
 * citizens ring the console.
 */
export async function startConsoleServer(): Promise<TConsoleServer> {
  const config = loadConfig({
    SAMVAD_MODE: 'demo',
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    LOG_LEVEL: 'silent',
    CONSOLE_DIST: inject('consoleDist'),
  });
  const logger = createLogger('silent');
  const database = createDatabase({ url: config.database.url, poolSize: 5 });
  const { prisma, pool } = database;
  const redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();

  // a seed of its own: the simulator's call ids follow it, and the database outlives a run
  const { network, provider } = createSimulator({ seed: Math.floor(Math.random() * 2 ** 31), settings: { setupMs: 20, keyGapMs: 10 } });
  const recorder = new CallRecorder(pool, logger);
  const telephony = new TelephonyService(provider, recorder, logger);
  const store = new PgAcdStore(pool, logger);
  await telephony.start();
  const acd = new AcdService({
    telephony,
    store,
    phone: simulatedAgentPhone(network),
    logger,
    // Long presence timeout: browser test files run side by side, each with its own ACD over the
    // one database, and one file's ACD must not mark another file's agents absent mid-run.
    settings: { ringTimeoutSec: 30, wrapUpSec: 60, presenceTimeoutSec: 600, boardIntervalMs: 100 },
  });
  await acd.start();

  // The dialer for preview campaigns' dials only: its beat never starts here, so it dials no
  // other test's campaign.
  const dialer = createServerDialer({ redisUrl: config.redis.url, sql: pool, telephony, acd, logger });

  const { app, signer, warmUp } = createApp({
    config,
    logger,
    prisma,
    sql: pool,
    acd,
    campaignDialer: dialer,
    readiness: {
      database: async () => {
        await pool.query('SELECT 1');
      },
      redis: async () => {
        await redis.ping();
      },
    },
  });
  await warmUp();
  const httpServer: Server = createServer(app);
  const io: TRealtimeServer = createRealtime({ httpServer, signer, logger, corsOrigins: [] });
  attachAcdRealtime(io, acd, logger);
  // running campaigns' progress to supervisors, as main.ts wires it, on a quicker beat
  const campaignResults = createCampaignResultService({ prisma, sql: pool, staffing: acd });
  const progress = startCampaignProgress({ running: campaignResults.running, send: (update) => io.to(['role:supervisor', 'role:admin']).emit('campaign:progress', update), logger, intervalMs: 500 });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;

  async function flush() {
    await recorder.flush();
    await store.flush();
  }

  return {
    url: `http://127.0.0.1:${port}`,
    prisma,
    network,
    telephony,
    acd,
    flush,
    async callIn(from, queue, options = {}) {
      const callId = network.dialIn(from, HELPLINE, {});
      await until(() => telephony.registry.get(callId) !== undefined, 'the incoming call');
      await telephony.provider.answer(callId);
      await until(() => telephony.registry.get(callId)?.state === 'answered', 'the answer');
      if (options.householdId !== undefined) {
        await recorder.flush();
        await prisma.call.update({ where: { id: callId }, data: { householdId: options.householdId } });
      }
      await acd.enqueue({ callId, caller: from }, { queue, skills: [], priority: 0 });
      return callId;
    },
    async callOut(contact, queue) {
      const callId = randomUUID();
      // a person picks up at once, as machine detection would have reported
      network.scriptNext(contact.phone, { pickup: { kind: 'answer', afterSec: 0.1 } });
      await telephony.originate({ callId, to: contact.phone, callerId: '+911600112233', timeoutSec: 30 });
      await until(() => telephony.registry.get(callId)?.state === 'answered', 'the answer');
      const attemptNo = (await prisma.campaignAttempt.count({ where: { contactId: contact.id } })) + 1;
      await prisma.campaignAttempt.create({ data: { campaignId: contact.campaignId, contactId: contact.id, attemptNo, startedAt: new Date(), outcome: 'answered' } });
      await prisma.campaignContact.update({ where: { id: contact.id }, data: { status: 'in_progress', attempts: attemptNo } });
      await recorder.flush();
      if (!(await linkCampaignCall(pool, { callId, contactId: contact.id }))) throw new Error('the campaign call could not be linked');
      await acd.enqueue({ callId, caller: contact.phone }, { queue, skills: [], priority: 5 });
      return callId;
    },
    dropSockets(userId) {
      let dropped = 0;
      for (const socket of io.sockets.sockets.values()) {
        if (socket.data.user.id !== userId) continue;
        // the transport closes under the socket, as when a network drops: the client reconnects
        socket.conn.close();
        dropped += 1;
      }
      return dropped;
    },
    async close() {
      progress.stop();
      await dialer.close();
      await acd.stop();
      // io.close() also closes the HTTP server
      await io.close();
      network.close();
      await telephony.stop();
      await flush();
      await database.close();
      redis.disconnect();
    },
  };
}
