import { describe, expect, it } from 'vitest';
import { Collector, collectRules, type TSchedule } from './ari.collect.js';

/** a hand-cranked clock */
function clock() {
  let now = 0;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  const schedule: TSchedule = (ms, fn) => {
    const t = { at: now + ms, fn, live: true };
    timers.push(t);
    return () => (t.live = false);
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers) {
      if (!t.live || t.at > now) continue;
      t.live = false;
      t.fn();
    }
  };
  return { schedule, advance, armed: () => timers.filter((t) => t.live).length };
}

function run(options: { maxDigits: number; timeoutMs: number; terminator?: string }, prompt: string | null = null) {
  const c = clock();
  const results: [string, string][] = [];
  const collector = new Collector('r', collectRules(options), prompt, c.schedule, (d, r) => results.push([d, r]));
  return { c, collector, results };
}

describe('digit collection over DTMF events', () => {
  it('ends on the terminator, which is not kept', () => {
    const { collector, results } = run({ maxDigits: 12, timeoutMs: 5000, terminator: '#' });
    for (const d of '4512#') collector.key(d);
    expect(results).toEqual([['4512', 'terminator']]);
  });

  it('ends at maxDigits', () => {
    const { collector, results } = run({ maxDigits: 2, timeoutMs: 5000 });
    collector.key('1');
    collector.key('2');
    collector.key('3');
    expect(results).toEqual([['12', 'max_digits']]);
  });

  it('times out between keys, and not while the prompt plays', () => {
    const { c, collector, results } = run({ maxDigits: 5, timeoutMs: 1000 }, 'prompt');
    c.advance(5000);
    expect(results).toEqual([]);
    collector.promptEnded();
    c.advance(900);
    collector.key('7');
    c.advance(900);
    expect(results).toEqual([]);
    c.advance(100);
    expect(results).toEqual([['7', 'timeout']]);
  });

  it('says nothing once cancelled, and leaves no timer', () => {
    const { c, collector, results } = run({ maxDigits: 5, timeoutMs: 1000 });
    collector.cancel();
    c.advance(5000);
    expect(results).toEqual([]);
    expect(c.armed()).toBe(0);
  });

  it('refuses bad rules', () => {
    expect(() => collectRules({ maxDigits: 0, timeoutMs: 1 })).toThrow();
    expect(() => collectRules({ maxDigits: 1, timeoutMs: 0 })).toThrow();
    expect(() => collectRules({ maxDigits: 1, timeoutMs: 1, terminator: '##' })).toThrow();
  });
});
