import { randomUUID } from 'node:crypto';
import { Q850_FOR_CAUSE, type THangupCause } from '../port.js';
import type { TwilioCalls } from './calls.js';
import type { Dispatcher } from './dispatcher.js';
import { TwilioLeg } from './leg.js';
import { isAgentAddress, machineResult, outcomeOfStatus, samvadAddress, type TStatusOutcome } from './mapping.js';
import type { ReplayCache } from './replay.js';
import type { TCallForm, TConferenceForm, TGatherForm, TRecordForm, TRecordingForm, TStatusForm } from './schemas.js';
import { renderHangup, renderReject } from './twiml.js';

/** Twilio's RFC 2822 timestamp as ISO 8601, when it sent one we can read. */
function timeOf(timestamp: string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * What each of Twilio's (already verified and parsed) webhooks means for the calls. Every
 * handler runs at most once per step: a retried webhook gets the first answer from the replay
 * cache and changes nothing.
 */
export class TwilioWebhooks {
  constructor(
    private readonly calls: TwilioCalls,
    private readonly dispatcher: Dispatcher,
    private readonly replay: ReplayCache<string>,
    private readonly isOpen: () => boolean,
    /** how long a hang-up waits for the action of a <Record> that was running */
    private readonly recordActionGraceMs: number,
  ) {}

  /** a new inbound call (no callId), an outbound call answered (callId), or a document's end (callId + step) */
  voice(form: TCallForm, query: { callId?: string; step?: number }): Promise<string> {
    const { callId, step } = query;
    if (!callId) return this.replay.run(`voice:${form.CallSid}:start`, async () => this.incoming(form));
    if (step === undefined) return this.replay.run(`voice:${form.CallSid}:answered`, async () => this.outboundAnswered(callId, form));
    return this.replay.run(`voice:${form.CallSid}:${step}`, async () => {
      const leg = this.legOf(callId, form.CallSid);
      return leg ? this.dispatcher.documentEnded(leg, step, { kind: 'next' }) : renderHangup();
    });
  }

  gather(form: TGatherForm, query: { callId: string; step: number }): Promise<string> {
    return this.replay.run(`gather:${form.CallSid}:${query.step}`, async () => {
      const leg = this.legOf(query.callId, form.CallSid);
      if (!leg) return renderHangup();
      return this.dispatcher.documentEnded(leg, query.step, { kind: 'gather', digits: form.Digits, finishedOnKey: form.FinishedOnKey });
    });
  }

  /** <Record>'s action: the voice message is reported, then a hang-up that waited for it */
  record(form: TRecordForm, query: { callId: string; step: number }): Promise<string> {
    return this.replay.run(`record:${form.CallSid}:${query.step}`, async () => {
      const leg = this.legOf(query.callId, form.CallSid);
      if (!leg) return renderHangup();
      const answer = this.dispatcher.documentEnded(leg, query.step, { kind: 'recorded', url: form.RecordingUrl, durationSec: form.RecordingDuration });
      leg.releaseHangup();
      return answer;
    });
  }

  async status(form: TStatusForm, query: { callId?: string }): Promise<void> {
    const key = `status:${form.CallSid}:${form.CallStatus}:${form.SequenceNumber ?? ''}`;
    await this.replay.run(key, async () => {
      // an outbound call's callback names our id; an inbound one comes from the number's configuration
      const leg = (query.callId ? this.legOf(query.callId, form.CallSid) : undefined) ?? this.calls.findBySid(form.CallSid);
      if (leg) this.statusChanged(leg, form, timeOf(form.Timestamp));
      return '';
    });
  }

  async conference(form: TConferenceForm): Promise<void> {
    const key = `conference:${form.ConferenceSid}:${form.StatusCallbackEvent}:${form.CallSid ?? ''}:${form.SequenceNumber ?? ''}`;
    await this.replay.run(key, async () => {
      this.roomChanged(form, timeOf(form.Timestamp));
      return '';
    });
  }

  async recording(form: TRecordingForm, query: { bridgeId: string; callA: string; callB: string }): Promise<void> {
    await this.replay.run(`recording:${form.RecordingSid}:${form.RecordingStatus}`, async () => {
      if (form.RecordingStatus !== 'completed') return '';
      // told on a leg of the bridge still up; with both gone there is no call left to tell
      const leg = this.calls.find(query.callA) ?? this.calls.find(query.callB);
      if (leg) {
        this.calls.emit(leg, { type: 'recording.finished', recordingId: form.RecordingSid, uri: form.RecordingUrl, durationSec: form.RecordingDuration });
      }
      return '';
    });
  }

  private incoming(form: TCallForm): Promise<string> {
    if (!this.isOpen()) return Promise.resolve(renderReject('busy'));
    // a retry the replay cache no longer remembers: the call is known, and runs what it was given
    const known = this.calls.findBySid(form.CallSid);
    if (known) return Promise.resolve(known.running?.twiml ?? renderHangup());
    const from = samvadAddress(form.From);
    const leg = new TwilioLeg(randomUUID(), 'inbound', from, samvadAddress(form.To), form.CallSid, isAgentAddress(from));
    this.calls.add(leg);
    this.dispatcher.whileAsking(leg, () =>
      this.calls.emit(leg, {
        type: 'call.incoming',
        call: { callId: leg.callId, providerCallId: form.CallSid, direction: 'inbound', from: leg.from, to: leg.to },
      }),
    );
    return this.dispatcher.next(leg);
  }

  private outboundAnswered(callId: string, form: TCallForm): Promise<string> {
    const leg = this.legOf(callId, form.CallSid);
    if (!leg) return Promise.resolve(renderHangup());
    this.dispatcher.whileAsking(leg, () => {
      this.markAnswered(leg);
      this.reportMachine(leg, form.AnsweredBy);
    });
    return this.dispatcher.next(leg);
  }

  /** our leg for a callback naming our id, provided Twilio's CallSid agrees */
  private legOf(callId: string, sid: string): TwilioLeg | undefined {
    const leg = this.calls.find(callId);
    if (!leg) return undefined;
    if (!leg.sid) this.calls.learnSid(leg, sid);
    return leg.sid === sid ? leg : undefined;
  }

  private markAnswered(leg: TwilioLeg, at?: string): void {
    if (leg.state !== 'ringing') return;
    leg.state = 'answered';
    this.calls.emit(leg, { type: 'call.answered' }, at);
  }

  private reportMachine(leg: TwilioLeg, answeredBy: string | undefined, at?: string): void {
    const result = machineResult(answeredBy);
    if (result === null || leg.machineReported) return;
    leg.machineReported = true;
    this.calls.emit(leg, { type: 'call.machine', result }, at);
  }

  private statusChanged(leg: TwilioLeg, form: TStatusForm, at: string | undefined): void {
    const outcome = outcomeOfStatus(form.CallStatus, form.SipResponseCode);
    switch (outcome.kind) {
      case 'progress':
        return;
      case 'ringing':
        if (leg.direction === 'outbound' && leg.state === 'ringing') this.calls.emit(leg, { type: 'call.ringing' }, at);
        return;
      case 'answered':
        // an inbound call is answered by Samvad, never by a status callback
        if (leg.direction === 'outbound') this.markAnswered(leg, at);
        this.reportMachine(leg, form.AnsweredBy, at);
        return;
      default:
        this.reportMachine(leg, form.AnsweredBy, at);
        this.ended(leg, outcome, at);
    }
  }

  /**
   * The call is over on Twilio's side. A caller who hangs up mid-message has still left it, and
   * Twilio posts <Record>'s action for it, but possibly after this status callback: the hang-up
   * waits for the action (bounded), so the message is reported first, as on every provider.
   */
  private ended(leg: TwilioLeg, outcome: Exclude<TStatusOutcome, { kind: 'progress' | 'ringing' | 'answered' }>, at: string | undefined): void {
    const running = leg.running?.purpose;
    if (running?.kind === 'record' && leg.state === 'answered') {
      leg.holdHangup(this.recordActionGraceMs, () => this.reportEnd(leg, outcome, at), () =>
        this.calls.emit(leg, { type: 'recording.failed', recordingId: running.recordingId, reason: 'Twilio did not report the message' }),
      );
      return;
    }
    this.reportEnd(leg, outcome, at);
  }

  private reportEnd(leg: TwilioLeg, outcome: Exclude<TStatusOutcome, { kind: 'progress' | 'ringing' | 'answered' }>, at: string | undefined): void {
    if (leg.localCause) {
      const cause: THangupCause = leg.localCause;
      this.calls.end(leg, { type: 'call.hangup', cause, q850: Q850_FOR_CAUSE[cause], by: 'local' }, at);
    } else if (leg.direction === 'outbound' && leg.state === 'ringing' && outcome.kind !== 'completed') {
      // never answered: the dial failed (a cancel we did not ask for reads as nobody answering)
      const failed = outcome.kind === 'failed' ? outcome : { reason: 'no_answer' as const, q850: Q850_FOR_CAUSE.no_answer };
      this.calls.end(leg, { type: 'call.failed', reason: failed.reason, q850: failed.q850 }, at);
    } else {
      const { cause, q850 } =
        outcome.kind === 'completed' ? outcome : outcome.kind === 'failed' ? { cause: outcome.reason, q850: outcome.q850 } : { cause: 'normal' as const, q850: 16 };
      this.calls.end(leg, { type: 'call.hangup', cause, q850, by: 'remote' }, at);
    }
  }

  /** joins and leaves of a bridge's two legs; supervisors and waiting rooms say nothing */
  private roomChanged(form: TConferenceForm, at: string | undefined): void {
    const bridge = this.calls.bridges.get(form.FriendlyName);
    if (!bridge) return;
    bridge.conferenceSid ??= form.ConferenceSid;
    if (form.StatusCallbackEvent === 'conference-end') {
      // leaves can arrive after the end, or not at all: whoever is still in is out now
      for (const callId of bridge.joined) {
        const leg = this.calls.find(callId);
        if (leg) this.calls.emit(leg, { type: 'call.unbridged', bridgeId: bridge.bridgeId }, at);
      }
      this.calls.bridges.delete(bridge.bridgeId);
      return;
    }
    const leg = form.CallSid ? this.calls.findBySid(form.CallSid) : undefined;
    if (!leg || !bridge.legs.includes(leg.callId)) return;
    if (form.StatusCallbackEvent === 'participant-join' && !bridge.joined.has(leg.callId)) {
      bridge.joined.add(leg.callId);
      const withCallId = bridge.legs.find((id) => id !== leg.callId) ?? null;
      this.calls.emit(leg, { type: 'call.bridged', bridgeId: bridge.bridgeId, withCallId }, at);
    } else if (form.StatusCallbackEvent === 'participant-leave' && bridge.joined.delete(leg.callId)) {
      this.calls.emit(leg, { type: 'call.unbridged', bridgeId: bridge.bridgeId }, at);
    }
  }
}
