import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { softphone } from '../server/src/acd/agent-phone.js';
import { attachAcdRealtime } from '../server/src/acd/acd.realtime.js';
import { AcdService } from '../server/src/acd/acd.service.js';
import { DEFAULT_ACD_SETTINGS } from '../server/src/acd/acd.settings.js';
import type { TAcdStore, TAgentRow, TLastState, TQueueRow } from '../server/src/acd/acd.store.js';
import { createLogger } from '../server/src/logger.js';
import { createTokenSigner } from '../server/src/modules/auth/tokens.js';
import type { TClientToServerEvents, TServerToClientEvents } from '../server/src/realtime/events.js';
import { createRealtime } from '../server/src/realtime/socket.js';
import { CallRegistry } from '../server/src/telephony/registry.js';
import { createSimulator } from '../server/src/telephony/sim/index.js';
import { percentile, round } from './lib.js';

type TClient = Socket<TServerToClientEvents, TClientToServerEvents>;

const LANGUAGES = ['hi', 'cg', 'en'] as const;

/**
 * The ACD's database for this benchmark only: agents and queues as the seed has them, every
 * write dropped. What is measured is the path from a state change to the consoles; the
 * database writes are off that path by design (queued, in the background).
 */
class FixedStore implements TAcdStore {
  constructor(
    private readonly agents: TAgentRow[],
    private readonly queueRows: TQueueRow[],
    private readonly since: number,
  ) {}
  loadQueues = async () => this.queueRows;
  loadAgents = async () => this.agents;
  loadAgent = async (userId: number) => this.agents.find((a) => a.userId === userId) ?? null;
  lastStates = async (): Promise<TLastState[]> => this.agents.map((a) => ({ userId: a.userId, state: 'not_ready', reason: 'break', callId: null, at: this.since }));
  queueEventsOf = async () => [];
  openCallbacks = async () => [];
  pendingCallbackOf = async () => null;
  todayRows = async () => [];
  recentHandling = async () => [];
  householdOf = async () => null;
  stateEvent = () => undefined;
  callEvent = () => undefined;
  callQueue = () => undefined;
  callAgent = () => undefined;
  callbackStatus = () => undefined;
  cancelCallbacksOf = () => undefined;
  // the benchmark books no call-backs from wrap-up
  scheduleCallback = async () => null;
  disposition = async () => undefined;
  setSkills = async () => null;
  flush = async () => undefined;
}

function seedQueues(): TQueueRow[] {
  let id = 0;
  return [null, 'FOOD', 'PRD'].flatMap((department) =>
    LANGUAGES.map((language) => ({
      id: ++id,
      code: `${department?.toLowerCase() ?? 'general'}-${language}`,
      name: `${department ?? 'General'} (${language})`,
      language,
      departmentCode: department,
      priority: department ? 1 : 0,
      serviceLevelSec: 20,
      active: true,
    })),
  );
}

const figures = (values: number[]) => ({ samples: values.length, p50: round(percentile(values, 50), 2), p99: round(percentile(values, 99), 2), max: round(Math.max(...values), 2) });

export interface TAcdFanoutOptions {
  agents?: number;
  supervisors?: number;
  /** changes one at a time, each after the board interval has passed */
  spacedChanges?: number;
  /** changes spread at random over one second */
  burstChanges?: number;
  boardIntervalMs?: number;
}

/**
 * Socket.IO fan-out of the ACD, in one process on a real Socket.IO server: 300 agent consoles and
 * 20 supervisor consoles connected over WebSocket, agents changing state through the ACD
 * service. Measured: from the change to each supervisor receiving the board push that shows it,
 * and to the agent receiving their own state. Once with changes spaced beyond the board's
 * coalescing interval (the latency of a change), once in a burst (where coalescing adds up to
 * one interval by design).
 */
