import type { TCitizenScript, TPress } from './script.js';

/** what a far end can do on its leg */
export interface TPartyActions {
  now(): number;
  /** a delay that dies with the leg */
  schedule(ms: number, fn: () => void): void;
  /** presses keys one after another; `done` runs after the last key or when the leg ends */
  press(keys: string, gapMs: number, done: () => void): void;
  hangup(): void;
}

/**
 * Plays a far end's script on its leg: presses keys at their moments and hangs up when told.
 * Presses run one after another; one anchored on a prompt or a collection waits for the next
 * such moment after the previous press has finished.
 */
export class ScriptedParty {
  private next = 0;
  private waitingFor: 'prompt' | 'collect' | 'record' | null = null;
  private answeredAt: number | null = null;

  constructor(
    readonly script: TCitizenScript,
    private readonly act: TPartyActions,
    private readonly keyGapMs: number,
  ) {}

  /** the call was placed (inbound) */
  dialled(): void {
    const { abandonAfterSec } = this.script;
    if (abandonAfterSec === undefined) return;
    this.act.schedule(abandonAfterSec * 1000, () => {
      if (this.answeredAt === null) this.act.hangup();
    });
  }

  answered(): void {
    this.answeredAt = this.act.now();
    const { hangupAfterSec } = this.script;
    if (hangupAfterSec !== undefined) this.act.schedule(hangupAfterSec * 1000, () => this.act.hangup());
    this.arm();
  }

  /** something the far end notices: a prompt starting, Samvad starting to collect digits or to record */
  noticed(moment: 'prompt' | 'collect' | 'record'): void {
    if (this.waitingFor !== moment) return;
    const press = this.script.presses[this.next];
    if (!press) return;
    this.waitingFor = null;
    this.act.schedule(press.afterSec * 1000, () => this.fire(press));
  }

  private arm(): void {
    const press = this.script.presses[this.next];
    if (!press || this.answeredAt === null) return;
    if (press.from === 'answer') {
      const delay = Math.max(0, this.answeredAt + press.afterSec * 1000 - this.act.now());
      this.act.schedule(delay, () => this.fire(press));
    } else {
      this.waitingFor = press.from;
    }
  }

  private fire(press: TPress): void {
    this.act.press(press.keys, press.gapMs ?? this.keyGapMs, () => {
      this.next += 1;
      this.arm();
    });
  }
}
