/**
 * The call model: one small vocabulary of events and commands that every telephony provider
 * (Asterisk ARI, Twilio, the simulator) is adapted to. Call control, the IVR, the queues and the
 * dialer speak only this; none of them knows which provider carries a call.
 *
 * Ids: `callId` is Samvad's own UUID for one leg, assigned by the adapter when a call appears
 * (inbound) or before it is placed (outbound); the provider's own id travels as `providerCallId`.
 */

export type TProviderName = 'sim' | 'ari' | 'twilio';
export type TLanguage = 'hi' | 'cg' | 'en';

/** Why a call ended, in a vocabulary small enough for reports; the Q.850 code is kept beside it. */
export type THangupCause = 'normal' | 'busy' | 'no_answer' | 'rejected' | 'congestion' | 'failed' | 'unknown';

/** What a caller hears. Recorded files where they exist, generated speech otherwise. */
export type TMedia =
  | { kind: 'speech'; text: string; language: TLanguage }
  /** a provider-native media URI: `sound:...`/`recording:...` on Asterisk, an https URL on Twilio */
  | { kind: 'file'; uri: string }
  | { kind: 'silence'; ms: number };

export interface TCallInfo {
  callId: string;
  providerCallId: string;
  direction: 'inbound' | 'outbound';
  /** E.164 where the number is a phone number */
  from: string;
  to: string;
}

interface TEventBase {
  callId: string;
  /** provider time of the event, ISO 8601 UTC */
  at: string;
}

export type TTelephonyEvent =
  | (TEventBase & { type: 'call.incoming'; call: TCallInfo })
  | (TEventBase & { type: 'call.ringing' })
  | (TEventBase & { type: 'call.answered' })
  /**
   * One key, where the provider sees single keys (Asterisk, the simulator). Twilio hands over
   * keys only at the end of a `<Gather>`, so on Twilio keys arrive as `call.digits` alone: call
   * control and the IVR act on `call.digits` and never depend on `call.dtmf`.
   */
  | (TEventBase & { type: 'call.dtmf'; digit: string })
  | (TEventBase & { type: 'call.digits'; requestId: string; digits: string; reason: 'max_digits' | 'terminator' | 'timeout' })
  | (TEventBase & { type: 'media.started'; mediaId: string })
  | (TEventBase & { type: 'media.finished'; mediaId: string; reason: 'done' | 'interrupted' | 'stopped' })
  | (TEventBase & { type: 'call.bridged'; bridgeId: string; withCallId: string | null })
  | (TEventBase & { type: 'call.unbridged'; bridgeId: string })
  | (TEventBase & { type: 'call.machine'; result: 'machine' | 'human' | 'unknown' })
  | (TEventBase & { type: 'call.failed'; reason: 'busy' | 'no_answer' | 'rejected' | 'congestion'; q850: number | null })
  | (TEventBase & { type: 'call.hangup'; cause: THangupCause; q850: number | null; by: 'remote' | 'local' })
  /**
   * A recording ended: a caller's voice message (`record`, reported on that leg, before its
   * hang-up if the caller hangs up while speaking) or a bridge recording (reported on the party
   * that stayed, or the last to leave).
   */
  | (TEventBase & { type: 'recording.finished'; recordingId: string; uri: string; durationSec: number })
  | (TEventBase & { type: 'recording.failed'; recordingId: string; reason: string });

/** Provider link state, for readiness and for rebuilding state after a reconnect. */
export type TProviderStatus = { state: 'connected' } | { state: 'disconnected'; since: string; attempts: number };

export interface TOriginateRequest {
  /** Samvad's id for the new leg; pre-generated so events can never outrun the caller's bookkeeping */
  callId: string;
  /** E.164 number, or an agent endpoint such as `agent:agent1` */
  to: string;
  callerId: string;
  timeoutSec: number;
  /** run answering-machine detection and report it as `call.machine` */
  detectMachine?: boolean;
  variables?: Record<string, string>;
}

