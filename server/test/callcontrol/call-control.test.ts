import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TIvrCommand } from '../../src/callcontrol/engine-contract.js';
import { callControlRig, HELPLINE, promptsOf } from './rig.js';
import { ScriptedEngine, say, type TScriptedFlow } from './scripted-engine.js';
import { createSurvey, phoneShared, unknownNumber } from './support.js';

/**
 * Call control carrying out commands on the simulator, with a stand-in interpreter so that
 * each behaviour (order, lookups, failures, queues, transfers, voice messages, the IVR path) is
 * checked on its own. The real flows are exercised end to end in helpline/survey e2e tests.
 */

const trace = (nodeId: string, detail: Record<string, string | number | boolean | null> = {}): TIvrCommand => ({ type: 'trace', nodeId, nodeType: 'test', detail });

/** who is calling, the application number, its status read out, goodbye */
const helpline: TScriptedFlow = {
  id: 'helpline',
  react(event, s) {
    switch (event.type) {
      case 'started':
        return [trace('welcome'), { type: 'lookup', requestId: s.id('r'), name: 'householdByCaller', args: {} }];
      case 'lookup.result':
        if (s.vars.stage === undefined) {
          s.vars.stage = 'ask';
          return [
            trace('ask'),
            { type: 'collect', requestId: s.id('r'), minDigits: 12, maxDigits: 12, timeoutMs: 4000, terminator: '#', prompt: { language: 'en', text: 'Key in your application number.' } },
          ];
        }
        s.vars.stage = 'told';
        if (!event.ok) return [trace('status', { ok: false }), say(s.id('m'), 'Sorry, we cannot look that up now.')];
        return [trace('status', { found: event.value !== null }), say(s.id('m'), event.value === null ? 'No such application.' : `Status: ${statusOf(event.value)}.`)];
      case 'digits':
        if (event.digits === '') return [trace('silence'), say(s.id('m'), 'We did not hear you. Goodbye.')];
        return [trace('digits', { digits: event.digits }), { type: 'lookup', requestId: s.id('r'), name: 'applicationStatus', args: { applicationNo: event.digits } }];
      case 'media.finished':
        return [{ type: 'hangup', reason: 'flow_end' }];
      default:
        return [];
    }
  },
};

function statusOf(value: unknown): string {
  return typeof value === 'object' && value !== null && 'status' in value ? String(value.status) : '?';
}

const queueFlow: TScriptedFlow = {
  id: 'queue',
  react(event, s) {
    if (event.type === 'started') return [{ type: 'enqueue', requestId: s.id('r'), queue: 'general-hi', skills: ['hi'], priority: 0 }];
    if (event.type === 'enqueued') return [trace('queued', { position: event.position, wait: event.expectedWaitSec })];
    return [];
  },
};

const transferFlow: TScriptedFlow = {
  id: 'transfer',
  react: (event) => (event.type === 'started' ? [trace('transfer'), { type: 'transfer', to: '+919700000055' }] : []),
};

const voicemail: TScriptedFlow = {
  id: 'voicemail',
  react(event, s) {
    switch (event.type) {
      case 'started':
        return [{ type: 'record', requestId: s.id('r'), maxSeconds: 60, endKey: '#', beep: true }];
      case 'recording.finished':
        return [{ type: 'lookup', requestId: s.id('r'), name: 'registerVoiceGrievance', args: { recordingUri: event.uri, durationSec: event.durationSec } }];
      case 'lookup.result':
        return [say(s.id('m'), event.ok && typeof event.value === 'object' && event.value !== null && 'docketNo' in event.value ? `Docket ${String(event.value.docketNo)}.` : 'Sorry.')];
      case 'media.finished':
        return [{ type: 'hangup', reason: 'flow_end' }];
      default:
        return [];
    }
  },
};

const survey: TScriptedFlow = {
  id: 'survey',
  react(event, s) {
    switch (event.type) {
      case 'started':
        return [{ type: 'collect', requestId: s.id('r'), minDigits: 1, maxDigits: 1, timeoutMs: 4000, terminator: null, prompt: { language: 'hi', text: 'पहला प्रश्न' } }];
      case 'digits':
        return [{ type: 'lookup', requestId: s.id('r'), name: 'saveSurveyAnswer', args: { questionKey: 'q1', answer: Number(event.digits) } }];
      case 'lookup.result':
        return [{ type: 'hangup', reason: 'flow_end' }];
      default:
        return [];
    }
  },
};

