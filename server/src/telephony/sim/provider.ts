import { Conflict, Invalid } from '../../errors.js';
import {
  DTMF_DIGITS,
  type THangupCause,
  type TMedia,
  type TOriginateRequest,
  type TProviderStatus,
  type TRecordOptions,
  type TSnoopMode,
  type TTelephonyEvent,
  type TTelephonyProvider,
} from '../port.js';
import { collectRules } from './collect.js';
import { answerLeg, localHangup, playOn, startCollect } from './legs.js';
import type { SimulatedNetwork } from './network.js';
import { startVoiceMessage } from './voice-message.js';

/**
 * Samvad's side of the simulated network: the same provider interface as Asterisk and Twilio.
 * Commands act at once on the network; their events follow after the command returns. While
 * the link is down every command is refused with an `unavailable` error.
 */
export class SimProvider implements TTelephonyProvider {
  readonly name = 'sim' as const;

  constructor(readonly network: SimulatedNetwork) {}

  private get core() {
    return this.network.core;
  }

  async start(): Promise<void> {
    this.core.link.start();
  }

  async stop(): Promise<void> {
    this.core.link.stop();
  }

  status(): TProviderStatus {
    return this.core.link.status();
  }

  onEvent(listener: (event: TTelephonyEvent) => void): () => void {
    return this.core.link.onEvent(listener);
  }

  async answer(callId: string): Promise<void> {
    this.core.link.require('answer');
    const leg = this.core.live(callId);
    if (leg.info.direction !== 'inbound') throw Invalid('an outbound call is answered by the far end');
    answerLeg(this.core, leg);
  }

  async play(callId: string, media: TMedia, options: { interruptOnDtmf?: boolean } = {}): Promise<{ mediaId: string }> {
    this.core.link.require('play');
    const leg = this.core.answered(callId);
    return { mediaId: playOn(this.core, leg, media, options.interruptOnDtmf ?? false) };
  }

  async stopMedia(callId: string, mediaId: string): Promise<void> {
    this.core.link.require('stopMedia');
    const leg = this.core.get(callId);
    // media that already finished, or a call already gone, is nothing to stop
    if (leg.state === 'ended' || !leg.playlist.stop(mediaId)) return;
    leg.playlist.startNext();
  }

  async collect(
    callId: string,
    options: { requestId: string; maxDigits: number; timeoutMs: number; terminator?: string; prompt?: TMedia },
  ): Promise<void> {
    this.core.link.require('collect');
    const rules = collectRules(options);
    const leg = this.core.answered(callId);
    if (leg.collector) throw Conflict(`call ${callId} is already collecting digits (${leg.collector.requestId})`);
    startCollect(this.core, leg, options.requestId, rules, options.prompt);
  }

  async record(callId: string, options: TRecordOptions): Promise<void> {
    this.core.link.require('record');
    const leg = this.core.answered(callId);
    if (!Number.isFinite(options.maxSeconds) || options.maxSeconds <= 0) throw Invalid('maxSeconds must be a positive number');
    if (leg.recording) throw Conflict(`call ${callId} is already recording a message (${leg.recording.recordingId})`);
    startVoiceMessage(this.core, leg, options);
  }

  async originate(request: TOriginateRequest): Promise<void> {
    this.core.link.require('originate');
    this.network.originate(request);
  }

  async hold(callId: string): Promise<void> {
    this.core.link.require('hold');
    this.core.answered(callId).onHold = true;
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    this.core.link.require('mute');
    const leg = this.core.answered(callId);
    if (leg.muted === muted) return;
    leg.muted = muted;
    leg.controls.push({ at: this.core.iso(), kind: 'mute', muted });
  }

  async sendDtmf(callId: string, digits: string): Promise<void> {
    this.core.link.require('sendDtmf');
    if (!DTMF_DIGITS.test(digits)) throw Invalid('digits are 1 to 32 of 0-9, * and #', [{ field: 'digits', message: 'must be 1 to 32 of 0-9, * and #' }]);
    const leg = this.core.answered(callId);
    leg.controls.push({ at: this.core.iso(), kind: 'dtmf', digits });
  }

  async bridge(callA: string, callB: string, options: { record?: boolean } = {}): Promise<{ bridgeId: string }> {
    this.core.link.require('bridge');
    const a = this.core.answered(callA);
    const b = this.core.answered(callB);
    return { bridgeId: this.network.audio.bridge(a, b, options.record ?? false) };
  }

  async snoop(targetCallId: string, supervisorCallId: string, mode: TSnoopMode): Promise<void> {
    this.core.link.require('snoop');
    const target = this.core.answered(targetCallId);
    const supervisor = this.core.answered(supervisorCallId);
    this.network.audio.snoop(target, supervisor, mode);
  }

  async hangup(callId: string, cause: THangupCause = 'normal'): Promise<void> {
    this.core.link.require('hangup');
    // hanging up a call that has just ended on its own is a race, not a mistake
    localHangup(this.core, this.core.get(callId), cause);
  }
}
