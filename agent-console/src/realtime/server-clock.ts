import { useEffect, useState } from 'react';

/**
 * Offset of the server's clock from this browser's, from a ping: the server answered `serverAt`
 * somewhere between `sentAt` and `receivedAt` (local times), so assume the middle.
 */
export function clockOffset(sentAt: number, serverAt: number, receivedAt: number): number {
  return serverAt - (sentAt + receivedAt) / 2;
}

let offsetMs = 0;

/**
 * The server's time as this tab best knows it. Times in state (`since`, ring deadlines, waits)
 * are server instants: elapsed time is the server's now minus them, so a wrong browser clock or
 * a throttled background tab never shows a wrong figure, only a late one.
 */
export const serverClock = {
  now: (): number => Date.now() + offsetMs,
  calibrate(sentAt: number, serverAt: number, receivedAt: number): void {
    offsetMs = clockOffset(sentAt, serverAt, receivedAt);
  },
};

/**
 * The server's now, re-read every `intervalMs` and whenever the tab becomes visible again
 * (background tabs run timers late; the figure is recomputed, never counted up).
 */
export function useServerNow(intervalMs = 1000): number {
  const [now, setNow] = useState(serverClock.now);
  useEffect(() => {
    const tick = () => setNow(serverClock.now());
    const timer = window.setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [intervalMs]);
  return now;
}
