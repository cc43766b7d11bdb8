/** Time as the ACD sees it: the real clock in the server, a virtual one in tests. */
export interface TAcdTimer {
  cancel(): void;
}

export interface TAcdClock {
  /** epoch milliseconds */
  now(): number;
  setTimeout(callback: () => void, ms: number): TAcdTimer;
}

/** wall-clock time; timers never keep the process alive on their own */
export const systemClock: TAcdClock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, ms));
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
