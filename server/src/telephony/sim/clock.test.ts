import { describe, expect, it, vi } from 'vitest';
import { RealClock, VirtualClock } from './clock.js';

describe('VirtualClock', () => {
  it('runs due timers in order of due time, then of scheduling, and stops at the target', async () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    clock.setTimeout(() => ran.push('c@30'), 30);
    clock.setTimeout(() => ran.push('a@10'), 10);
    clock.setTimeout(() => ran.push('b@10'), 10);
    clock.setTimeout(() => ran.push('d@31'), 31);
    clock.setTimeout(() => ran.push('zero'), 0);
    await clock.advance(30);
    expect(ran).toEqual(['zero', 'a@10', 'b@10', 'c@30']);
    expect(clock.now()).toBe(30);
    expect(clock.pending()).toBe(1);
    await clock.advance(1);
    expect(ran.at(-1)).toBe('d@31');
  });

  it('each timer sees the clock at its own due time', async () => {
    const clock = new VirtualClock(1000);
    const seen: number[] = [];
    for (const ms of [250, 50, 125]) clock.setTimeout(() => seen.push(clock.now()), ms);
    await clock.advance(10_000);
    expect(seen).toEqual([1050, 1125, 1250]);
    expect(clock.now()).toBe(11_000);
  });

  it('runs timers set while advancing when they fall inside the window, in order', async () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    clock.setTimeout(() => {
      ran.push('first@10');
      clock.setTimeout(() => ran.push('child@15'), 5);
      clock.setTimeout(() => ran.push('child@100'), 90);
    }, 10);
    clock.setTimeout(() => ran.push('second@20'), 20);
    await clock.advance(50);
    expect(ran).toEqual(['first@10', 'child@15', 'second@20']);
    expect(clock.nextDue()).toBe(100);
  });

  it('lets promise reactions to one timer happen before the next timer runs', async () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    clock.setTimeout(() => {
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => ran.push(`reaction@${clock.now()}`));
    }, 10);
    clock.setTimeout(() => ran.push('next@20'), 20);
    await clock.advance(20);
    expect(ran).toEqual(['reaction@10', 'next@20']);
  });

  it('forgets cancelled timers', async () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    const t = clock.setTimeout(() => ran.push('cancelled'), 10);
    clock.setTimeout(() => ran.push('kept'), 10);
    t.cancel();
    t.cancel();
    await clock.advance(10);
    expect(ran).toEqual(['kept']);
    expect(clock.pending()).toBe(0);
  });

  it('refuses to advance twice at once, and runAll stops a timer that re-arms forever', async () => {
    const clock = new VirtualClock(0);
    const again = (): void => void clock.setTimeout(again, 1000);
    again();
    const first = clock.advance(5);
    await expect(clock.advance(5)).rejects.toThrow(/already advancing/);
    await first;
    await expect(clock.runAll(50)).rejects.toThrow(/still busy after 50 timers/);
  });

  it('drives itself when started automatically, jumping to each timer while the process is idle', async () => {
    const clock = new VirtualClock(0);
    const stop = clock.startAuto();
    const done = new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 3_600_000));
    expect(await done).toBe(3_600_000);
    stop();
    let ran = false;
    clock.setTimeout(() => (ran = true), 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(false);
  });
});

describe('RealClock', () => {
  it('runs time faster by its speed, with timers that do not keep the process alive', async () => {
    const clock = new RealClock({ speed: 1000, origin: 0 });
    const started = Date.now();
    const simulated = await new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 20_000));
    // 20 simulated seconds in about 20 real milliseconds
    expect(Date.now() - started).toBeLessThan(1000);
    expect(simulated).toBeGreaterThanOrEqual(19_000);
  });

  it('unrefs its timers', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    try {
      new RealClock().setTimeout(() => undefined, 60_000).cancel();
      const handle: unknown = spy.mock.results[0]?.value;
      expect(handle).toBeDefined();
      expect(typeof handle === 'object' && handle !== null && 'hasRef' in handle && typeof handle.hasRef === 'function' && handle.hasRef()).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it('cancels', async () => {
    const clock = new RealClock();
    let ran = false;
    clock.setTimeout(() => (ran = true), 5).cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ran).toBe(false);
  });
});
