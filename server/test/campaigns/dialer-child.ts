// A dialing worker in a process of its own, for the kill-and-restart test: the server's dialer
// (BullMQ on Redis, the contact store on PostgreSQL) over a provider in miniature, where every
// call is answered by a person, put through and ended a moment later. Each dial and each end is
// written to stdout as a JSON line, so the test sees what every process did even after a kill.
import { createDatabase } from '@samvad/db';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logger.js';
import { createContactStore } from '../../src/modules/campaigns/dialer/contact-store.js';
import { CampaignDialer } from '../../src/modules/campaigns/dialer/dialer.js';
import type { TTelephonyEvent } from '../../src/telephony/port.js';

const { CHILD_DATABASE_URL, CHILD_REDIS_URL, CHILD_PREFIX, CHILD_CAMPAIGN_ID, CHILD_LINES, CHILD_LOST_SEC } = process.env;
if (!CHILD_DATABASE_URL || !CHILD_REDIS_URL || !CHILD_PREFIX || !CHILD_CAMPAIGN_ID) throw new Error('dialer-child needs CHILD_* variables');
const campaignId = Number(CHILD_CAMPAIGN_ID);
const lostSec = Number(CHILD_LOST_SEC ?? 3);
const lines = Number(CHILD_LINES ?? 3);

const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...line, pid: process.pid, at: Date.now() })}\n`);
const database = createDatabase({ url: CHILD_DATABASE_URL, poolSize: 3 });
const now = () => new Date();

const dialer: CampaignDialer = new CampaignDialer({
  connection: new Redis(CHILD_REDIS_URL, { maxRetriesPerRequest: null }),
  prefix: CHILD_PREFIX,
  store: createContactStore(database.pool),
  originate: async ({ callId, to }) => {
    say({ type: 'dial', callId, to });
    const event = (e: object) => dialer.handle({ callId, at: now().toISOString(), ...e } as TTelephonyEvent);
    const ringMs = 300 + Math.floor(Math.random() * 400);
    setTimeout(() => event({ type: 'call.answered' }), ringMs);
    setTimeout(() => event({ type: 'call.machine', result: 'human' }), ringMs + 20);
    setTimeout(() => event({ type: 'call.bridged', bridgeId: `b-${callId}`, withCallId: null }), ringMs + 40);
    setTimeout(() => {
      event({ type: 'call.hangup', cause: 'normal', q850: 16, by: 'remote' });
      say({ type: 'ended', callId, to });
    }, ringMs + 500);
  },
  hangup: async () => undefined,
  connect: async () => undefined,
  capacity: async () => lines,
  logger: createLogger('silent'),
  campaigns: (id) => id === campaignId,
  now,
  tickMs: 100,
  ringTimeoutSec: 30,
  // the calls here settle within a second: a dial or a conversation silent for longer was lost with its process
  lostAttemptSec: lostSec,
  lostConversationSec: lostSec,
  concurrency: 2,
  lockDurationMs: 1000,
});

dialer.start();
say({ type: 'started' });

process.on('SIGTERM', () => {
  void (async () => {
    await dialer.close();
    // the calls still up finish before the process goes, as the server's provider would report them
    await new Promise((resolve) => setTimeout(resolve, 800));
    await dialer.idle();
    await database.close();
    say({ type: 'closed' });
    process.exit(0);
  })();
});