export interface TRecordOptions {
  /** Samvad's id for the recording; `recording.finished` carries it back */
  recordingId: string;
  maxSeconds: number;
  /** the key that ends the message: `#` or `*` */
  endKey: '#' | '*';
  /** a beep before the recording starts */
  beep: boolean;
}

export type TSnoopMode = 'listen' | 'whisper' | 'barge';

export interface TTelephonyProvider {
  readonly name: TProviderName;
  /** connects to the provider; resolves once calls can flow, never rejects on a transient failure */
  start(): Promise<void>;
  /** stops taking new calls and closes the provider link */
  stop(): Promise<void>;
  status(): TProviderStatus;
  /** subscribes to call events; returns the unsubscribe function */
  onEvent(listener: (event: TTelephonyEvent) => void): () => void;

  answer(callId: string): Promise<void>;
  /**
   * Queues media on the call; items play one after another in the order asked (a play never
   * replaces another: stop it first with `stopMedia`). `media.finished` follows each. With
   * `interruptOnDtmf`, a key press stops it and every interruptible item queued behind it.
   */
  play(callId: string, media: TMedia, options?: { interruptOnDtmf?: boolean }): Promise<{ mediaId: string }>;
  stopMedia(callId: string, mediaId: string): Promise<void>;
  /** gathers digits; `call.digits` reports them with why collection ended */
  collect(
    callId: string,
    options: { requestId: string; maxDigits: number; timeoutMs: number; terminator?: string; prompt?: TMedia },
  ): Promise<void>;
  /**
   * records the caller's voice (a voice message): it ends on `endKey`, after `maxSeconds`, or
   * when the caller hangs up; then `recording.finished` (or `recording.failed`) on this leg
   */
  record(callId: string, options: TRecordOptions): Promise<void>;
  originate(request: TOriginateRequest): Promise<void>;
  /** the waiting room: music on hold until the call is bridged or hung up */
  hold(callId: string): Promise<void>;
  /**
   * mutes (or unmutes) what this leg sends into its bridge: the others hear silence from it,
   * not music; the leg itself still hears them
   */
  mute(callId: string, muted: boolean): Promise<void>;
  /** plays keys as tones on the call, towards its far end (a department's IVR, an extension) */
  sendDtmf(callId: string, digits: string): Promise<void>;
  /** joins two answered calls; returns the bridge id that `call.bridged` carries */
  bridge(callA: string, callB: string, options?: { record?: boolean }): Promise<{ bridgeId: string }>;
  /** a supervisor's leg joins a call: listen (hears both), whisper (the agent hears them), barge (all hear all) */
  snoop(targetCallId: string, supervisorCallId: string, mode: TSnoopMode): Promise<void>;
  hangup(callId: string, cause?: THangupCause): Promise<void>;
}

/** keys a leg can send: digits, star and hash, up to 32 at a time */
export const DTMF_DIGITS = /^[0-9*#]{1,32}$/;

/** Q.850 cause codes the adapters meet, mapped to the small vocabulary. */
export function causeFromQ850(code: number | null | undefined): THangupCause {
  switch (code) {
    case 16:
    case 31:
      return 'normal';
    case 17:
      return 'busy';
    case 18:
    case 19:
      return 'no_answer';
    case 21:
      return 'rejected';
    case 34:
    case 41:
    case 42:
      return 'congestion';
    case 1:
    case 3:
    case 27:
    case 28:
    case 38:
      return 'failed';
    default:
      return 'unknown';
  }
}

/** The Q.850 code an adapter sends when Samvad hangs up with a cause. */
export const Q850_FOR_CAUSE: Record<THangupCause, number> = {
  normal: 16,
  busy: 17,
  no_answer: 19,
  rejected: 21,
  congestion: 34,
  failed: 41,
  unknown: 31,
};
