import { Deferred, type FakeTime } from './timing.js';

export interface TGatherRules {
  numDigits: number;
  /** '' means no finish key */
  finishOnKey: string;
  timeoutSec: number;
}

/** Reads <Gather>'s attributes with Twilio's defaults: unlimited digits, '#' finishes, 5 s. */
export function gatherRules(attrs: Record<string, string>): TGatherRules {
  return {
    numDigits: attrs.numDigits ? Number(attrs.numDigits) : Number.POSITIVE_INFINITY,
    finishOnKey: attrs.finishOnKey ?? '#',
    timeoutSec: attrs.timeout ? Number(attrs.timeout) : 5,
  };
}

/**
 * A running <Gather> as Twilio runs it: the first key stops the nested prompts; the finish key
 * ends it (and is not kept); `numDigits` keys end it; otherwise it ends `timeout` seconds after
 * the prompts, or after the last key.
 */
export class FakeGather {
  digits = '';
  finishedOnKey = '';
  readonly firstKey = new Deferred();
  readonly done = new Deferred();
  private cancelTimer: () => void = () => undefined;

  constructor(
    readonly rules: TGatherRules,
    private readonly time: FakeTime,
  ) {}

  key(key: string): void {
    if (this.done.settled) return;
    this.firstKey.resolve();
    if (this.rules.finishOnKey !== '' && key === this.rules.finishOnKey) {
      this.finishedOnKey = key;
      this.finish();
      return;
    }
    this.digits += key;
    if (this.digits.length >= this.rules.numDigits) this.finish();
    else this.arm();
  }

  /** the nested prompts are over (played out or cut by a key): the clock runs */
  promptsEnded(): void {
    if (!this.firstKey.settled) this.arm();
  }

  cancel(): void {
    this.cancelTimer();
  }

  private arm(): void {
    this.cancelTimer();
    this.cancelTimer = this.time.after(this.rules.timeoutSec, () => this.finish());
  }

  private finish(): void {
    this.cancelTimer();
    this.done.resolve();
  }
}
