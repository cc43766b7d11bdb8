import { describe, expect, it } from 'vitest';
import { ReplayCache } from './replay.js';

describe('ReplayCache', () => {
  it('runs a step once and gives every retry the first answer', async () => {
    const cache = new ReplayCache<string>();
    let runs = 0;
    const handle = async () => `answer ${++runs}`;
    expect(await cache.run('gather:CA1:3', handle)).toBe('answer 1');
    expect(await cache.run('gather:CA1:3', handle)).toBe('answer 1');
    expect(await cache.run('gather:CA1:4', handle)).toBe('answer 2');
    expect(runs).toBe(2);
  });

  it('shares the answer with a retry that arrives while the first request still waits', async () => {
    const cache = new ReplayCache<string>();
    let release: (value: string) => void = () => undefined;
    let runs = 0;
    const handle = () => {
      runs += 1;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const first = cache.run('voice:CA1:start', handle);
    const retry = cache.run('voice:CA1:start', handle);
    release('<Response/>');
    expect(await Promise.all([first, retry])).toEqual(['<Response/>', '<Response/>']);
    expect(runs).toBe(1);
  });

  it('forgets a request that failed, so that its retry is handled afresh', async () => {
    const cache = new ReplayCache<string>();
    await expect(cache.run('k', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(cache.has('k')).toBe(false);
    expect(await cache.run('k', async () => 'ok')).toBe('ok');
  });

  it('keeps the newest keys within its capacity', async () => {
    const cache = new ReplayCache<number>(2);
    for (const key of ['a', 'b', 'c']) await cache.run(key, async () => 1);
    expect([cache.has('a'), cache.has('b'), cache.has('c'), cache.size]).toEqual([false, true, true, 2]);
  });

  it('forgets answers once Twilio can no longer be retrying them', async () => {
    let now = 0;
    const cache = new ReplayCache<number>(100, 60_000, () => now);
    await cache.run('old', async () => 1);
    now = 30_000;
    await cache.run('recent', async () => 2);
    now = 61_000;
    await cache.run('new', async () => 3);
    expect([cache.has('old'), cache.has('recent'), cache.has('new')]).toEqual([false, true, true]);
  });
});
