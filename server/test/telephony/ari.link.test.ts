import { spawn } from 'node:child_process';
import ari from 'ari-client';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../src/logger.js';
import { AriProvider } from '../../src/telephony/ari/ari.provider.js';
import { createAriRest } from '../../src/telephony/ari/ari.rest.js';
import { ARI_PASSWORD, ARI_USER, makeAriHarness, testConfig, type TAriHarness } from '../support/ari-server/harness.js';
import { AriTestServer } from '../support/ari-server/server.js';
import { freePort, LogCapture, sleep, waitUntil } from '../support/ari-server/wait.js';
import { EventLog } from './contract.js';

/** The link to Asterisk and the ari-client traps around it. */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(options: Parameters<typeof makeAriHarness>[0] = {}): Promise<TAriHarness> {
  const h = await makeAriHarness(options);
  cleanups.push(async () => {
    await h.provider.stop();
    await h.close();
  });
  return h;
}

/** a call in, seen by the provider: proves events flow on the current socket */
async function callFlows(h: TAriHarness, from = '+919812300000'): Promise<void> {
  const log = new EventLog(h.provider);
  await h.dialIn(from, '+9118002334455');
  await log.waitFor('call.incoming', (e) => e.call.from === from);
}

describe('ARI link', () => {
  it('starts against a dead port without crashing, stays disconnected while retrying, connects when Asterisk appears', async () => {
    const port = await freePort();
    const provider = new AriProvider(testConfig(`http://127.0.0.1:${port}`), { logger: createLogger('silent') });
    cleanups.push(() => provider.stop());
    let started = false;
    const starting = provider.start().then(() => (started = true));
    await waitUntil(() => {
      const s = provider.status();
      return s.state === 'disconnected' && s.attempts >= 3;
    }, 'three failed attempts');
    expect(started).toBe(false);

    const server = await AriTestServer.start({ username: ARI_USER, password: ARI_PASSWORD, port });
    cleanups.push(() => server.close());
    await starting;
    expect(provider.status()).toEqual({ state: 'connected' });
    expect(server.asterisk.apps.has('samvad')).toBe(true);
  });

  it('survives a wrong password and a failing resource file, which crash an unguarded ari-client', async () => {
    const server = await AriTestServer.start({ username: ARI_USER, password: 'not-the-one' });
    cleanups.push(() => server.close());
    const provider = new AriProvider(testConfig(server.url), { logger: createLogger('silent') });
    cleanups.push(() => provider.stop());
    void provider.start();
    await waitUntil(() => server.requests.filter((r) => r.status === 401 && r.route === '/api-docs/resources.json').length >= 3, 'three refused description loads');
    expect(provider.status().state).toBe('disconnected');

    // the same server with the right password but one resource file failing
    const failing = await AriTestServer.start({ username: ARI_USER, password: ARI_PASSWORD });
    cleanups.push(() => failing.close());
    failing.failingDocs.add('bridges');
    const second = new AriProvider(testConfig(failing.url), { logger: createLogger('silent') });
    cleanups.push(() => second.stop());
    const starting = second.start();
    await waitUntil(() => failing.requests.filter((r) => r.status === 500).length >= 2, 'two failed resource loads');
    expect(second.status().state).toBe('disconnected');
    failing.failingDocs.clear();
    await starting;
    expect(second.status().state).toBe('connected');

    // what the guard prevents: ari-client alone, in its own process, dies of the 401
    const script = `require('ari-client').connect(${JSON.stringify(server.url)}, 'samvad', 'wrong').catch(() => undefined); setTimeout(() => console.log('survived'), 1500);`;
    const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd() });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(out).not.toContain('survived');
    expect(out).toContain('401');
  });

  it('puts a deadline on REST calls: ari-client never settles one whose connection fails', async () => {
    const server = await AriTestServer.start({ username: ARI_USER, password: ARI_PASSWORD });
    const client = await ari.connect(server.url, ARI_USER, ARI_PASSWORD);
    await server.close();
    const raw = client.channels.list().then(
      () => 'settled',
      () => 'settled',
    );
    expect(await Promise.race([raw, sleep(1500).then(() => 'still pending')])).toBe('still pending');
    await expect(createAriRest(client, 300).listChannels()).rejects.toMatchObject({ name: 'AriRequestError', kind: 'timeout' });
  });

  it('rides out a socket killed during a call on ari-client’s own reconnect, with the same client', async () => {
    const h = await harness();
    const log = new EventLog(h.provider);
    await h.provider.start();
    await h.dialIn('+919812300001', '+9118002334455');
    const { callId } = await log.waitFor('call.incoming');
    await h.provider.answer(callId);
    const loads = () => h.server.requests.filter((r) => r.route === '/api-docs/resources.json').length;
    const loadsBefore = loads();
    h.server.dropLink({ refuse: false });
    await waitUntil(() => h.provider.status().state === 'disconnected', 'the drop to be noticed');
    await waitUntil(() => h.provider.status().state === 'connected', 'ari-client to reconnect');
    expect(loads()).toBe(loadsBefore);
    const { mediaId } = await h.provider.play(callId, { kind: 'file', uri: 'sound:after-the-blip' });
    await log.waitFor('media.finished', (e) => e.mediaId === mediaId);
  });

  it('opens a new client when the event socket goes silent (no pong)', async () => {
    const h = await harness();
    await h.provider.start();
    const accepted = () => h.server.hub.attempts.filter((a) => a.accepted).length;
    const before = accepted();
    // pongs come back while the socket is healthy: three heartbeats go by without a new socket
    await sleep(3_500);
    expect(accepted()).toBe(before);
    h.server.hub.silenceOpenSockets();
    await waitUntil(() => accepted() > before, 'a new event socket', 8_000);
    await waitUntil(() => h.provider.status().state === 'connected', 'connected again');
    await callFlows(h);
  });

  it('takes its application back when another socket takes it over (ApplicationReplaced)', async () => {
    const h = await harness();
    await h.provider.start();
    const intruder = new WebSocket(`ws://127.0.0.1:${h.server.port}/ari/events?app=samvad&api_key=${encodeURIComponent(`${ARI_USER}:${ARI_PASSWORD}`)}`);
    cleanups.push(async () => intruder.terminate());
    await new Promise((resolve) => intruder.once('open', resolve));
    const accepted = () => h.server.hub.attempts.filter((a) => a.accepted).length;
    const before = accepted();
    await waitUntil(() => accepted() > before, 'the adapter to reconnect');
    await waitUntil(() => h.provider.status().state === 'connected', 'connected again');
    await callFlows(h);
  });

  it(
    'keeps reconnecting after ari-client gives up (WebSocketMaxRetries, ~43 s of its back-off)',
    async () => {
      const logs = new LogCapture();
      const h = await harness({ logger: createLogger('info', logs) });
      await h.provider.start();
      h.server.dropLink({ refuse: true });
      await waitUntil(() => logs.messages().some((m) => m.includes('gave up reconnecting')), 'WebSocketMaxRetries', 60_000);
      expect(h.provider.status().state).toBe('disconnected');
      const descriptionLoads = () => h.server.requests.filter((r) => r.route === '/api-docs/resources.json').length;
      const loadsBefore = descriptionLoads();
      await waitUntil(() => descriptionLoads() > loadsBefore, 'a new client loading the description');
      h.server.restoreLink();
      await waitUntil(() => h.provider.status().state === 'connected', 'connected again', 10_000);
      await callFlows(h);
    },
    120_000,
  );
});
