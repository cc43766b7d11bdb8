import type { THangupCause } from '../port.js';
import type { TConferenceRole, TDocumentPurpose, TInstruction } from './instructions.js';

/** The TwiML document Twilio runs on a leg now, and the step its callbacks carry. */
export interface TRunningDocument {
  step: number;
  purpose: TDocumentPurpose;
  twiml: string;
}

/**
 * One call leg as the Twilio adapter tracks it. Twilio asks for instructions (a webhook) and
 * otherwise runs the last document it was given; the leg remembers which, what Samvad has
 * queued since, and the webhook it is holding open, if any. At most one of `waiting` and
 * `running` is set: a held webhook means the last document has ended.
 */
export class TwilioLeg {
  /** Twilio's CallSid; for an outbound leg, known once Twilio has accepted the call */
  sid: string | null;
  state: 'ringing' | 'answered' | 'ended' = 'ringing';
  readonly queue: TInstruction[] = [];
  running: TRunningDocument | null = null;
  /** the room the leg's last conference instruction put it in (set when sent, before Twilio joins) */
  conference: { room: string; role: TConferenceRole } | null = null;
  /** what this leg says reaches nobody; kept across rooms (a hold ends the bridge's room) */
  muted = false;
  machineReported = false;
  /** set when Samvad ends the call, so that Twilio's final status reads as ours */
  localCause: THangupCause | null = null;
  /** REST requests for this call run one after another, in the order they were decided */
  rest: Promise<unknown> = Promise.resolve();
  private waiting: { respond: (twiml: string) => void; timer: NodeJS.Timeout | null } | null = null;
  /** a hang-up held back until a running <Record>'s action arrives */
  private heldHangup: { report: () => void; timer: NodeJS.Timeout } | null = null;
  private lastStep = 0;

  constructor(
    readonly callId: string,
    readonly direction: 'inbound' | 'outbound',
    readonly from: string,
    readonly to: string,
    sid: string | null,
    /** an agent's endpoint (whisper speaks to it) */
    readonly isAgent: boolean,
  ) {
    this.sid = sid;
  }

  nextStep(): number {
    this.lastStep += 1;
    return this.lastStep;
  }

  /** whether Twilio has been given any document yet (an inbound call rings on Twilio's side until then) */
  get hasRun(): boolean {
    return this.lastStep > 0;
  }

  get isWaiting(): boolean {
    return this.waiting !== null;
  }

  /** holds the current webhook open; it is answered by `respond` or by `onTimeout` after `ms` */
  hold(ms: number, onTimeout: () => void): Promise<string> {
    return new Promise((resolve) => {
      this.waiting = { respond: resolve, timer: null };
      this.rearm(ms, onTimeout);
    });
  }

  /** restarts the held webhook's clock (an answer shortens it) */
  rearm(ms: number, onTimeout: () => void): void {
    if (!this.waiting) return;
    if (this.waiting.timer) clearTimeout(this.waiting.timer);
    this.waiting.timer = setTimeout(onTimeout, ms);
    // a held webhook must never keep the process alive on its own
    this.waiting.timer.unref();
  }

  /** holds back the report of this leg's end; after `ms`, `lost` runs first, then the report */
  holdHangup(ms: number, report: () => void, lost: () => void): void {
    if (this.heldHangup) return;
    const timer = setTimeout(() => {
      this.heldHangup = null;
      lost();
      report();
    }, ms);
    timer.unref();
    this.heldHangup = { report, timer };
  }

  /** the awaited action came: the held-back end is reported now */
  releaseHangup(): void {
    const held = this.heldHangup;
    if (!held) return;
    this.heldHangup = null;
    clearTimeout(held.timer);
    held.report();
  }

  /** answers the held webhook; false if none is held */
  respond(twiml: string): boolean {
    const waiting = this.waiting;
    if (!waiting) return false;
    if (waiting.timer) clearTimeout(waiting.timer);
    this.waiting = null;
    waiting.respond(twiml);
    return true;
  }
}
