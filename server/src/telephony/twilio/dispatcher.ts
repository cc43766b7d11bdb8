import { AppError, Conflict } from '../../errors.js';
import { Q850_FOR_CAUSE } from '../port.js';
import type { TwilioCalls } from './calls.js';
import { takesTurn, type TDocumentPurpose, type TInstruction } from './instructions.js';
import type { TwilioLeg } from './leg.js';
import { gatherReason } from './mapping.js';
import type { TwilioRest } from './rest.js';
import { renderDocument, renderHangup, renderReject, type TVoices } from './twiml.js';
import type { TwilioUrls } from './urls.js';

export interface TDispatchSettings {
  urls: TwilioUrls;
  voices: TVoices;
  holdMusicUrl: string | null;
  idlePauseSec: number;
  holdMs: number;
  answerGraceMs: number;
  answerTimeoutMs: number;
}

/** How Twilio reports that a document ended: it ran out (Redirect, Dial action) or a Gather posted. */
export type TDocumentEnd = { kind: 'next' } | { kind: 'gather'; digits: string; finishedOnKey: string } | { kind: 'recorded'; url: string; durationSec: number };

/**
 * Turns Samvad's commands into TwiML at the right moment. A webhook Twilio is holding for us
 * carries the next instruction in its answer; otherwise an instruction that must act now
 * replaces what the call runs through the REST API, and a prompt queued behind a running prompt
 * waits for the webhook that ends it. Every document ends by asking Twilio to come back, and
 * that request is when its events (media.finished, call.digits …) are reported.
 */
export class Dispatcher {
  /** legs whose webhook is being handled right now: commands issued meanwhile ride on its answer */
  private readonly asking = new Set<TwilioLeg>();

  constructor(
    private readonly calls: TwilioCalls,
    private readonly rest: TwilioRest,
    private readonly settings: TDispatchSettings,
    private readonly isOpen: () => boolean,
  ) {}

  async enqueue(leg: TwilioLeg, instruction: TInstruction): Promise<void> {
    // a hang-up waiting for its webhook is the leg's last instruction
    if (leg.queue.some((queued) => queued.kind === 'hangup')) {
      if (instruction.kind === 'hangup') return;
      throw Conflict(`call ${leg.callId} is being hung up`);
    }
    // acting now (bridge, hold, snoop, hang-up) makes the prompts still queued moot
    if (!takesTurn(instruction)) this.dropQueued(leg);
    leg.queue.push(instruction);
    await this.deliver(leg);
  }

  /** runs `report` as part of a webhook: commands its listeners issue at once are answered in this webhook */
  whileAsking(leg: TwilioLeg, report: () => void): void {
    this.asking.add(leg);
    try {
      report();
    } finally {
      this.asking.delete(leg);
    }
  }

  /** Twilio asks what to do: the next queued instruction, or a held webhook until there is one */
  next(leg: TwilioLeg): Promise<string> {
    if (leg.state === 'ended') return Promise.resolve(renderHangup());
    const head = leg.queue.shift();
    if (head) return Promise.resolve(this.send(leg, head));
    if (!this.isOpen()) return Promise.resolve(this.document(leg, { kind: 'idle' }));
    if (leg.state === 'ringing') return leg.hold(this.settings.answerTimeoutMs, () => this.unanswered(leg));
    // answered by Samvad but still ringing for the caller: only a short wait for a first prompt
    const firstAnswer = leg.direction === 'inbound' && !leg.hasRun;
    return leg.hold(firstAnswer ? this.settings.answerGraceMs : this.settings.holdMs, () => this.stayIdle(leg));
  }

  /** the document with `step` has ended; its events are reported and the next one is returned */
  documentEnded(leg: TwilioLeg, step: number, end: TDocumentEnd): Promise<string> {
    if (leg.state === 'ended') return Promise.resolve(renderHangup());
    const running = leg.running;
    // a REST update crossed this request: Twilio runs (or is about to run) the current document
    if (!running || running.step !== step) return Promise.resolve(running ? running.twiml : this.document(leg, { kind: 'idle' }));
    leg.running = null;
    if (running.purpose.kind === 'conference') leg.conference = null;
    this.whileAsking(leg, () => this.reportEnd(leg, running.purpose, end));
    return this.next(leg);
  }

