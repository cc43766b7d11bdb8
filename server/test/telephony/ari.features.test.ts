import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAriHarness, type TAriHarness } from '../support/ari-server/harness.js';
import { waitUntil } from '../support/ari-server/wait.js';
import { EventLog } from './contract.js';

/** What the adapter asks of Asterisk, checked on the Asterisk side, beyond the shared contract. */

let h: TAriHarness;
let log: EventLog;

beforeEach(async () => {
  h = await makeAriHarness();
  log = new EventLog(h.provider);
  await h.provider.start();
});
afterEach(async () => {
  await h.provider.stop();
  await h.close();
});

const world = () => h.server.asterisk;

async function caller(from: string): Promise<string> {
  await h.dialIn(from, '+9118002334455');
  const incoming = await log.waitFor('call.incoming', (e) => e.call.from === from);
  await h.provider.answer(incoming.callId);
  await log.waitFor('call.answered', (e) => e.callId === incoming.callId);
  return incoming.callId;
}

async function agent(name: string): Promise<string> {
  const callId = randomUUID();
  h.scriptOutbound(`agent:${name}`, 'answer');
  await h.provider.originate({ callId, to: `agent:${name}`, callerId: '+9118002334455', timeoutSec: 10 });
  await log.waitFor('call.answered', (e) => e.callId === callId);
  return callId;
}

const bridgeOf = (callId: string) => [...world().bridges.values()].find((b) => b.channels.includes(h.channelOf(callId)));

describe('inbound calls', () => {
  it('normalises the presented number to E.164 and keeps Asterisk’s channel id as providerCallId', async () => {
    await h.dialIn('+919876500001', '+9118002334455');
    const incoming = await log.waitFor('call.incoming');
    expect(incoming.call).toMatchObject({ direction: 'inbound', from: '+919876500001', to: '+9118002334455' });
    expect(world().channels.get(incoming.call.providerCallId)?.caller.number).toBe('09876500001');
    expect(incoming.at).toMatch(/Z$/);
  });
});

describe('supervision', () => {
  async function supervised(mode: 'listen' | 'whisper' | 'barge') {
    const c = await caller('+919811100001');
    const a = await agent('agent1');
    const { bridgeId } = await h.provider.bridge(c, a);
    await log.waitFor('call.bridged', (e) => e.callId === a);
    const s = await agent('supervisor1');
    await h.provider.snoop(c, s, mode);
    await log.waitFor('call.bridged', (e) => e.callId === s);
    return { c, a, s, bridgeId };
  }

  it('listen: a snoop on the caller spying both ways, whispering nothing, bridged with the supervisor', async () => {
    const { c, s } = await supervised('listen');
    expect(world().snoopLog).toEqual([expect.objectContaining({ targetId: h.channelOf(c), spy: 'both', whisper: 'none', app: 'samvad' })]);
    const snoopId = world().snoopLog[0]?.snoopId ?? '';
    expect(bridgeOf(s)?.channels.sort()).toEqual([snoopId, h.channelOf(s)].sort());
    // the call ends: the snoop goes, the supervisor is let out of its bridge and stays up
    await h.remoteHangup(c);
    await log.waitFor('call.unbridged', (e) => e.callId === s);
    await waitUntil(() => !world().channels.has(snoopId) && bridgeOf(s) === undefined, 'the snoop and its bridge to go');
    expect(world().channels.has(h.channelOf(s))).toBe(true);
  });

  it('hangs the snoop channel up when the supervisor leaves, so it does not go on spying', async () => {
    const { c, s } = await supervised('listen');
    const snoopId = world().snoopLog[0]?.snoopId ?? '';
    await h.provider.hangup(s);
    await log.waitFor('call.hangup', (e) => e.callId === s);
    await waitUntil(() => !world().channels.has(snoopId), 'the snoop channel to go');
    expect(world().channels.has(h.channelOf(c))).toBe(true);
    expect(log.typesFor(c)).not.toContain('call.hangup');
  });

  it('whisper: the snoop is on the agent’s leg, whispering out to the agent only', async () => {
    const { a } = await supervised('whisper');
    expect(world().snoopLog).toEqual([expect.objectContaining({ targetId: h.channelOf(a), spy: 'both', whisper: 'out' })]);
  });

  it('barge: the supervisor joins the call’s own bridge', async () => {
    const { c, s, bridgeId } = await supervised('barge');
    expect(world().snoopLog).toEqual([]);
    expect(bridgeOf(s)?.id).toBe(bridgeId);
    expect(bridgeOf(c)?.id).toBe(bridgeId);
    expect(await log.waitFor('call.bridged', (e) => e.callId === s)).toMatchObject({ bridgeId, withCallId: c });
  });
});

