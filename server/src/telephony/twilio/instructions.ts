import type { THangupCause, TMedia, TSnoopMode } from '../port.js';

/**
 * What Samvad has asked of one call, waiting to be turned into TwiML. Each becomes one TwiML
 * document that ends by asking Twilio to come back (a Redirect, a Gather action or a Dial
 * action), so every document's end is a webhook and every event has a moment to be reported.
 */
export type TInstruction =
  | { kind: 'play'; mediaId: string; media: TMedia; interruptible: boolean }
  | { kind: 'collect'; requestId: string; maxDigits: number; timeoutMs: number; terminator: string | null; prompt: TMedia | null }
  /** a voice message: <Record>, whose action reports it */
  | { kind: 'record'; recordingId: string; maxSeconds: number; endKey: string; beep: boolean }
  | { kind: 'conference'; room: string; role: TConferenceRole; record: boolean; coachSid: string | null; recordingUrl: string | null; muted: boolean }
  /** keys played as tones to the far end: <Play digits> */
  | { kind: 'digits'; digits: string }
  | { kind: 'hangup'; cause: THangupCause };

/** bridge: a two-party call; hold: alone with music; a snoop mode: a supervisor joining a bridge */
export type TConferenceRole = 'bridge' | 'hold' | TSnoopMode;

/** What a document Twilio is running does; `idle` is silence while Samvad has nothing to say. */
export type TDocumentPurpose = TInstruction | { kind: 'idle' };

/**
 * Plays, collections and recordings take their turn: one queued behind a running one waits for it to end.
 * Anything else (a bridge, hold, a snoop, a hang-up) acts at once, replacing what runs.
 */
export function takesTurn(purpose: TDocumentPurpose): boolean {
  return purpose.kind === 'play' || purpose.kind === 'collect' || purpose.kind === 'record' || purpose.kind === 'digits';
}