  answered(leg: TwilioLeg): void {
    // a prompt issued right after the answer rides on the held webhook; if none comes, silence answers
    leg.rearm(this.settings.answerGraceMs, () => this.stayIdle(leg));
  }

  async stopMedia(leg: TwilioLeg, mediaId: string): Promise<void> {
    const index = leg.queue.findIndex((i) => i.kind === 'play' && i.mediaId === mediaId);
    if (index >= 0) {
      leg.queue.splice(index, 1);
      this.calls.emit(leg, { type: 'media.finished', mediaId, reason: 'stopped' });
      return;
    }
    const running = leg.running?.purpose;
    if (running?.kind !== 'play' || running.mediaId !== mediaId) return;
    try {
      await this.sendByRest(leg, leg.queue.shift() ?? { kind: 'idle' });
    } catch (error) {
      // the call ended meanwhile: there is nothing left to stop
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    }
  }

  /** Samvad hangs up: in the held webhook's answer if there is one, by REST otherwise */
  async hangup(leg: TwilioLeg, instruction: Extract<TInstruction, { kind: 'hangup' }>): Promise<void> {
    leg.localCause = instruction.cause;
    await this.enqueue(leg, instruction);
  }

  /** shutting down: every held webhook is answered at once */
  releaseAll(): void {
    for (const leg of this.calls.list()) {
      if (!leg.isWaiting) continue;
      if (leg.state === 'ringing') this.unanswered(leg);
      else leg.respond(this.document(leg, { kind: 'idle' }));
    }
  }

  private async deliver(leg: TwilioLeg): Promise<void> {
    const head = leg.queue[0];
    if (!head) return;
    if (leg.isWaiting) {
      leg.queue.shift();
      leg.respond(this.send(leg, head));
      return;
    }
    // the webhook being handled, or Twilio's first request for an outbound call, will carry it
    if (this.asking.has(leg)) return;
    if (head.kind === 'hangup') {
      leg.queue.shift();
      await this.endByRest(leg, head);
      return;
    }
    if (!leg.running) return;
    if (takesTurn(head) && takesTurn(leg.running.purpose)) return;
    leg.queue.shift();
    await this.sendByRest(leg, head);
  }

  /** renders a document for a webhook's answer and reports what starts with it */
  private send(leg: TwilioLeg, purpose: TDocumentPurpose): string {
    if (purpose.kind === 'hangup') {
      // an inbound call never answered is refused rather than answered and dropped
      const twiml = leg.state === 'ringing' ? renderReject(purpose.cause === 'busy' ? 'busy' : 'rejected') : renderHangup();
      // answered before the leg ends, which would otherwise answer a held webhook with a plain hang-up
      leg.respond(twiml);
      this.calls.end(leg, { type: 'call.hangup', cause: purpose.cause, q850: Q850_FOR_CAUSE[purpose.cause], by: 'local' });
      return twiml;
    }
    const twiml = this.document(leg, purpose);
    this.started(leg, purpose);
    return twiml;
  }

  /** a new document with the next step becomes the one Twilio runs */
  private document(leg: TwilioLeg, purpose: TDocumentPurpose): string {
    const step = leg.nextStep();
    const { urls, voices, holdMusicUrl, idlePauseSec } = this.settings;
    const twiml = renderDocument(purpose, { urls, voices, holdMusicUrl, idlePauseSec, callId: leg.callId, step });
    leg.running = { step, purpose, twiml };
    leg.conference = purpose.kind === 'conference' ? { room: purpose.room, role: purpose.role } : null;
    return twiml;
  }