const engine = new ScriptedEngine([helpline, queueFlow, transferFlow, voicemail, survey]);

describe('call control on the simulator', async () => {
  const rig = await callControlRig({ engine, flows: engine });

  it('answers the helpline, carries out commands in order and writes the IVR path in a few batches', async () => {
    const { phone, householdId, residentIds } = await phoneShared(rig.prisma, 1);
    const application = await rig.prisma.serviceApplication.findFirstOrThrow({ where: { status: 'approved' }, orderBy: { id: 'asc' } });
    const writesBefore = rig.path.writes;
    const callId = rig.network.dialIn(phone, HELPLINE, { presses: [{ keys: application.applicationNo, from: 'collect', afterSec: 1 }] });
    const row = await rig.callRow(callId);

    expect(rig.network.heard(callId)).toEqual(['Key in your application number.', 'Status: approved.']);
    expect(engine.seen.get(callId)).toEqual(['started', 'lookup.result ok', `digits ${application.applicationNo} max_digits`, 'lookup.result ok', 'media.finished done']);
    expect(promptsOf(row.ivrPath)).toEqual(['Key in your application number.', 'Status: approved.']);
    expect(row).toMatchObject({ householdId, residentId: residentIds[0] });
    expect(row.answeredAt).not.toBeNull();
    expect(rig.typesOf(callId).at(-1)).toBe('call.hangup');
    // six entries, but not six UPDATEs: the path is batched
    expect(rig.path.writes - writesBefore).toBeLessThanOrEqual(3);
    expect(rig.problems(callId)).toEqual([]);
  });

  it('feeds a failing lookup back to the flow as an error, and the process carries on', async () => {
    const original = rig.lookups.applicationStatus;
    rig.lookups.applicationStatus = async () => {
      throw new Error('connection reset');
    };
    try {
      const callId = rig.network.dialIn(unknownNumber(), HELPLINE, { presses: [{ keys: '123456789012', from: 'collect', afterSec: 1 }] });
      await rig.control.whenFinished(callId);
      expect(rig.network.heard(callId).at(-1)).toBe('Sorry, we cannot look that up now.');
      expect(engine.seen.get(callId)).toContain('lookup.result error');
      expect(rig.problems(callId).map((l) => l.msg)).toEqual(['lookup failed; the flow hears an error']);
    } finally {
      rig.lookups.applicationStatus = original;
    }
  });

  it('lets a lookup in flight finish before the hang-up that arrived meanwhile, and stays quiet about the caller gone', async () => {
    const original = rig.lookups.applicationStatus;
    let callId = '';
    rig.lookups.applicationStatus = async (no) => {
      rig.network.remoteHangup(callId);
      await new Promise((resolve) => setTimeout(resolve, 30));
      return original(no);
    };
    try {
      callId = rig.network.dialIn(unknownNumber(), HELPLINE, { presses: [{ keys: '000000000000', from: 'collect', afterSec: 1 }] });
      const row = await rig.callRow(callId);
      expect(engine.seen.get(callId)?.slice(-2)).toEqual(['lookup.result ok', 'hangup']);
      // the answer was not played to nobody
      expect(rig.network.heard(callId)).toEqual(['Key in your application number.']);
      expect(promptsOf(row.ivrPath)).toEqual(['Key in your application number.']);
      expect(row.hangupCause).toBe('normal');
      expect(rig.problems(callId)).toEqual([]);
    } finally {
      rig.lookups.applicationStatus = original;
    }
  });

  it('a silent caller is told goodbye after the collection times out', async () => {
    const callId = rig.network.dialIn(unknownNumber(), HELPLINE, {});
    await rig.control.whenFinished(callId);
    expect(engine.seen.get(callId)).toContain('digits  timeout');
    expect(rig.network.heard(callId).at(-1)).toBe('We did not hear you. Goodbye.');
  });

  it('hands a caller to the waiting room: music, a place in line, and the ACD takes them out in order', async () => {
    const a = await outboundInFlow(randomUUID(), 'queue');
    const b = await outboundInFlow(randomUUID(), 'queue');
    await until(() => rig.waitingRoom.waiting('general-hi').length === 2);
    expect(rig.waitingRoom.placeOf(a)).toEqual({ position: 1, expectedWaitSec: 180 });
    expect(rig.waitingRoom.placeOf(b)).toEqual({ position: 2, expectedWaitSec: 360 });
    expect(rig.network.leg(a).onHold).toBe(true);

    expect(rig.waitingRoom.take('general-hi')?.callId).toBe(a);
    expect(rig.waitingRoom.placeOf(b)?.position).toBe(1);
    rig.network.remoteHangup(b);
    await rig.control.whenFinished(b);
    expect(rig.waitingRoom.waiting('general-hi')).toEqual([]);
    rig.network.remoteHangup(a);
    const row = await rig.callRow(a);
    expect(row.ivrPath).toEqual([expect.objectContaining({ kind: 'node', nodeId: 'queued', detail: { position: 1, wait: 180 } })]);
  });

  it('transfers by dialling the target and bridging the caller to it', async () => {
    rig.network.scriptNext('+919700000055', { pickup: { kind: 'answer', afterSec: 2 } });
    const leg = await outboundInFlow(randomUUID(), 'transfer');
    await until(() => rig.network.bridges().some((b) => b.legs.includes(leg)));
    const bridged = rig.network.bridges().find((b) => b.legs.includes(leg));
    const target = bridged?.legs.find((l) => l !== leg);
    expect(target && rig.network.leg(target).info.to).toBe('+919700000055');
    rig.network.remoteHangup(leg);
    await rig.control.whenFinished(leg);
    await until(() => target !== undefined && rig.network.leg(target).state === 'ended');
  });

  it('files a voice message as a grievance, even when the caller hangs up while speaking', async () => {
    const phone = unknownNumber();
    const callId = await outboundInFlow(randomUUID(), 'voicemail', phone, { hangupAfterSec: 8 });
    await rig.control.whenFinished(callId);
    const grievance = await rig.prisma.grievance.findFirstOrThrow({ where: { callId } });
    expect(grievance).toMatchObject({ channel: 'ivr_voice', complainantPhone: phone });
    expect(grievance.voiceMessageUri).toMatch(/^sim:recording\//);
    expect(rig.typesOf(callId).slice(-2)).toEqual(['recording.finished', 'call.hangup']);
    expect(rig.problems(callId)).toEqual([]);
  });

  it('runs a flow on an answered outbound call with the variables the dialer gives it', async () => {
    const surveyId = await createSurvey(rig.prisma);
    const callId = await outboundInFlow(randomUUID(), 'survey', unknownNumber(), { presses: [{ keys: '4', from: 'collect', afterSec: 1 }] }, { surveyId });
    await rig.control.whenFinished(callId);
    const answers = await rig.prisma.surveyResponse.findMany({ where: { callId } });
    expect(answers.map((a) => [a.surveyId, a.questionKey, a.answer])).toEqual([[surveyId, 'q1', 4]]);
  });

  it('refuses to run a flow on a call that is not up, or a flow it does not have', async () => {
    await expect(rig.control.runFlow(randomUUID(), 'survey')).rejects.toThrow('Call not found');
    const callId = randomUUID();
    await expect(outboundInFlow(callId, 'no-such-flow')).rejects.toThrow('Flow no-such-flow not found');
    expect(rig.control.active()).not.toContain(callId);
    await rig.telephony.provider.hangup(callId);
  });

  /** an answered outbound call (as the dialer would place) running `flowId` */
  async function outboundInFlow(callId: string, flowId: string, to = unknownNumber(), script = {}, variables = {}): Promise<string> {
    rig.network.scriptNext(to, { pickup: { kind: 'answer', afterSec: 1 }, ...script });
    // as the dialer does: the flow starts on the answer, before virtual time moves on
    const running = new Promise<void>((resolve, reject) => {
      const off = rig.telephony.onEvent((event) => {
        if (event.callId !== callId || event.type !== 'call.answered') return;
        off();
        rig.control.runFlow(callId, flowId, variables).then(resolve, reject);
      });
    });
    await rig.telephony.originate({ callId, to, callerId: '+911600233445', timeoutSec: 20 });
    await running;
    return callId;
  }
});

/** waits (in real time; the virtual clock runs on its own) until a condition holds */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
