import { Invalid } from '../../errors.js';

export type TCollectEnd = 'max_digits' | 'terminator' | 'timeout';

export interface TCollectRules {
  maxDigits: number;
  timeoutMs: number;
  terminator: string | null;
}

const KEY = /^[0-9A-D*#]$/;

export function collectRules(options: { maxDigits: number; timeoutMs: number; terminator?: string }): TCollectRules {
  const { maxDigits, timeoutMs, terminator } = options;
  if (!Number.isInteger(maxDigits) || maxDigits < 1 || maxDigits > 64) throw Invalid('maxDigits must be an integer from 1 to 64');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw Invalid('timeoutMs must be a positive number');
  if (terminator !== undefined && !KEY.test(terminator)) throw Invalid('terminator must be one key: 0-9, A-D, * or #');
  return { maxDigits, timeoutMs, terminator: terminator ?? null };
}

export type TSchedule = (ms: number, fn: () => void) => () => void;

export const realSchedule: TSchedule = (ms, fn) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

/**
 * Digits gathered on one leg from ChannelDtmfReceived: ARI has no "read digits" command. The
 * clock starts once the prompt has ended (a caller is not timed while still being asked) and
 * restarts on every key; the terminator ends collection without being kept.
 */
export class Collector {
  private digits = '';
  private cancelTimer: (() => void) | null = null;
  private done = false;

  constructor(
    readonly requestId: string,
    private readonly rules: TCollectRules,
    /** the prompt's playback id while it plays */
    public promptId: string | null,
    private readonly schedule: TSchedule,
    private readonly finished: (digits: string, reason: TCollectEnd) => void,
  ) {
    if (promptId === null) this.arm();
  }

  get active(): boolean {
    return !this.done;
  }

  get timerArmed(): boolean {
    return this.cancelTimer !== null;
  }

  promptEnded(): void {
    if (this.done || this.promptId === null) return;
    this.promptId = null;
    this.arm();
  }

  key(digit: string): void {
    if (this.done) return;
    if (this.rules.terminator !== null && digit === this.rules.terminator) return this.finish('terminator');
    this.digits += digit;
    if (this.digits.length >= this.rules.maxDigits) return this.finish('max_digits');
    this.arm();
  }

  /** the call is ending or a new collection replaced this one: report nothing */
  cancel(): void {
    this.done = true;
    this.disarm();
  }

  private arm(): void {
    this.disarm();
    this.cancelTimer = this.schedule(this.rules.timeoutMs, () => {
      this.cancelTimer = null;
      this.finish('timeout');
    });
  }

  private disarm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private finish(reason: TCollectEnd): void {
    if (this.done) return;
    this.done = true;
    this.disarm();
    this.finished(this.digits, reason);
  }
}
