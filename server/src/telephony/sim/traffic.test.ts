import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { SimulatedNetwork } from './network.js';
import { inboundCaller, outboundCitizen } from './personas.js';
import { SimRandom } from './random.js';
import { ZCitizenScript } from './script.js';
import { callsPerMinute, dailyShape, minuteOfDayInIndia, nextArrival, pickCaller } from './traffic-curve.js';
import { TrafficGenerator } from './traffic.js';

/** an instant at this time of day in India on 12 March 2026 (IST is UTC+5:30) */
const ist = (hhmm: string): number => Date.parse(`2026-03-12T${hhmm}:00+05:30`);

describe('the daily curve', () => {
  it('reads the time of day in India', () => {
    expect(minuteOfDayInIndia(Date.parse('2026-03-12T06:00:00Z'))).toBe(11 * 60 + 30);
    expect(minuteOfDayInIndia(Date.parse('2026-03-12T18:45:30Z'))).toBe(15.5);
  });

  it('is quiet at night, peaks late morning and early evening, dips after lunch', () => {
    const at = (hhmm: string) => callsPerMinute(ist(hhmm), 10);
    expect(at('03:00')).toBeLessThan(0.3);
    expect(at('11:30')).toBeCloseTo(10, 1);
    expect(at('18:30')).toBeGreaterThan(7);
    expect(at('15:00')).toBeLessThan(at('11:30') / 2);
    expect(at('15:00')).toBeGreaterThan(at('03:00'));
    expect(at('18:30')).toBeGreaterThan(at('15:00'));
    expect(at('23:30')).toBeLessThan(at('20:00'));
  });

  it('stays within (0, 1] and has its two maxima where it should', () => {
    const shape = Array.from({ length: 1440 }, (_, m) => dailyShape(m));
    expect(Math.min(...shape)).toBeGreaterThan(0);
    expect(Math.max(...shape)).toBe(1);
    const localMaxima = shape.flatMap((v, m) => (v > (shape[(m + 1439) % 1440] ?? 0) && v >= (shape[(m + 1) % 1440] ?? 0) ? [m] : []));
    expect(localMaxima.map((m) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`)).toEqual(['11:30', '18:30']);
  });
});

describe('arrivals', () => {
  it('are strictly later, and the same draws give the same arrivals', () => {
    const run = (seed: number) => {
      const random = new SimRandom(seed, 'arrivals');
      const times: number[] = [];
      let t = ist('10:00');
      for (let i = 0; i < 50; i++) {
        const next = nextArrival(t, 2, random);
        if (next === null) throw new Error('no arrival');
        expect(next).toBeGreaterThan(t);
        times.push(next);
        t = next;
      }
      return times;
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('over a day, follow the curve hour by hour', () => {
    const random = new SimRandom(11, 'arrivals');
    const perHour = new Array<number>(24).fill(0);
    const end = ist('00:00') + 86_400_000;
    for (let t = nextArrival(ist('00:00'), 4, random); t !== null && t < end; t = nextArrival(t, 4, random)) {
      const hour = Math.floor(minuteOfDayInIndia(t) / 60);
      perHour[hour] = (perHour[hour] ?? 0) + 1;
    }
    const expected = (hour: number) => {
      let sum = 0;
      for (let m = 0; m < 60; m++) sum += 4 * dailyShape(hour * 60 + m);
      return sum;
    };
    // each busy hour within 25% of the curve's expectation (about 200 calls: a 4-sigma band)
    for (const hour of [10, 11, 12, 17, 18, 19]) expect(Math.abs((perHour[hour] ?? 0) - expected(hour)) / expected(hour)).toBeLessThan(0.25);
    const night = (perHour[1] ?? 0) + (perHour[2] ?? 0) + (perHour[3] ?? 0) + (perHour[4] ?? 0);
    expect(night).toBeLessThan(40);
    expect(perHour[11]).toBeGreaterThan(night * 4);
  });

  it('on a flat curve, come at the peak rate at night as in the morning', () => {
    const count = (from: number) => {
      const random = new SimRandom(12, 'arrivals');
      let n = 0;
      for (let t = nextArrival(from, 4, random, 'flat'); t !== null && t < from + 3_600_000; t = nextArrival(t, 4, random, 'flat')) n += 1;
      return n;
    };
    // 240 expected in an hour; 4 sigma is about 62
    for (const from of [ist('02:00'), ist('11:00')]) expect(Math.abs(count(from) - 240)).toBeLessThan(62);
  });

  it('no rate, no arrival', () => {
    expect(nextArrival(ist('11:30'), 0, new SimRandom(1))).toBeNull();
  });
});

describe('callers', () => {
  it('are residents from the list, or now and then unknown Indian mobiles', () => {
    const random = new SimRandom(3, 'callers');
    const residents = ['+919826012345', '+917000123456'];
    const callers = Array.from({ length: 1000 }, () => pickCaller(random, residents, 0.2));
    const unknown = callers.filter((c) => !residents.includes(c));
    expect(unknown.length).toBeGreaterThan(150);
    expect(unknown.length).toBeLessThan(250);
    for (const number of unknown) expect(number).toMatch(/^\+91[6-9]\d{9}$/);
    expect(new Set(callers.filter((c) => residents.includes(c)))).toEqual(new Set(residents));
    expect(pickCaller(random, [], 0)).toMatch(/^\+91[6-9]\d{9}$/);
  });

  it('get scripts that are valid and varied', () => {
    const random = new SimRandom(4, 'scripts');
    const inbound = Array.from({ length: 300 }, () => ZCitizenScript.parse(inboundCaller(random)));
    expect(inbound.some((s) => s.presses.some((p) => p.keys.endsWith('#')))).toBe(true);
    expect(inbound.some((s) => s.presses.length === 0 && s.hangupAfterSec !== undefined && s.hangupAfterSec < 16)).toBe(true);
    expect(inbound.some((s) => s.presses.some((p) => p.keys === '0'))).toBe(true);
    const outbound = Array.from({ length: 300 }, () => ZCitizenScript.parse(outboundCitizen(random)));
    expect(new Set(outbound.map((s) => s.pickup?.kind))).toEqual(new Set(['answer', 'no_answer', 'busy', 'machine', 'reject', 'congestion']));
  });
});

describe('TrafficGenerator', () => {
  it('only dials in, one arrival scheduled at a time, and stops', async () => {
    const clock = new VirtualClock(ist('11:00'));
    const network = new SimulatedNetwork({ clock });
    const traffic = new TrafficGenerator({ network, tollFree: '+9118002334455', residents: ['+919826012345'], peakPerMinute: 6, seed: 9 });
    traffic.start();
    traffic.start();
    expect(traffic.running).toBe(true);
    expect(clock.pending()).toBe(1);
    await clock.advance(10 * 60_000);
    expect(traffic.stats.dialled).toBeGreaterThan(30);
    const legs = [...network.core.legs.values()];
    expect(legs.every((leg) => leg.info.direction === 'inbound' && leg.info.to === '+9118002334455')).toBe(true);
    expect(legs).toHaveLength(traffic.stats.dialled);
    traffic.stop();
    expect(traffic.running).toBe(false);
    const dialled = traffic.stats.dialled;
    await clock.advance(60 * 60_000);
    expect(traffic.stats.dialled).toBe(dialled);
  });

  it('turns callers away beyond maxLive calls', async () => {
    const clock = new VirtualClock(ist('11:00'));
    const network = new SimulatedNetwork({ clock });
    const traffic = new TrafficGenerator({ network, tollFree: '+9118002334455', residents: [], peakPerMinute: 20, maxLive: 3 });
    traffic.start();
    await clock.advance(60_000);
    traffic.stop();
    // nobody answers these calls, so the first three stay up ringing
    expect(network.liveCalls().length).toBeLessThanOrEqual(3);
    expect(traffic.stats.turnedAway).toBeGreaterThan(0);
  });
});
