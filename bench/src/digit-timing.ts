import { performance } from 'node:perf_hooks';
import type {
  THangupCause,
  TMedia,
  TOriginateRequest,
  TProviderStatus,
  TRecordOptions,
  TSnoopMode,
  TTelephonyEvent,
  TTelephonyProvider,
} from '../../server/src/telephony/port.js';

/** One caller's completed keys and the server's answer to them. */
export interface TDigitSample {
  callId: string;
  digits: string;
  reason: 'max_digits' | 'terminator' | 'timeout';
  /** the first provider command on the call after the digits entered the server */
  command: string;
  ms: number;
}

/**
 * A telephony provider that passes everything through and times, per call, how long the server
 * takes from a `call.digits` event entering it to the next command it issues on that call (a
 * prompt, the next collection, a hang-up …). Everything the server does in between counts:
 * the interpreter, database lookups, the IVR path, waiting behind other calls' work.
 *
 * The digits are stamped by a listener subscribed before anyone else, so the stamp is taken
 * the moment the provider delivers the event, ahead of the server's own handling.
 */
export class DigitTimedProvider implements TTelephonyProvider {
  readonly name: TTelephonyProvider['name'];
  readonly samples: TDigitSample[] = [];
  /** digits the server never answered with a command because the call ended first */
  unanswered = 0;
  /** digits that arrived while earlier digits on the same call were still unanswered */
  overlapped = 0;
  private readonly pending = new Map<string, { at: number; digits: string; reason: TDigitSample['reason'] }>();

  constructor(
    private readonly inner: TTelephonyProvider,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.name = inner.name;
    inner.onEvent((event) => this.entering(event));
  }

  /** digits still waiting for the server's answer */
  waiting(): number {
    return this.pending.size;
  }

  private entering(event: TTelephonyEvent): void {
    if (event.type === 'call.digits') {
      if (this.pending.has(event.callId)) this.overlapped += 1;
      this.pending.set(event.callId, { at: this.now(), digits: event.digits, reason: event.reason });
    } else if ((event.type === 'call.hangup' || event.type === 'call.failed') && this.pending.delete(event.callId)) {
      this.unanswered += 1;
    }
  }

  private issued(callId: string, command: string): void {
    const digits = this.pending.get(callId);
    if (!digits) return;
    this.pending.delete(callId);
    this.samples.push({ callId, digits: digits.digits, reason: digits.reason, command, ms: this.now() - digits.at });
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  status(): TProviderStatus {
    return this.inner.status();
  }

  onEvent(listener: (event: TTelephonyEvent) => void): () => void {
    return this.inner.onEvent(listener);
  }

  answer(callId: string): Promise<void> {
    this.issued(callId, 'answer');
    return this.inner.answer(callId);
  }

  play(callId: string, media: TMedia, options?: { interruptOnDtmf?: boolean }): Promise<{ mediaId: string }> {
    this.issued(callId, 'play');
    return this.inner.play(callId, media, options);
  }

  stopMedia(callId: string, mediaId: string): Promise<void> {
    this.issued(callId, 'stopMedia');
    return this.inner.stopMedia(callId, mediaId);
  }

  collect(callId: string, options: { requestId: string; maxDigits: number; timeoutMs: number; terminator?: string; prompt?: TMedia }): Promise<void> {
    this.issued(callId, 'collect');
    return this.inner.collect(callId, options);
  }

  record(callId: string, options: TRecordOptions): Promise<void> {
    this.issued(callId, 'record');
    return this.inner.record(callId, options);
  }

  originate(request: TOriginateRequest): Promise<void> {
    return this.inner.originate(request);
  }

  hold(callId: string): Promise<void> {
    this.issued(callId, 'hold');
    return this.inner.hold(callId);
  }

  /** an agent's action, not the IVR answering keys: not timed */
  mute(callId: string, muted: boolean): Promise<void> {
    return this.inner.mute(callId, muted);
  }

  sendDtmf(callId: string, digits: string): Promise<void> {
    return this.inner.sendDtmf(callId, digits);
  }

  bridge(callA: string, callB: string, options?: { record?: boolean }): Promise<{ bridgeId: string }> {
    this.issued(callA, 'bridge');
    this.issued(callB, 'bridge');
    return this.inner.bridge(callA, callB, options);
  }

  snoop(targetCallId: string, supervisorCallId: string, mode: TSnoopMode): Promise<void> {
    this.issued(supervisorCallId, 'snoop');
    return this.inner.snoop(targetCallId, supervisorCallId, mode);
  }

  hangup(callId: string, cause?: THangupCause): Promise<void> {
    this.issued(callId, 'hangup');
    return this.inner.hangup(callId, cause);
  }
}
