import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TOutboundScript } from '../support/twilio/fake-twilio.js';
import { startTwilioRig, type TRigOptions, type TTwilioRig } from '../support/twilio/rig.js';
import { findAll, readTwiml } from '../support/twilio/twiml-reader.js';
import { answeredInbound, answeredOutbound, eventOf, lastDocument, only, typesOf, until } from '../support/twilio/waits.js';

let rig: TTwilioRig;
afterEach(async () => {
  const complaints = rig.fake.complaints();
  await rig.close();
  expect(complaints).toEqual([]);
});

async function start(options: TRigOptions = {}): Promise<TTwilioRig> {
  rig = await startTwilioRig(options);
  await rig.provider.start();
  return rig;
}

/** REST calls that changed a live call (as opposed to placing one) */
function updates(sid: string) {
  return rig.fake.rest.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/Calls/${sid}.json`));
}

describe('Twilio: prompts and digits', () => {
  it('speaks Chhattisgarhi in the hi-IN voice and English in en-IN; a second prompt waits for the first, with no REST call', async () => {
    await start();
    const { callId, sid } = await answeredInbound(rig);
    const first = await rig.provider.play(callId, { kind: 'speech', text: 'जोहार, जन समवाद में आपका स्वागत है', language: 'cg' });
    const second = await rig.provider.play(callId, { kind: 'speech', text: 'Press 1 for English', language: 'en' });
    await eventOf(rig, 'media.finished', (e) => e.mediaId === second.mediaId);

    expect(rig.fake.get(sid).heard).toEqual(['जोहार, जन समवाद में आपका स्वागत है', 'Press 1 for English']);
    const says = rig.fake.get(sid).documents.flatMap((twiml) => findAll(readTwiml(twiml), 'Say')).map((say) => say.attrs);
    expect(says).toEqual([
      { language: 'hi-IN', voice: 'Google.hi-IN-Standard-A' },
      { language: 'en-IN', voice: 'Google.en-IN-Standard-A' },
    ]);
    const media = rig.events.filter((e) => e.type === 'media.started' || e.type === 'media.finished');
    expect(media.map((e) => (e.type === 'media.finished' ? `${e.type} ${e.mediaId} ${e.reason}` : `${e.type} ${e.mediaId}`))).toEqual([
      `media.started ${first.mediaId}`,
      `media.finished ${first.mediaId} done`,
      `media.started ${second.mediaId}`,
      `media.finished ${second.mediaId} done`,
    ]);
    expect(updates(sid)).toEqual([]);
  });

  it('ends a collection by the clock with nothing, or by the digit count; with no terminator, # is a digit', async () => {
    await start();
    const { callId, sid } = await answeredInbound(rig);
    const silent = randomUUID();
    await rig.provider.collect(callId, { requestId: silent, maxDigits: 3, timeoutMs: 1000 });
    expect(await eventOf(rig, 'call.digits', (e) => e.requestId === silent)).toMatchObject({ digits: '', reason: 'timeout' });
    expect(only(readTwiml(rig.fake.get(sid).documents.at(-1) ?? ''), 'Gather').attrs).toMatchObject({ finishOnKey: '', numDigits: '3', timeout: '1' });

    const full = randomUUID();
    await rig.provider.collect(callId, { requestId: full, maxDigits: 3, timeoutMs: 5000 });
    await rig.fake.pressDigits(sid, '1#2');
    expect(await eventOf(rig, 'call.digits', (e) => e.requestId === full)).toMatchObject({ digits: '1#2', reason: 'max_digits' });
  });

  it('keys pressed while a prompt that is not interruptible plays reach nobody: Twilio reports keys only inside <Gather>', async () => {
    await start();
    const { callId, sid } = await answeredInbound(rig);
    const { mediaId } = await rig.provider.play(callId, { kind: 'speech', text: 'Listen carefully. '.repeat(10), language: 'en' });
    await until('the prompt to play', () => rig.fake.get(sid).heard.length === 1);
    await rig.fake.pressDigits(sid, '1', 0);
    await eventOf(rig, 'media.finished', (e) => e.mediaId === mediaId && e.reason === 'done');
    expect(rig.fake.get(sid).lostKeys).toEqual(['1']);
    expect(typesOf(rig, callId)).not.toContain('call.dtmf');
  });
});

describe('Twilio: commands while no webhook waits go by REST', () => {
  it('plays, stops and hangs up an idle call with calls(sid).update', async () => {
    // a long idle silence: Twilio is not asking, so Samvad must push
    await start({ provider: { idlePauseSec: 600 } });
    const { callId, sid } = await answeredInbound(rig);
    await until('the call to idle in silence', () => findAll(readTwiml(rig.fake.get(sid).documents.at(-1) ?? '<Response/>'), 'Pause').length === 1);

    const { mediaId } = await rig.provider.play(callId, { kind: 'speech', text: 'A message while you wait. '.repeat(20), language: 'en' });
    const [push] = updates(sid);
    expect(push?.form.Twiml).toContain('<Say language="en-IN" voice="Google.en-IN-Standard-A">A message while you wait.');
    await eventOf(rig, 'media.started', (e) => e.mediaId === mediaId);
    await until('the prompt to play', () => rig.fake.get(sid).heard.length === 1);

    await rig.provider.stopMedia(callId, mediaId);
    expect(await eventOf(rig, 'media.finished', (e) => e.mediaId === mediaId)).toMatchObject({ reason: 'stopped' });
    expect(updates(sid)[1]?.form.Twiml).toContain('<Pause length="600"/>');

    await rig.provider.hangup(callId, 'normal');
    expect(updates(sid)[2]?.form).toEqual({ Status: 'completed' });
    expect(await eventOf(rig, 'call.hangup', (e) => e.callId === callId)).toMatchObject({ by: 'local', cause: 'normal', q850: 16 });
    await until('Twilio to end the call', () => rig.fake.get(sid).status === 'completed');
  });
});

describe('Twilio: outbound calls', () => {
  it('places a call with its answer URL, status callback, events, timeout and machine detection', async () => {
    await start();
    const citizen = randomUUID();
    await rig.provider.originate({ callId: citizen, to: '+919700000002', callerId: '+911600233445', timeoutSec: 25, detectMachine: true });
    const agent = randomUUID();
    await rig.provider.originate({ callId: agent, to: 'agent:agent1', callerId: '+9118002334455', timeoutSec: 20 });
    const [placed, placedAgent] = rig.fake.rest.requests;
    expect(placed).toEqual({
      method: 'POST',
      path: `/2010-04-01/Accounts/${rig.accountSid}/Calls.json`,
      form: {
        To: '+919700000002',
        From: '+911600233445',
        Url: `${rig.publicBaseUrl}/api/telephony/twilio/voice?callId=${citizen}`,
        Method: 'POST',
        StatusCallback: `${rig.publicBaseUrl}/api/telephony/twilio/status?callId=${citizen}`,
        StatusCallbackMethod: 'POST',
        StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
        Timeout: '25',
        MachineDetection: 'Enable',
      },
    });
    expect(placedAgent?.form).toMatchObject({ To: 'client:agent1' });
    expect(placedAgent?.form).not.toHaveProperty('MachineDetection');
    await rig.provider.hangup(citizen);
    await rig.provider.hangup(agent);
  });

  it.each<[string, TOutboundScript, { reason: string; q850: number }]>([
    ['busy', { kind: 'busy' }, { reason: 'busy', q850: 17 }],
    ['no-answer', { kind: 'no_answer' }, { reason: 'no_answer', q850: 19 }],
    ['failed, SIP 404 (no such number)', { kind: 'failed', sipCode: 404 }, { reason: 'congestion', q850: 1 }],
    ['failed, SIP 603 (declined)', { kind: 'failed', sipCode: 603 }, { reason: 'rejected', q850: 21 }],
    ['failed, SIP 503', { kind: 'failed', sipCode: 503 }, { reason: 'congestion', q850: 41 }],
  ])('%s → call.failed', async (_, script, expected) => {
    await start();
    rig.fake.script('+919700000001', script);
    const callId = randomUUID();
    await rig.provider.originate({ callId, to: '+919700000001', callerId: '+911600233445', timeoutSec: 5 });
    expect(await eventOf(rig, 'call.failed', (e) => e.callId === callId)).toMatchObject(expected);
    expect(typesOf(rig, callId)).not.toContain('call.answered');
    expect(typesOf(rig, callId).at(-1)).toBe('call.failed');
  });

  it.each<[string, 'machine' | 'human' | 'unknown']>([
    ['human', 'human'],
    ['machine_end_beep', 'machine'],
    ['machine_end_silence', 'machine'],
    ['machine_start', 'machine'],
    ['fax', 'machine'],
    ['unknown', 'unknown'],
  ])('AnsweredBy=%s → call.machine %s, after call.answered', async (answeredBy, result) => {
    await start();
    rig.fake.script('+919700000003', answeredBy === 'human' ? { kind: 'answer' } : { kind: 'machine', answeredBy });
    const { callId } = await answeredOutbound(rig, randomUUID(), '+919700000003', { detectMachine: true });
    expect(await eventOf(rig, 'call.machine', (e) => e.callId === callId)).toMatchObject({ result });
    expect(typesOf(rig, callId)).toEqual(['call.ringing', 'call.answered', 'call.machine']);
    await rig.provider.hangup(callId);
  });

  it('reports no machine verdict when detection was not asked for', async () => {
    await start();
    const { callId } = await answeredOutbound(rig, randomUUID(), '+919700000004');
    await rig.provider.play(callId, { kind: 'speech', text: 'Namaste', language: 'hi' });
    await eventOf(rig, 'media.finished', (e) => e.callId === callId);
    expect(typesOf(rig, callId)).not.toContain('call.machine');
    await rig.provider.hangup(callId);
  });

  it('withdraws a call still ringing with status=canceled: Samvad hung up, nothing failed', async () => {
    await start();
    rig.fake.script('+919700000005', { kind: 'no_answer' });
    const callId = randomUUID();
    await rig.provider.originate({ callId, to: '+919700000005', callerId: '+911600233445', timeoutSec: 30 });
    await eventOf(rig, 'call.ringing', (e) => e.callId === callId);
    await rig.provider.hangup(callId, 'normal');
    const sid = rig.fake.outboundFor(callId)?.sid ?? '';
    expect(updates(sid).map((r) => r.form)).toEqual([{ Status: 'canceled' }]);
    expect(await eventOf(rig, 'call.hangup', (e) => e.callId === callId)).toMatchObject({ by: 'local', cause: 'normal' });
    await until('Twilio to cancel', () => rig.fake.get(sid).status === 'canceled');
    expect(typesOf(rig, callId)).toEqual(['call.ringing', 'call.hangup']);
  });

  it('a call Twilio refuses to place (wrong credentials) is a failed call, not a thrown error', async () => {
    await start({ provider: { authToken: 'f'.repeat(32) } });
    const callId = randomUUID();
    await rig.provider.originate({ callId, to: '+919700000006', callerId: '+911600233445', timeoutSec: 20 });
    expect(await eventOf(rig, 'call.failed', (e) => e.callId === callId)).toMatchObject({ reason: 'congestion', q850: 41 });
    expect(rig.fake.calls.size).toBe(0);
  });
});

describe('Twilio: hold, bridges and supervisors', () => {
  it('holds a caller in a waiting room with music, bridges from hold, and brings the agent back when the caller leaves', async () => {
    await start({ provider: { holdMusicUrl: 'https://cdn.example.gov.in/samvad/hold.mp3' } });
    const caller = await answeredInbound(rig);
    await rig.provider.hold(caller.callId);
    await until('the caller to wait', () => rig.fake.get(caller.sid).heard.includes('https://cdn.example.gov.in/samvad/hold.mp3'));
    expect(only(lastDocument(rig, caller.sid), 'Conference').attrs).toMatchObject({ startConferenceOnEnter: 'false', waitUrl: 'https://cdn.example.gov.in/samvad/hold.mp3' });

    const agent = await answeredOutbound(rig, randomUUID(), 'agent:agent1');
    const { bridgeId } = await rig.provider.bridge(caller.callId, agent.callId);
    expect(await eventOf(rig, 'call.bridged', (e) => e.callId === caller.callId)).toMatchObject({ bridgeId, withCallId: agent.callId });
    expect(await eventOf(rig, 'call.bridged', (e) => e.callId === agent.callId)).toMatchObject({ bridgeId, withCallId: caller.callId });
    expect(rig.fake.rooms.history.map((room) => [room.name, room.ended])).toEqual([
      [`hold-${caller.callId}`, true],
      [bridgeId, false],
    ]);

    await rig.fake.hangup(caller.sid);
    await eventOf(rig, 'call.unbridged', (e) => e.callId === agent.callId && e.bridgeId === bridgeId);
    // the agent's leg is back with Samvad, waiting for what comes next
    await until('the agent to come back', () => (rig.fake.webhooks.at(-1)?.params.DialCallStatus ?? '') === 'completed');
    expect(rig.provider.liveCalls().map((c) => c.callId)).toEqual([agent.callId]);
    await rig.provider.hangup(agent.callId);
  });

  it.each([
    ['listen', { muted: 'true' }],
    ['whisper', { muted: 'false', coach: 'AGENT' }],
    ['barge', { muted: 'false' }],
  ] as const)('a supervisor can %s: a silent participant that does not end the room', async (mode, expected) => {
    await start();
    const caller = await answeredInbound(rig);
    const agent = await answeredOutbound(rig, randomUUID(), 'agent:agent1');
    const { bridgeId } = await rig.provider.bridge(caller.callId, agent.callId);
    const supervisor = await answeredOutbound(rig, randomUUID(), 'agent:supervisor1');
    await rig.provider.snoop(caller.callId, supervisor.callId, mode);
    await until('the supervisor to join', () => rig.fake.rooms.history.some((room) => room.joins.some((j) => j.callSid === supervisor.sid)));

    const room = rig.fake.rooms.history.find((r) => r.name === bridgeId);
    const join = room?.joins.find((j) => j.callSid === supervisor.sid);
    expect(join?.attrs).toMatchObject({
      ...expected,
      ...('coach' in expected ? { coach: agent.sid } : {}),
      beep: 'false',
      endConferenceOnExit: 'false',
    });
    expect(typesOf(rig, supervisor.callId)).not.toContain('call.bridged');

    await rig.fake.hangup(caller.sid);
    await until('the supervisor to come back', () => rig.fake.webhooks.some((w) => w.params.CallSid === supervisor.sid && w.params.DialCallStatus === 'completed'));
    expect(rig.provider.liveCalls().map((c) => c.callId).sort()).toEqual([agent.callId, supervisor.callId].sort());
    await rig.provider.hangup(agent.callId);
    await rig.provider.hangup(supervisor.callId);
  });

  it('cannot listen to a call that is not in a bridge', async () => {
    await start();
    const caller = await answeredInbound(rig);
    const supervisor = await answeredOutbound(rig, randomUUID(), 'agent:supervisor1');
    await expect(rig.provider.snoop(caller.callId, supervisor.callId, 'listen')).rejects.toMatchObject({ code: 'conflict' });
    await rig.provider.hangup(caller.callId);
    await rig.provider.hangup(supervisor.callId);
  });

  it('records a bridge and reports the recording on the leg that stays', async () => {
    await start();
    const caller = await answeredInbound(rig);
    const agent = await answeredOutbound(rig, randomUUID(), 'agent:agent1');
    const { bridgeId } = await rig.provider.bridge(caller.callId, agent.callId, { record: true });
    await eventOf(rig, 'call.bridged', (e) => e.callId === agent.callId);
    await rig.fake.hangup(caller.sid);
    const recording = await eventOf(rig, 'recording.finished', (e) => e.callId === agent.callId);
    expect(recording.uri).toMatch(new RegExp(`^https://api\\.twilio\\.com/2010-04-01/Accounts/${rig.accountSid}/Recordings/RE[0-9a-f]{32}$`));
    expect(recording.recordingId).toMatch(/^RE[0-9a-f]{32}$/);
    expect(only(lastDocument(rig, caller.sid), 'Conference').attrs.recordingStatusCallback).toContain(`bridgeId=${bridgeId}`);
    await rig.provider.hangup(agent.callId);
  });
});