describe('waiting room and bridges', () => {
  it('holds callers in one holding bridge with music on hold, then bridges them out of it', async () => {
    const first = await caller('+919811100002');
    const second = await caller('+919811100003');
    await h.provider.hold(first);
    await h.provider.hold(second);
    const holding = [...world().bridges.values()].filter((b) => b.bridgeType === 'holding');
    expect(holding).toHaveLength(1);
    expect(holding[0]).toMatchObject({ name: 'samvad:waiting-room', moh: 'default' });
    expect(holding[0]?.channels).toEqual([h.channelOf(first), h.channelOf(second)]);
    expect(h.heard(first)).toContain('moh:default');

    const a = await agent('agent2');
    const { bridgeId } = await h.provider.bridge(first, a);
    await log.waitFor('call.bridged', (e) => e.callId === first && e.bridgeId === bridgeId);
    expect(holding[0]?.channels).toEqual([h.channelOf(second)]);
    expect(world().bridges.get(bridgeId)).toMatchObject({ bridgeType: 'mixing', dtmfEvents: true });
    expect(log.typesFor(first)).not.toContain('call.unbridged');
  });

  it('records a bridge and reports the recording on the leg still up when the first party leaves', async () => {
    const c = await caller('+919811100004');
    const a = await agent('agent3');
    await h.provider.bridge(c, a, { record: true });
    await waitUntil(() => world().recordings.size === 1, 'a live recording');
    const [name] = [...world().recordings.keys()];
    await h.remoteHangup(c);
    const finished = await log.waitFor('recording.finished');
    expect(finished).toMatchObject({ callId: a, recordingId: name, uri: `recording:${name}` });
    expect(world().storedRecordings.has(name ?? '')).toBe(true);
  });

  it('reports keys pressed while bridged (dtmf_events)', async () => {
    const c = await caller('+919811100005');
    const a = await agent('agent4');
    await h.provider.bridge(c, a);
    await log.waitFor('call.bridged', (e) => e.callId === c);
    await h.pressDigits(c, '9');
    await log.waitFor('call.dtmf', (e) => e.callId === c && e.digit === '9');
  });
});

