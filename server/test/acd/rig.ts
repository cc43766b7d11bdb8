import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase, type PrismaClient, type Role, type TDatabase } from '@samvad/db';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import { inject } from 'vitest';
import { simulatedAgentPhone } from '../../src/acd/agent-phone.js';
import { attachAcdRealtime } from '../../src/acd/acd.realtime.js';
import { AcdService } from '../../src/acd/acd.service.js';
import type { TAcdSettings } from '../../src/acd/acd.settings.js';
import type { TAcdClock, TAcdTimer } from '../../src/acd/clock.js';
import { PgAcdStore } from '../../src/acd/acd.store.js';
import { createApp, type TApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createTokenSigner } from '../../src/modules/auth/tokens.js';
import { createLogger } from '../../src/logger.js';
import type { TClientToServerEvents, TServerToClientEvents } from '../../src/realtime/events.js';
import { createRealtime, type TRealtimeServer } from '../../src/realtime/socket.js';
import { createSimulator, type SimulatedNetwork } from '../../src/telephony/sim/index.js';
import { CallRecorder } from '../../src/telephony/recorder.js';
import { TelephonyService } from '../../src/telephony/telephony.service.js';

export const HELPLINE = '+9118002334455';
export type TClientSocket = Socket<TServerToClientEvents, TClientToServerEvents>;

/** waits (in real time) until `check` returns something other than undefined/false */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/**
 * Real time plus a skew the test moves forward: timers fire when the skewed time reaches them
 * (checked every few milliseconds), so hours can pass in a moment and everything else runs as usual.
 */
export class SkewClock implements TAcdClock {
  private skewMs = 0;
  private readonly timers = new Set<{ due: number; callback: () => void }>();
  private readonly ticker = setInterval(() => this.fire(), 5);

  now(): number {
    return Date.now() + this.skewMs;
  }

  setTimeout(callback: () => void, ms: number): TAcdTimer {
    const timer = { due: this.now() + Math.max(0, ms), callback };
    this.timers.add(timer);
    return { cancel: () => this.timers.delete(timer) };
  }

  advance(ms: number): void {
    this.skewMs += ms;
    this.fire();
  }

  close(): void {
    clearInterval(this.ticker);
    this.timers.clear();
  }

  private fire(): void {
    const now = this.now();
    for (const timer of [...this.timers]) {
      if (timer.due > now) continue;
      this.timers.delete(timer);
      timer.callback();
    }
  }
}

export interface TAgentUser {
  id: number;
  username: string;
  token: string;
}

/**
 * One ACD on a real-time simulator and the real test database, with the HTTP app and (on
 * demand) Socket.IO. Every rig has a tag of its own, made a department: its queues belong to
 * it and only its agents have it as a skill, so rigs and other test files sharing the database
 * (agents, call-backs) never take each other's calls.
 */
