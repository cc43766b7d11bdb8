import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TWILIO_WEBHOOK_PATHS } from '../../src/telephony/twilio/urls.js';
import { startTwilioRig, type TPostOptions, type TTwilioRig } from '../support/twilio/rig.js';
import { answeredInbound, answeredOutbound, eventOf, lastDocument, only, resend, typesOf, until, webhooksTo } from '../support/twilio/waits.js';

let rig: TTwilioRig;
afterEach(async () => {
  // Twilio's own webhooks were all accepted: only the forgeries above were refused
  const complaints = rig.fake.complaints();
  await rig.close();
  expect(complaints).toEqual([]);
});

async function start(options: Parameters<typeof startTwilioRig>[0] = {}): Promise<TTwilioRig> {
  rig = await startTwilioRig(options);
  await rig.provider.start();
  return rig;
}

function inboundParams(sid = rig.fake.newSid('CA')): Record<string, string> {
  return {
    AccountSid: rig.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: sid,
    CallStatus: 'ringing',
    Direction: 'inbound',
    From: '+919876543210',
    To: '+9118002334455',
    Caller: '+919876543210',
    Called: '+9118002334455',
  };
}

describe('Twilio webhooks: signatures', () => {
  it('refuses a forged new call with 403, and nothing happens; the same call signed by Twilio is taken', async () => {
    await start();
    const params = inboundParams();
    const forgeries: [string, TPostOptions][] = [
      ['no signature', { signature: null }],
      ['garbage', { signature: 'bm90IGEgc2lnbmF0dXJl' }],
      ['another account’s token', { token: 'f'.repeat(32) }],
      ['signed for another caller', { signedParams: { ...params, From: '+919000000000' } }],
      ['signed for another URL', { signUrl: `${rig.publicBaseUrl}${TWILIO_WEBHOOK_PATHS.status}` }],
    ];
    for (const [what, forgery] of forgeries) {
      const response = await rig.post(TWILIO_WEBHOOK_PATHS.voice, params, forgery);
      expect(response.status, what).toBe(403);
      expect(response.body, what).not.toContain('<Response');
    }
    expect(rig.events).toEqual([]);
    expect(rig.provider.liveCalls()).toEqual([]);

    // the 403s were the signature's doing: the genuine request is taken (and held until Samvad decides)
    const taken = rig.post(TWILIO_WEBHOOK_PATHS.voice, params);
    const incoming = await eventOf(rig, 'call.incoming', (e) => e.call.providerCallId === params.CallSid);
    await rig.provider.hangup(incoming.callId, 'busy');
    expect(await taken).toEqual({ status: 200, body: '<?xml version="1.0" encoding="UTF-8"?><Response><Reject reason="busy"/></Response>' });
  });

  it('refuses altered digits: no key is reported and the Gather is still waiting for the real ones', async () => {
    await start();
    const { callId, sid } = await answeredInbound(rig);
    const requestId = randomUUID();
    await rig.provider.collect(callId, { requestId, maxDigits: 4, timeoutMs: 5000, terminator: '#' });
    await until('the Gather to listen', () => rig.fake.get(sid).gather !== null);
    const action = new URL(only(lastDocument(rig, sid), 'Gather').attrs.action ?? '');
    const genuine = { ...rig.fake.callParams(rig.fake.get(sid)), Digits: '1234', FinishedOnKey: '#', msg: 'Gather End' };

    const altered = await rig.post(`${action.pathname}${action.search}`, { ...genuine, Digits: '9999' }, { signedParams: genuine });
    expect(altered.status).toBe(403);
    expect(typesOf(rig, callId)).toEqual(['call.incoming', 'call.answered']);

    await rig.fake.pressDigits(sid, '5678');
    expect(await eventOf(rig, 'call.digits', (e) => e.requestId === requestId)).toMatchObject({ digits: '5678', reason: 'max_digits' });
  });

  it('refuses a forged hang-up: the call stays up and controllable', async () => {
    await start();
    const { callId, sid } = await answeredInbound(rig);
    const forged = { ...rig.fake.callParams(rig.fake.get(sid)), CallStatus: 'completed', SequenceNumber: '0', CallDuration: '12' };
    const response = await rig.post(TWILIO_WEBHOOK_PATHS.status, forged, { token: 'f'.repeat(32) });
    expect(response.status).toBe(403);
    expect(typesOf(rig, callId)).not.toContain('call.hangup');
    expect(rig.provider.liveCalls().map((c) => c.callId)).toContain(callId);
    const { mediaId } = await rig.provider.play(callId, { kind: 'speech', text: 'Still here.', language: 'en' });
    await eventOf(rig, 'media.finished', (e) => e.mediaId === mediaId);
    expect(rig.fake.get(sid).heard).toEqual(['Still here.']);
  });
});

