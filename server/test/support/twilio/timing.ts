/** A promise with its resolver outside, for "whichever happens first" waits. */
export class Deferred<T = void> {
  readonly promise: Promise<T>;
  private resolver: (value: T) => void = () => undefined;
  private done = false;

  constructor() {
    this.promise = new Promise<T>((resolve) => {
      this.resolver = resolve;
    });
  }

  get settled(): boolean {
    return this.done;
  }

  resolve(value: T): void {
    if (this.done) return;
    this.done = true;
    this.resolver(value);
  }
}

/**
 * The fake Twilio's time: TwiML seconds become `msPerSecond` real milliseconds, so a scenario
 * with a 5 s ring timeout takes a tenth of a second. Every timer is tracked, so closing the
 * fake leaves nothing behind.
 */
export class FakeTime {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(readonly msPerSecond: number) {}

  /** resolves after `seconds` of TwiML time, or as soon as one of `early` resolves */
  sleep(seconds: number, ...early: Promise<unknown>[]): Promise<void> {
    if (this.closed) return new Promise(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (timer) this.timers.delete(timer);
        resolve();
      }, seconds * this.msPerSecond);
      this.timers.add(timer);
    });
    return Promise.race([elapsed, ...early]).then(() => {
      if (timer) {
        clearTimeout(timer);
        this.timers.delete(timer);
      }
    });
  }

  /** runs `fn` after `seconds` of TwiML time; returns a cancel */
  after(seconds: number, fn: () => void): () => void {
    if (this.closed) return () => undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, seconds * this.msPerSecond);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
