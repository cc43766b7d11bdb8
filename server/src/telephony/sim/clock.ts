/**
 * Every delay in the simulator goes through a clock, so the same code runs in real time for the
 * demo and in virtual time for tests (fast, and the same seed replays the same day).
 */

/** A scheduled callback that can be cancelled; cancelling twice or after it ran is harmless. */
export interface TSimTimer {
  cancel(): void;
}

export interface TSimClock {
  /** epoch milliseconds */
  now(): number;
  setTimeout(callback: () => void, ms: number): TSimTimer;
}

/**
 * Wall-clock time, optionally sped up (`speed: 60` runs a simulated hour in a real minute).
 * Timers are unref'd: the simulator never keeps a process alive on its own.
 */
export class RealClock implements TSimClock {
  private readonly speed: number;
  private readonly origin: number;
  private readonly realStart = Date.now();

  constructor(options: { speed?: number; origin?: number } = {}) {
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0)) throw new RangeError('clock speed must be positive');
    this.origin = options.origin ?? this.realStart;
  }

  now(): number {
    return this.origin + Math.floor((Date.now() - this.realStart) * this.speed);
  }

  setTimeout(callback: () => void, ms: number): TSimTimer {
    const handle = setTimeout(callback, Math.max(0, ms) / this.speed);
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  }
}

interface TEntry {
  due: number;
  seq: number;
  callback: () => void;
}

/** lets every pending promise callback run: reactions to one timer happen before the next timer */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Time that moves only when told. `advance(ms)` runs the timers that fall due in order of due
 * time, then of scheduling, and lets promise callbacks settle between two timers, so listeners
 * react at the virtual instant of the event that woke them. `startAuto()` instead jumps to the
 * next timer whenever the process is otherwise idle (a discrete-event simulation).
 */
export class VirtualClock implements TSimClock {
  private current: number;
  private seq = 0;
  /** sorted by (due, seq) */
  private readonly queue: TEntry[] = [];
  private advancing = false;
  private auto = false;
  private autoScheduled = false;

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TSimTimer {
    const entry: TEntry = { due: this.current + Math.max(0, ms), seq: this.seq++, callback };
    // entries with the same due time keep scheduling order: insert after every due <= this one
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.queue[mid];
      if (at !== undefined && at.due <= entry.due) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
    this.kick();
    return {
      cancel: () => {
        const index = this.queue.indexOf(entry);
        if (index >= 0) this.queue.splice(index, 1);
      },
    };
  }

  /** timers waiting to run */
  pending(): number {
    return this.queue.length;
  }

  /** due time of the next timer, or null */
  nextDue(): number | null {
    return this.queue[0]?.due ?? null;
  }

  advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError('advance by a non-negative number of milliseconds');
    return this.advanceTo(this.current + ms);
  }

  async advanceTo(target: number): Promise<void> {
    if (this.advancing) throw new Error('the virtual clock is already advancing');
    this.advancing = true;
    try {
      await settle();
      for (;;) {
        const next = this.queue[0];
        if (next === undefined || next.due > target) break;
        this.queue.shift();
        this.current = next.due;
        next.callback();
        await settle();
      }
      this.current = Math.max(this.current, target);
    } finally {
      this.advancing = false;
      this.kick();
    }
  }

  /** runs timers until none is left; a cap stops a timer that always re-arms itself from hanging a test */
  async runAll(maxTimers = 100_000): Promise<void> {
    for (let ran = 0; ; ran++) {
      const due = this.nextDue();
      if (due === null) return;
      if (ran >= maxTimers) throw new Error(`virtual clock still busy after ${maxTimers} timers`);
      await this.advanceTo(due);
    }
  }

  /** drives the clock whenever the process is idle; returns the function that stops it */
  startAuto(): () => void {
    this.auto = true;
    this.kick();
    return () => {
      this.auto = false;
    };
  }

  private kick(): void {
    if (!this.auto || this.autoScheduled || this.advancing || this.queue.length === 0) return;
    this.autoScheduled = true;
    // setImmediate runs after every promise callback and pending I/O: whoever could still act
    // at the current instant has acted before time jumps.
    setImmediate(() => {
      this.autoScheduled = false;
      const due = this.nextDue();
      if (!this.auto || this.advancing || due === null) return;
      this.advanceTo(due).catch((error: unknown) => {
        // a timer callback threw: surface it like an exception in a real timer would be
        queueMicrotask(() => {
          throw error;
        });
      });
    });
  }
}