describe('Twilio webhooks behind a proxy', () => {
  it('checks signatures against the configured public base URL (path prefix included), never the Host header', async () => {
    await start({ publicBaseUrl: 'https://gw.example.gov.in/samvad' });
    // a whole call through the proxy: Twilio signs gw.example.gov.in/samvad/…, the server sees 127.0.0.1/…
    const { callId, sid } = await answeredInbound(rig);
    const { mediaId } = await rig.provider.play(callId, { kind: 'speech', text: 'नमस्ते', language: 'hi' });
    await eventOf(rig, 'media.finished', (e) => e.mediaId === mediaId && e.reason === 'done');
    expect(new URL(only(lastDocument(rig, sid), 'Redirect').text).href).toMatch(/^https:\/\/gw\.example\.gov\.in\/samvad\/api\/telephony\/twilio\/voice\?/);

    const path = TWILIO_WEBHOOK_PATHS.status;
    const params = { ...inboundParams(), CallStatus: 'completed', SequenceNumber: '0' };
    const forwarded = { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'http' };
    // what a server trusting Host or X-Forwarded-* would compute is not what Twilio signed
    expect((await rig.post(path, params, { signUrl: `${rig.localBaseUrl}${path}` })).status).toBe(403);
    expect((await rig.post(path, params, { signUrl: `http://attacker.example/samvad${path}`, headers: forwarded })).status).toBe(403);
    expect((await rig.post(path, params, { signUrl: `https://gw.example.gov.in${path}` })).status).toBe(403);
    // the genuine one passes whatever the forwarding headers say (an unknown call: nothing to do)
    expect((await rig.post(path, params, { headers: forwarded })).status).toBe(200);
    expect(rig.events.filter((e) => e.type === 'call.hangup')).toEqual([]);
  });
});

describe('Twilio webhooks: retries', () => {
  it('a new call posted twice gets one call.incoming, and both requests the same TwiML', async () => {
    await start();
    const params = inboundParams();
    const first = rig.post(TWILIO_WEBHOOK_PATHS.voice, params);
    const retry = rig.post(TWILIO_WEBHOOK_PATHS.voice, params);
    const incoming = await eventOf(rig, 'call.incoming', (e) => e.call.providerCallId === params.CallSid);
    await rig.provider.answer(incoming.callId);
    await rig.provider.play(incoming.callId, { kind: 'speech', text: 'Welcome', language: 'en' });
    const [a, b] = await Promise.all([first, retry]);
    expect(a.status).toBe(200);
    expect(b).toEqual(a);
    expect(a.body).toContain('<Say language="en-IN" voice="Google.en-IN-Standard-A">Welcome</Say>');
    expect(rig.events.filter((e) => e.type === 'call.incoming')).toHaveLength(1);
    await rig.provider.hangup(incoming.callId);
  });

  it('a Gather action retried after its answer gets the same TwiML and reports no key twice', async () => {
    await start();
    const { callId, sid } = await answeredInbound(rig);
    const requestId = randomUUID();
    await rig.provider.collect(callId, { requestId, maxDigits: 12, timeoutMs: 5000, terminator: '#' });
    await rig.fake.pressDigits(sid, '4512#');
    await eventOf(rig, 'call.digits', (e) => e.requestId === requestId);
    await rig.provider.play(callId, { kind: 'speech', text: 'आपका आवेदन स्वीकृत है', language: 'hi' });
    await until('the Gather action to be answered', () => webhooksTo(rig, '/gather')[0]?.status === 200);
    const [original] = webhooksTo(rig, '/gather');
    if (!original) throw new Error('no Gather action');
    const before = typesOf(rig, callId);

    const retried = await resend(rig, original);
    expect(retried).toEqual({ status: 200, body: original.body });
    expect(typesOf(rig, callId)).toEqual(before);
    expect(before.filter((t) => t === 'call.digits')).toHaveLength(1);
    expect(before.filter((t) => t === 'call.dtmf')).toHaveLength(5);
  });

  it('a status callback retried with its SequenceNumber ends the call once', async () => {
    await start();
    const { callId, sid } = await answeredInbound(rig);
    // answered on Samvad's side; on Twilio's once its silence or first prompt runs
    await until('Twilio to answer', () => rig.fake.get(sid).status === 'in-progress');
    await rig.fake.hangup(sid);
    await eventOf(rig, 'call.hangup', (e) => e.callId === callId);
    const [completed] = webhooksTo(rig, '/status');
    if (!completed) throw new Error('no status callback');
    expect(completed.params).toMatchObject({ CallStatus: 'completed', SequenceNumber: '0' });
    expect((await resend(rig, completed)).status).toBe(200);
    expect(rig.events.filter((e) => e.type === 'call.hangup')).toHaveLength(1);
  });

  it('an answered outbound call retried reports one answer and one machine verdict; a retried join, one bridge', async () => {
    await start();
    const caller = await answeredInbound(rig);
    rig.fake.script('client:agent1', { kind: 'answer' });
    const agent = await answeredOutbound(rig, randomUUID(), 'agent:agent1', { detectMachine: true });
    await eventOf(rig, 'call.machine', (e) => e.callId === agent.callId);
    const { bridgeId } = await rig.provider.bridge(caller.callId, agent.callId);
    await eventOf(rig, 'call.bridged', (e) => e.callId === agent.callId && e.bridgeId === bridgeId);
    const answeredUrl = webhooksTo(rig, '/voice').find((w) => w.params.CallSid === agent.sid && !new URL(w.url).searchParams.has('step'));
    if (!answeredUrl) throw new Error('no answer URL request');

    expect((await resend(rig, answeredUrl)).status).toBe(200);
    const join = webhooksTo(rig, '/conference').find((w) => w.params.StatusCallbackEvent === 'participant-join' && w.params.CallSid === agent.sid);
    if (!join) throw new Error('no participant-join');
    expect((await resend(rig, join)).status).toBe(200);

    const types = typesOf(rig, agent.callId);
    expect(types.filter((t) => t === 'call.answered')).toHaveLength(1);
    expect(types.filter((t) => t === 'call.machine')).toHaveLength(1);
    expect(types.filter((t) => t === 'call.bridged')).toHaveLength(1);
    await rig.provider.hangup(agent.callId);
    await rig.provider.hangup(caller.callId);
  });
});