export async function benchAcdFanout(options: TAcdFanoutOptions = {}) {
  const agentCount = options.agents ?? 300;
  const supervisorCount = options.supervisors ?? 20;
  const spacedChanges = options.spacedChanges ?? 60;
  const burstChanges = options.burstChanges ?? 300;
  const boardIntervalMs = options.boardIntervalMs ?? DEFAULT_ACD_SETTINGS.boardIntervalMs;
  const logger = createLogger('warn');
  const signer = createTokenSigner('acd-fanout-benchmark-secret-0123456789abcdef', 3600);

  const agents: TAgentRow[] = Array.from({ length: agentCount }, (_, i) => ({
    userId: i + 1,
    username: `bench-agent-${i + 1}`,
    displayName: `Agent ${i + 1}`,
    languages: [LANGUAGES[i % 3] ?? 'hi'],
    skills: i % 2 === 0 ? ['FOOD'] : ['PRD'],
  }));
  const { provider } = createSimulator();
  const acd = new AcdService({
    telephony: { provider, originate: async () => undefined, registry: new CallRegistry('sim'), onEvent: () => () => undefined },
    store: new FixedStore(agents, seedQueues(), Date.now()),
    phone: softphone,
    logger,
    settings: { boardIntervalMs, presenceTimeoutSec: 3600 },
  });
  await acd.start();

  const httpServer = createServer();
  const io = createRealtime({ httpServer, signer, logger, corsOrigins: [] });
  attachAcdRealtime(io, acd, logger);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  const open = async (id: number, username: string, role: 'agent' | 'supervisor'): Promise<TClient> => {
    const { token } = await signer.sign({ id, username, role, departmentCode: null, districtCode: null, officeId: null });
    const socket: TClient = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };

  /** the change in flight per agent: when it was made, and who has seen it */
  const pending = new Map<number, { at: number; state: string; seenBy: number }>();
  let boardLatencies: number[] = [];
  let ownLatencies: number[] = [];
  let pushes = 0;

  const sockets: TClient[] = [];
  for (let start = 0; start < agentCount; start += 50) {
    const batch = agents.slice(start, start + 50).map(async (agent) => {
      const socket = await open(agent.userId, agent.username, 'agent');
      socket.on('acd:state', (view) => {
        const change = pending.get(view.userId);
        if (change && change.state === view.state) ownLatencies.push(performance.now() - change.at);
      });
      return socket;
    });
    sockets.push(...(await Promise.all(batch)));
  }
  for (let i = 0; i < supervisorCount; i += 1) {
    const socket = await open(10_000 + i, `bench-supervisor-${i}`, 'supervisor');
    socket.on('acd:board', (update) => {
      pushes += 1;
      const at = performance.now();
      for (const view of update.agents) {
        const change = pending.get(view.userId);
        if (!change || change.state !== view.state) continue;
        boardLatencies.push(at - change.at);
        change.seenBy += 1;
        if (change.seenBy === supervisorCount) pending.delete(view.userId);
      }
    });
    sockets.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, boardIntervalMs * 2));

  let flip = 0;
  const change = async (userId: number) => {
    const next = (acd.agent(userId)?.state ?? 'not_ready') === 'ready' ? 'not_ready' : 'ready';
    pending.set(userId, { at: performance.now(), state: next, seenBy: 0 });
    flip += 1;
    await acd.setState(userId, next === 'ready' ? { state: 'ready' } : { state: 'not_ready', reason: 'break' });
  };
  const settle = async () => {
    const deadline = Date.now() + 5000;
    while (pending.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  for (let i = 0; i < spacedChanges; i += 1) {
    await change((i % agentCount) + 1);
    await new Promise((resolve) => setTimeout(resolve, boardIntervalMs + 30));
  }
  await settle();
  const spaced = { board: figures(boardLatencies), own: figures(ownLatencies) };

  boardLatencies = [];
  ownLatencies = [];
  const pushesBefore = pushes;
  const burstStarted = performance.now();
  await Promise.all(
    Array.from(
      { length: burstChanges },
      (_, i) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            change((i % agentCount) + 1).then(resolve, resolve);
          }, Math.random() * 1000),
        ),
    ),
  );
  await settle();
  const burst = {
    changesPerSecond: round(burstChanges / ((performance.now() - burstStarted) / 1000), 0),
    pushesPerSupervisor: round((pushes - pushesBefore) / supervisorCount, 1),
    board: figures(boardLatencies),
    own: figures(ownLatencies),
  };

  for (const socket of sockets) socket.disconnect();
  await acd.stop();
  await io.close();
  return {
    agentSockets: agentCount,
    supervisorSockets: supervisorCount,
    boardIntervalMs,
    stateChanges: flip,
    spacedChangesMs: spaced,
    burstMs: burst,
    goals: { supervisorReceiptP99Ms: 100 },
  };
}
