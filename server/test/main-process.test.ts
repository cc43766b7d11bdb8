import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { migrate } from '@samvad/db';
import { seed } from '@samvad/db/seed';
import type { TOfferView } from '../src/acd/acd.schemas.js';
import type { TClientToServerEvents, TServerToClientEvents } from '../src/realtime/events.js';

// The server as `npm run demo` starts it: its own process (main.ts), the simulator with demo
// traffic, the IVR handing callers to the ACD, Socket.IO. It gets a database of its own, so
// its ACD never routes calls to the agents other test files make ready in the shared one.

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the server process with demo traffic', () => {
  const databaseName = `samvad_main_${randomUUID().slice(0, 8)}`;
  const adminUrl = new URL(inject('databaseUrl'));
  const databaseUrl = new URL(inject('databaseUrl'));
  databaseUrl.pathname = `/${databaseName}`;
  adminUrl.pathname = '/postgres';
  let child: ChildProcess;
  let output = '';
  let base = '';
  let socket: Socket<TServerToClientEvents, TClientToServerEvents> | null = null;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    await admin.end();
    await migrate(databaseUrl.toString(), { log: () => undefined });
    await seed({ databaseUrl: databaseUrl.toString(), households: 60, seed: 3, log: () => undefined });

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: SERVER_DIR,
      env: {
        PATH: process.env.PATH,
        SAMVAD_MODE: 'demo',
        TELEPHONY: 'sim',
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: inject('redisUrl'),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        IVR_ALWAYS_OPEN: 'true',
        // busy enough that a caller asking for an agent arrives within seconds
        DEMO_TRAFFIC_PEAK_PER_MINUTE: '240',
        // at any hour the suite runs, not only when India is awake
        DEMO_TRAFFIC_CURVE: 'flat',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => (output.includes('demo traffic') ? true : undefined), 'the server to start with demo traffic', 60_000);
  });

  afterAll(async () => {
    socket?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  });

  it('offers a simulated citizen who asked for an agent to the demo agent who goes ready, and connects them on accept', async () => {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent2', password: 'samvad-demo' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

    const offers: TOfferView[] = [];
    socket = connect(base, { auth: { token: accessToken }, transports: ['websocket'] });
    socket.on('acd:offer', (offer) => offers.push(offer));
    await until(() => (socket?.connected ? true : undefined), 'the agent socket', 10_000);

    const ready = await fetch(`${base}/api/acd/me/state`, { method: 'POST', headers, body: JSON.stringify({ state: 'ready' }) });
    expect(ready.status).toBe(200);
    const offer = await until(() => offers[0], 'a call offered to the agent', 45_000);
    expect(offer.queue).toMatch(/^general-(hi|cg|en)$/);

    const accepted = await fetch(`${base}/api/acd/me/accept`, { method: 'POST', headers });
    expect(accepted.status).toBe(200);
    const desk = (await accepted.json()) as { agent: { state: string }; call: { callId: string } | null };
    expect(desk.agent.state).toBe('on_call');
    expect(desk.call?.callId).toBe(offer.callId);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  });
});