  private async sendByRest(leg: TwilioLeg, purpose: TDocumentPurpose): Promise<void> {
    const replaced = leg.running;
    const twiml = this.document(leg, purpose);
    const sent = leg.running;
    const sid = leg.sid;
    let result: 'ok' | 'gone';
    try {
      result = sid ? await this.viaRest(leg, () => this.rest.redirect(sid, twiml)) : 'gone';
    } catch (error) {
      // Twilio could not be asked: the call still runs what it ran
      if (leg.running === sent) leg.running = replaced;
      throw error;
    }
    if (result === 'gone') throw Conflict(`call ${leg.callId} has ended`);
    if (replaced?.purpose.kind === 'play') {
      this.calls.emit(leg, { type: 'media.finished', mediaId: replaced.purpose.mediaId, reason: 'stopped' });
    }
    this.started(leg, purpose);
  }

  private async endByRest(leg: TwilioLeg, instruction: Extract<TInstruction, { kind: 'hangup' }>): Promise<void> {
    // an outbound call still ringing is withdrawn; anything answered is hung up
    const status = leg.state === 'answered' ? 'completed' : 'canceled';
    // queued behind the outbound call's creation, so the CallSid is known by the time this runs
    try {
      await this.viaRest(leg, async () => (leg.sid && leg.state !== 'ended' ? this.rest.end(leg.sid, status) : 'gone'));
    } catch (error) {
      // the call goes on; if it ends later, it was not us
      leg.localCause = null;
      throw error;
    }
    this.calls.end(leg, { type: 'call.hangup', cause: instruction.cause, q850: Q850_FOR_CAUSE[instruction.cause], by: 'local' });
  }

  /** REST requests of one call, one after another in the order they were decided */
  private viaRest<T>(leg: TwilioLeg, request: () => Promise<T>): Promise<T> {
    const run = leg.rest.then(request);
    leg.rest = run.catch(() => undefined);
    return run;
  }

  private started(leg: TwilioLeg, purpose: TDocumentPurpose): void {
    if (purpose.kind === 'play') this.calls.emit(leg, { type: 'media.started', mediaId: purpose.mediaId });
  }

  private reportEnd(leg: TwilioLeg, purpose: TDocumentPurpose, end: TDocumentEnd): void {
    if (purpose.kind === 'play') {
      const keys = end.kind === 'gather' ? end.digits : '';
      this.calls.emit(leg, { type: 'media.finished', mediaId: purpose.mediaId, reason: keys ? 'interrupted' : 'done' });
      for (const digit of keys) this.calls.emit(leg, { type: 'call.dtmf', digit });
    } else if (purpose.kind === 'record') {
      if (end.kind === 'recorded' && end.url !== '') {
        this.calls.emit(leg, { type: 'recording.finished', recordingId: purpose.recordingId, uri: end.url, durationSec: end.durationSec });
      } else {
        this.calls.emit(leg, { type: 'recording.failed', recordingId: purpose.recordingId, reason: 'no audio was recorded' });
      }
    } else if (purpose.kind === 'collect') {
      const digits = end.kind === 'gather' ? end.digits : '';
      const finishedOnKey = end.kind === 'gather' ? end.finishedOnKey : '';
      // Twilio reports the keys once, at the end; each is still told as a key press
      for (const digit of digits + finishedOnKey) this.calls.emit(leg, { type: 'call.dtmf', digit });
      const reason = gatherReason(digits, finishedOnKey, purpose.maxDigits);
      this.calls.emit(leg, { type: 'call.digits', requestId: purpose.requestId, digits, reason });
    }
  }

  private dropQueued(leg: TwilioLeg): void {
    for (const queued of leg.queue.splice(0)) {
      if (queued.kind === 'play') this.calls.emit(leg, { type: 'media.finished', mediaId: queued.mediaId, reason: 'stopped' });
    }
  }

  /** nobody answered an inbound call in time: it is refused */
  private unanswered(leg: TwilioLeg): void {
    leg.respond(renderReject('busy'));
    this.calls.end(leg, { type: 'call.hangup', cause: 'no_answer', q850: Q850_FOR_CAUSE.no_answer, by: 'local' });
  }

  /** nothing to say yet: silence, then Twilio asks again (commands meanwhile go by REST) */
  private stayIdle(leg: TwilioLeg): void {
    if (leg.isWaiting) leg.respond(this.document(leg, { kind: 'idle' }));
  }
}