describe('Twilio: ringing, refusing and stopping', () => {
  it('refuses an inbound call nobody answers in time', async () => {
    await start({ provider: { answerTimeoutMs: 200 } });
    const call = rig.fake.dialIn('+919876500001', '+9118002334455');
    const incoming = await eventOf(rig, 'call.incoming', (e) => e.call.providerCallId === call.sid);
    expect(await eventOf(rig, 'call.hangup', (e) => e.callId === incoming.callId)).toMatchObject({ cause: 'no_answer', by: 'local' });
    await until('Twilio to refuse', () => call.ended);
    expect(call.documents).toEqual(['<?xml version="1.0" encoding="UTF-8"?><Response><Reject reason="busy"/></Response>']);
    expect(call.answeredAtMs).toBeNull();
  });

  it('refuses a ringing call Samvad hangs up, without answering it', async () => {
    await start();
    const call = rig.fake.dialIn('+919876500002', '+9118002334455');
    const incoming = await eventOf(rig, 'call.incoming', (e) => e.call.providerCallId === call.sid);
    await rig.provider.hangup(incoming.callId, 'rejected');
    expect(await eventOf(rig, 'call.hangup', (e) => e.callId === incoming.callId)).toMatchObject({ cause: 'rejected', q850: 21, by: 'local' });
    await until('Twilio to refuse', () => call.ended);
    expect(call.documents).toEqual(['<?xml version="1.0" encoding="UTF-8"?><Response><Reject reason="rejected"/></Response>']);
    expect(call.answeredAtMs).toBeNull();
  });

  it('once stopped, refuses new calls without a word and says it is disconnected', async () => {
    await start();
    await rig.provider.stop();
    expect(rig.provider.status()).toMatchObject({ state: 'disconnected' });
    const call = rig.fake.dialIn('+919876500003', '+9118002334455');
    await until('Twilio to refuse', () => call.ended);
    expect(call.status).toBe('busy');
    expect(rig.events).toEqual([]);
  });
});

