import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAriHarness, type TAriHarness } from '../support/ari-server/harness.js';
import { waitUntil } from '../support/ari-server/wait.js';
import { EventLog } from './contract.js';

/** State kept across a lost event socket, orphans, and per-call handlers that must not leak. */

let h: TAriHarness;
let log: EventLog;

async function setUp(server: Parameters<typeof makeAriHarness>[0] = {}): Promise<void> {
  h = await makeAriHarness(server);
  log = new EventLog(h.provider);
  await h.provider.start();
  await h.provider.settled();
}

afterEach(async () => {
  await h.provider.stop();
  await h.close();
});

async function answeredCall(from: string): Promise<string> {
  await h.dialIn(from, '+9118002334455');
  const incoming = await log.waitFor('call.incoming', (e) => e.call.from === from);
  await h.provider.answer(incoming.callId);
  await log.waitFor('call.answered', (e) => e.callId === incoming.callId);
  return incoming.callId;
}

const sentTypes = (channelId: string) =>
  h.server.asterisk.sent.filter((s) => {
    const channel = s.message.channel;
    return typeof channel === 'object' && channel !== null && 'id' in channel && channel.id === channelId;
  }).map((s) => s.message.type);

describe('ARI state across a lost event socket', () => {
  it('rebuilds from GET /channels and GET /bridges: lost calls end, finished prompts finish, live calls go on, orphans are hung up', async () => {
    await setUp();
    const gone = await answeredCall('+919800000001');
    const prompted = await answeredCall('+919800000002');
    const kept = await answeredCall('+919800000003');
    const agent = randomUUID();
    h.scriptOutbound('agent:agent2', 'answer');
    await h.provider.originate({ callId: agent, to: 'agent:agent2', callerId: '+911600233445', timeoutSec: 10 });
    await log.waitFor('call.answered', (e) => e.callId === agent);
    const { bridgeId } = await h.provider.bridge(kept, agent);
    await log.waitFor('call.bridged', (e) => e.callId === kept && e.bridgeId === bridgeId);
    const { mediaId } = await h.provider.play(prompted, { kind: 'file', uri: 'sound:hello-world' });
    await log.waitFor('media.started', (e) => e.mediaId === mediaId);

    // the socket is cut mid-call and new sockets are refused for a while
    await h.dropLink();
    await waitUntil(() => h.provider.status().state === 'disconnected', 'the adapter to notice');
    h.server.remoteHangup(h.channelOf(gone));
    const orphan = h.server.asterisk.plantStasisChannel('samvad', ['inbound', '18002334455']);
    const notOurs = h.server.asterisk.plantStasisChannel('billing', ['x']);
    await waitUntil(() => !h.server.asterisk.playbacks.has(mediaId), 'the prompt to finish while nobody listens');
    const requestsBefore = h.server.requests.length;
    await h.restoreLink();
    await waitUntil(() => h.provider.status().state === 'connected', 'connected again');
    await h.provider.settled();

    const rebuilt = h.server.requests.slice(requestsBefore).map((r) => `${r.method} ${r.route}`);
    expect(rebuilt).toContain('GET /channels');
    expect(rebuilt).toContain('GET /bridges');
    const end = await log.waitFor('call.hangup', (e) => e.callId === gone);
    expect(end).toMatchObject({ cause: 'unknown', q850: null, by: 'remote' });
    expect(await log.waitFor('media.finished', (e) => e.mediaId === mediaId)).toMatchObject({ reason: 'done' });
    await waitUntil(() => !h.server.asterisk.channels.has(orphan.id), 'the orphan to be hung up');
    expect(sentTypes(orphan.id)).toContain('ChannelDestroyed');
    expect(h.server.asterisk.channels.has(notOurs.id)).toBe(true);

    // the calls that lived through it are still under control, still bridged
    expect(log.typesFor(kept)).not.toContain('call.unbridged');
    const { mediaId: again } = await h.provider.play(kept, { kind: 'file', uri: 'sound:still-here' });
    await log.waitFor('media.finished', (e) => e.mediaId === again);
    await h.provider.hangup(kept);
    await log.waitFor('call.unbridged', (e) => e.callId === agent);
    await h.provider.hangup(agent);
    await h.provider.hangup(prompted);
    await log.waitFor('call.hangup', (e) => e.callId === prompted);
    expect(h.provider.stats().legs).toBe(0);
  });

  it('hangs up an orphan left in the application by an earlier process, after a grace period', async () => {
    h = await makeAriHarness();
    log = new EventLog(h.provider);
    const orphan = h.server.asterisk.plantStasisChannel('samvad', ['inbound', '18002334455']);
    const inDialplan = h.server.asterisk.newChannel({ name: 'PJSIP/carrier-00000099', state: 'Up' });
    await h.provider.start();
    await h.provider.settled();
    expect(h.server.asterisk.channels.has(orphan.id)).toBe(true); // not yet: it may still announce itself
    await waitUntil(() => !h.server.asterisk.channels.has(orphan.id), 'the orphan to be hung up');
    const hangups = h.server.requests.filter((r) => r.method === 'DELETE' && r.route === '/channels/{channelId}');
    expect(hangups).toHaveLength(1);
    expect(h.server.asterisk.channels.has(inDialplan.id)).toBe(true);
    expect(log.events).toEqual([]);
  });
});

describe('per-call handlers', () => {
  it('are dropped at StasisEnd, before ChannelDestroyed; ari-client listeners do not grow with calls', async () => {
    await setUp({ server: { timings: { destroyDelayMs: 400 } } });
    const baseline = h.provider.stats().clientListeners;
    expect(baseline).toBeGreaterThan(0);

    for (let i = 0; i < 5; i += 1) {
      const caller = await answeredCall(`+91980000010${i}`);
      const requestId = randomUUID();
      await h.provider.collect(caller, { requestId, maxDigits: 4, timeoutMs: 10_000, prompt: { kind: 'speech', text: 'A long question. '.repeat(20), language: 'en' } });
      await h.provider.play(caller, { kind: 'file', uri: 'sound:queued-after' });
      await log.waitFor('media.started', (e) => e.callId === caller);
      expect(h.provider.stats()).toMatchObject({ legs: 1, playbacks: 2, collectors: 1 });

      await h.remoteHangup(caller);
      const channelId = h.channelOf(caller);
      await waitUntil(() => h.provider.stats().playbacks === 0, 'the handlers to go');
      // between StasisEnd and ChannelDestroyed (held back 400 ms): the leg waits for its cause, its handlers are gone
      expect(sentTypes(channelId)).toContain('StasisEnd');
      expect(sentTypes(channelId)).not.toContain('ChannelDestroyed');
      expect(h.provider.stats()).toMatchObject({ legs: 1, playbacks: 0, collectors: 0, armedTimers: 0 });
      await log.waitFor('call.hangup', (e) => e.callId === caller);
      expect(h.provider.stats()).toMatchObject({ legs: 0, playbacks: 0, collectors: 0, armedTimers: 0 });
      expect(log.typesFor(caller)).not.toContain('call.digits');
    }
    expect(h.provider.stats().clientListeners).toBe(baseline);
  });
});