export class AcdRig {
  readonly tag = `t${randomUUID().slice(0, 8)}`;
  readonly database: TDatabase;
  readonly prisma: PrismaClient;
  readonly network: SimulatedNetwork;
  readonly telephony: TelephonyService;
  readonly store: PgAcdStore;
  readonly recorder: CallRecorder;
  acd!: AcdService;
  app!: TApp;
  private http: HttpServer | null = null;
  private io: TRealtimeServer | null = null;
  private readonly sockets: TClientSocket[] = [];
  private readonly users: number[] = [];
  private readonly queues: string[] = [];
  private readonly logger = createLogger(process.env.ACD_TEST_LOG ?? 'silent');
  private readonly config = loadConfig({ SAMVAD_MODE: 'demo', NODE_ENV: 'test', DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' });
  /** the app's own signer takes the same secret, so these tokens are good there */
  private readonly signer = createTokenSigner(this.config.auth.jwtSecret, 3600);

  constructor(private readonly settings: Partial<TAcdSettings> = {}) {
    this.database = createDatabase({ url: inject('databaseUrl'), poolSize: 5 });
    this.prisma = this.database.prisma;
    // a seed of its own: the simulator's ids follow its seed, and the database outlives a rig
    const seed = Math.floor(Math.random() * 2 ** 31);
    const { network, provider } = createSimulator({ seed, settings: { setupMs: 20, keyGapMs: 10 } });
    this.network = network;
    this.recorder = new CallRecorder(this.database.pool, this.logger);
    this.telephony = new TelephonyService(provider, this.recorder, this.logger);
    this.store = new PgAcdStore(this.database.pool, this.logger);
  }

  /** starts telephony and an ACD (a second call starts a fresh ACD over the same calls: a restart) */
  async start(settings: Partial<TAcdSettings> = {}, clock?: TAcdClock): Promise<AcdService> {
    if (!this.acd) await this.telephony.start();
    this.acd = new AcdService({
      ...(clock ? { clock } : {}),
      telephony: this.telephony,
      store: this.store,
      phone: simulatedAgentPhone(this.network),
      logger: this.logger,
      settings: { ringTimeoutSec: 5, wrapUpSec: 30, presenceTimeoutSec: 600, boardIntervalMs: 50, ...this.settings, ...settings },
    });
    await this.acd.start();
    this.app = createApp({
      config: this.config,
      logger: this.logger,
      prisma: this.prisma,
      sql: this.database.pool,
      acd: this.acd,
      readiness: { database: async () => undefined, redis: async () => undefined },
    });
    if (this.io) attachAcdRealtime(this.io, this.acd, this.logger);
    return this.acd;
  }

  async queue(suffix: string, options: { priority?: number; serviceLevelSec?: number } = {}): Promise<{ id: number; code: string }> {
    await this.prisma.department.upsert({
      where: { code: this.tag },
      create: { code: this.tag, nameEn: `Test ${this.tag}`, nameHi: 'परीक्षण', helplineTier: 'test', citizenServices: 'test' },
      update: {},
    });
    const code = `${this.tag}-${suffix}`;
    this.queues.push(code);
    const row = await this.prisma.queue.create({
      data: {
        code,
        name: `Test ${suffix}`,
        nameHi: `परीक्षण ${suffix}`,
        departmentCode: this.tag,
        priority: options.priority ?? 0,
        serviceLevelSeconds: options.serviceLevelSec ?? 20,
      },
    });
    return { id: row.id, code };
  }

  async user(role: Role, extraSkills: string[] = []): Promise<TAgentUser> {
    const username = `${this.tag}-${role}-${randomUUID().slice(0, 6)}`;
    const row = await this.prisma.user.create({
      data: {
        username,
        displayName: `Test ${role}`,
        passwordHash: 'not-a-login',
        role,
        languages: [],
        skills: role === 'agent' ? [this.tag, ...extraSkills] : [],
      },
    });
    this.users.push(row.id);
    const { token } = await this.signer.sign({ id: row.id, username, role, departmentCode: null, districtCode: null, officeId: null });
    return { id: row.id, username, token };
  }

  /** a citizen calls the helpline; the test plays call control: answer, then hand to the queue */
  async caller(queue: string, options: { from?: string; skills?: string[]; priority?: number } = {}) {
    const from = options.from ?? `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const callId = this.network.dialIn(from, HELPLINE, {});
    await until(() => this.telephony.registry.get(callId), 'the incoming call');
    await this.telephony.provider.answer(callId);
    await until(() => this.telephony.registry.get(callId)?.state === 'answered', 'the answer');
    const place = await this.acd.enqueue({ callId, caller: from }, { queue, skills: options.skills ?? [], priority: options.priority ?? 0 });
    return { callId, from, place };
  }

  api(method: 'get' | 'post', path: string, token: string, body?: object) {
    const req = request(this.app.app)[method](path).set('Authorization', `Bearer ${token}`);
    return body ? req.send(body) : req;
  }

  stateOf(userId: number): string {
    const agent = this.acd.agent(userId);
    return agent ? `${agent.state}${agent.reason ? `:${agent.reason}` : ''}` : 'unknown';
  }

  /** Socket.IO on a real HTTP server, with the ACD attached */
  async realtime(): Promise<void> {
    if (this.io) return;
    this.http = createServer(this.app.app);
    this.io = createRealtime({ httpServer: this.http, signer: this.app.signer, logger: this.logger, corsOrigins: [] });
    attachAcdRealtime(this.io, this.acd, this.logger);
    await new Promise<void>((resolve) => this.http?.listen(0, '127.0.0.1', resolve));
  }

  async socket(token: string): Promise<TClientSocket> {
    const address = this.http?.address() as AddressInfo;
    const socket: TClientSocket = connect(`http://127.0.0.1:${address.port}`, { auth: { token }, transports: ['websocket'], reconnection: false });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    return socket;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.disconnect();
    await this.acd?.stop();
    await this.io?.close();
    this.network.close();
    await this.recorder.flush();
    await this.store.flush();
    await this.forget();
    await this.database.close();
  }

  /** the rig's users, queues and department leave the shared database (other tests list users) */
  private async forget(): Promise<void> {
    const { prisma } = this;
    await prisma.agentStateEvent.deleteMany({ where: { userId: { in: this.users } } });
    await prisma.user.deleteMany({ where: { id: { in: this.users } } });
    await prisma.callback.deleteMany({ where: { queueCode: { in: this.queues } } });
    await prisma.queue.deleteMany({ where: { code: { in: this.queues } } });
    await prisma.department.deleteMany({ where: { code: this.tag } });
  }
}