describe('outbound calls', () => {
  for (const [behaviour, reason, q850] of [
    ['busy', 'busy', 17],
    ['rejected', 'rejected', 21],
    ['congestion', 'congestion', 34],
  ] as const) {
    it(`maps ${behaviour} to call.failed ${reason} with Q.850 ${q850}`, async () => {
      const callId = randomUUID();
      h.server.script('PJSIP/+919700000009@carrier', behaviour);
      await h.provider.originate({ callId, to: '+919700000009', callerId: '+911600233445', timeoutSec: 5 });
      expect(await log.waitFor('call.failed', (e) => e.callId === callId)).toMatchObject({ reason, q850 });
    });
  }

  it('sees an AMD leg ring before it reaches the app: the app subscribes to it right after the originate', async () => {
    const callId = randomUUID();
    h.scriptOutbound('+919700000010', 'answer');
    await h.provider.originate({ callId, to: '+919700000010', callerId: '+911600233445', timeoutSec: 10, detectMachine: true });
    await log.waitFor('call.machine', (e) => e.callId === callId);
    expect(log.typesFor(callId)).toEqual(['call.ringing', 'call.answered', 'call.machine']);
    const originate = h.server.requests.find((r) => r.route === '/channels/{channelId}' && r.method === 'POST');
    expect(originate?.status).toBe(200);
    expect(world().channels.get(callId)?.vars.get('SAMVAD_CALL_ID')).toBe(callId);
  });

  it('tracks a leg before asking for it: events that beat the originate response are not lost', async () => {
    const early = await makeAriHarness({ server: { timings: { ringMs: 0 } } });
    const earlyLog = new EventLog(early.provider);
    try {
      await early.provider.start();
      const callId = randomUUID();
      early.scriptOutbound('agent:agent1', 'answer');
      await early.provider.originate({ callId, to: 'agent:agent1', callerId: '+9118002334455', timeoutSec: 10 });
      await earlyLog.waitFor('call.answered', (e) => e.callId === callId);
      expect(earlyLog.typesFor(callId)).toEqual(['call.ringing', 'call.answered']);
      const sentBeforeResponse = early.server.asterisk.sent.filter((s) => s.message.type === 'ChannelStateChange');
      expect(sentBeforeResponse.length).toBeGreaterThan(0);
    } finally {
      await early.provider.stop();
      await early.close();
    }
  });

  it('a call Samvad cancels before it is answered ends as a local hangup, not a failure', async () => {
    const callId = randomUUID();
    h.scriptOutbound('+919700000011', 'no_answer');
    await h.provider.originate({ callId, to: '+919700000011', callerId: '+911600233445', timeoutSec: 30 });
    await log.waitFor('call.ringing', (e) => e.callId === callId);
    await h.provider.hangup(callId, 'no_answer');
    expect(await log.waitFor('call.hangup', (e) => e.callId === callId)).toMatchObject({ by: 'local', q850: 19, cause: 'no_answer' });
    expect(log.typesFor(callId)).not.toContain('call.failed');
  });

  it('refuses commands to a leg that is not in the app yet, and unknown calls', async () => {
    const callId = randomUUID();
    h.scriptOutbound('+919700000012', 'no_answer');
    await h.provider.originate({ callId, to: '+919700000012', callerId: '+911600233445', timeoutSec: 30 });
    await expect(h.provider.play(callId, { kind: 'file', uri: 'sound:x' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.provider.answer(randomUUID())).rejects.toMatchObject({ code: 'not_found' });
    await expect(h.provider.originate({ callId, to: '+919700000012', callerId: '', timeoutSec: 5 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.provider.originate({ callId: randomUUID(), to: '9700000012', callerId: '', timeoutSec: 5 })).rejects.toMatchObject({ code: 'invalid' });
    await h.provider.hangup(callId);
  });
});

describe('media and digits', () => {
  it('collects until the timeout, and until maxDigits', async () => {
    const c = await caller('+919811100006');
    const first = randomUUID();
    await h.provider.collect(c, { requestId: first, maxDigits: 4, timeoutMs: 200 });
    expect(await log.waitFor('call.digits', (e) => e.requestId === first)).toMatchObject({ digits: '', reason: 'timeout' });
    const second = randomUUID();
    await h.provider.collect(c, { requestId: second, maxDigits: 2, timeoutMs: 2000 });
    await h.pressDigits(c, '123');
    expect(await log.waitFor('call.digits', (e) => e.requestId === second)).toMatchObject({ digits: '12', reason: 'max_digits' });
  });

  it('reports a prompt stopped by Samvad as stopped, and plays silence from stock files', async () => {
    const c = await caller('+919811100007');
    const { mediaId } = await h.provider.play(c, { kind: 'speech', text: 'A long notice. '.repeat(40), language: 'en' });
    await log.waitFor('media.started', (e) => e.mediaId === mediaId);
    await h.provider.stopMedia(c, mediaId);
    expect(await log.waitFor('media.finished', (e) => e.mediaId === mediaId)).toMatchObject({ reason: 'stopped' });
    const silence = await h.provider.play(c, { kind: 'silence', ms: 1000 });
    await log.waitFor('media.finished', (e) => e.mediaId === silence.mediaId);
    expect(h.heard(c)).toContain('sound:silence/1');
  });

  it('hangs up with the Q.850 code of the cause', async () => {
    const c = await caller('+919811100008');
    await h.provider.hangup(c, 'rejected');
    expect(await log.waitFor('call.hangup', (e) => e.callId === c)).toMatchObject({ cause: 'rejected', q850: 21, by: 'local' });
    const destroyed = world().sent.find((s) => s.message.type === 'ChannelDestroyed');
    expect(destroyed?.message).toMatchObject({ cause: 21, cause_txt: 'Call Rejected' });
  });
});