describe('Twilio: voice messages', () => {
  async function messageThenHangup(options: TRigOptions) {
    await start(options);
    const { callId, sid } = await answeredInbound(rig);
    await rig.provider.record(callId, { recordingId: 'vm-1', maxSeconds: 60, endKey: '#', beep: true });
    await rig.fake.recordingStarted(sid);
    const record = findAll(lastDocument(rig, sid), 'Record')[0];
    expect(record?.attrs).toMatchObject({ maxLength: '60', finishOnKey: '#', playBeep: 'true' });
    await rig.fake.hangup(sid);
    await eventOf(rig, 'call.hangup', (e) => e.callId === callId, 8000);
    return { callId, sid };
  }

  it('a hang-up mid-message: the action before the status callback reports the message first', async () => {
    const { callId } = await messageThenHangup({});
    const types = typesOf(rig, callId);
    expect(types.slice(-2)).toEqual(['recording.finished', 'call.hangup']);
    expect(rig.events.find((e) => e.type === 'recording.finished' && e.callId === callId)).toMatchObject({ recordingId: 'vm-1', uri: expect.stringMatching(/^https:\/\/api\.twilio\.com\/.+\/Recordings\/RE/) });
  });

  it('the status callback before the action: the hang-up waits for the message, then follows it', async () => {
    const { callId } = await messageThenHangup({ recordActionAfterStatus: true });
    expect(typesOf(rig, callId).slice(-2)).toEqual(['recording.finished', 'call.hangup']);
  });

  it('an action that never comes: the message is reported lost, then the hang-up', async () => {
    await start({ provider: { recordActionGraceMs: 200 } });
    const { callId, sid } = await answeredInbound(rig);
    await rig.provider.record(callId, { recordingId: 'vm-2', maxSeconds: 60, endKey: '#', beep: false });
    await rig.fake.recordingStarted(sid);
    // the caller is gone before Twilio ever posts the action (a lost request)
    rig.fake.get(sid).recording = null;
    await rig.fake.hangup(sid);
    await eventOf(rig, 'call.hangup', (e) => e.callId === callId, 5000);
    expect(typesOf(rig, callId).slice(-2)).toEqual(['recording.failed', 'call.hangup']);
  });
});
