import { Invalid } from '../../errors.js';
import type { TSimTimer } from './clock.js';

export type TCollectEnd = 'max_digits' | 'terminator' | 'timeout';

export interface TCollectRules {
  maxDigits: number;
  /** inter-digit timeout, and the first-digit timeout counted from the end of the prompt */
  timeoutMs: number;
  terminator: string | null;
}

const KEY = /^[0-9*#]$/;

/** checks a collect request the way a provider would refuse it */
export function collectRules(options: { maxDigits: number; timeoutMs: number; terminator?: string }): TCollectRules {
  const { maxDigits, timeoutMs, terminator } = options;
  if (!Number.isInteger(maxDigits) || maxDigits < 1 || maxDigits > 64) throw Invalid('maxDigits must be an integer from 1 to 64');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw Invalid('timeoutMs must be a positive number');
  if (terminator !== undefined && !KEY.test(terminator)) throw Invalid('terminator must be one key: 0-9, * or #');
  return { maxDigits, timeoutMs, terminator: terminator ?? null };
}

/**
 * One key press against a collection: the terminator ends it without being kept; any other key
 * is kept and ends it once `maxDigits` are in.
 */
export function collectKey(rules: TCollectRules, digits: string, key: string): { digits: string; end: 'max_digits' | 'terminator' | null } {
  if (rules.terminator !== null && key === rules.terminator) return { digits, end: 'terminator' };
  const next = digits + key;
  return { digits: next, end: next.length >= rules.maxDigits ? 'max_digits' : null };
}

interface TCollectorHooks {
  schedule(ms: number, fn: () => void): TSimTimer;
  finished(requestId: string, digits: string, reason: TCollectEnd): void;
}

/**
 * A running collection on one leg. The clock starts when its prompt has finished (a caller is
 * not timed while still being asked) and restarts on every key.
 */
export class Collector {
  private digits = '';
  private timer: TSimTimer | null = null;
  private done = false;

  constructor(
    readonly requestId: string,
    private readonly rules: TCollectRules,
    /** the prompt's media id while it plays, null once it has finished or if there is none */
    public promptMediaId: string | null,
    private readonly hooks: TCollectorHooks,
  ) {
    if (promptMediaId === null) this.arm();
  }

  /** the prompt ended (played out, interrupted or stopped) */
  promptEnded(): void {
    this.promptMediaId = null;
    this.arm();
  }

  key(key: string): void {
    if (this.done) return;
    const step = collectKey(this.rules, this.digits, key);
    this.digits = step.digits;
    if (step.end) this.finish(step.end);
    else this.arm();
  }

  /** the call ended: a collection says nothing after its call's hang-up */
  cancel(): void {
    this.done = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private arm(): void {
    if (this.done) return;
    this.timer?.cancel();
    this.timer = this.hooks.schedule(this.rules.timeoutMs, () => this.finish('timeout'));
  }

  private finish(reason: TCollectEnd): void {
    this.cancel();
    this.hooks.finished(this.requestId, this.digits, reason);
  }
}
