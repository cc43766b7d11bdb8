import type { TSimTimer } from './clock.js';
import type { SimulatedNetwork } from './network.js';
import { DEFAULT_IVR_KEYS, inboundCaller, type TIvrKeys } from './personas.js';
import { SimRandom } from './random.js';
import { nextArrival, pickCaller, type TTrafficCurve } from './traffic-curve.js';

export interface TTrafficOptions {
  network: SimulatedNetwork;
  /** the helpline number callers dial */
  tollFree: string;
  /** residents' mobiles in E.164 (the server passes the seeded residents') */
  residents: readonly string[];
  /** new calls in the busiest minute of the day (default 2) */
  peakPerMinute?: number;
  /** share of callers the hub does not know (default 0.2) */
  unknownShare?: number;
  /** arrivals while this many calls are up are turned away, as a trunk would (default 50) */
  maxLive?: number;
  /** day: volume follows the Indian day; flat: every minute at the peak rate (default day) */
  curve?: TTrafficCurve;
  seed?: number;
  ivrKeys?: TIvrKeys;
}

/**
 * Demo traffic: schedules one `dialIn` at a time on the network's clock, at arrival times
 * drawn from the daily curve; each caller's script then plays itself. With the real clock its
 * timers are unref'd, so a running generator never keeps the process alive.
 */
export class TrafficGenerator {
  private timer: TSimTimer | null = null;
  private readonly random: SimRandom;
  readonly stats = { dialled: 0, turnedAway: 0 };

  constructor(private readonly options: TTrafficOptions) {
    this.random = new SimRandom(options.seed ?? 1, 'traffic');
  }

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (!this.timer) this.scheduleNext();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private scheduleNext(): void {
    const { network } = this.options;
    const now = network.clock.now();
    const at = nextArrival(now, this.options.peakPerMinute ?? 2, this.random, this.options.curve ?? 'day');
    if (at === null) {
      this.timer = null;
      return;
    }
    this.timer = network.clock.setTimeout(() => this.arrive(), at - now);
  }

  private arrive(): void {
    const { network } = this.options;
    // drawn whether or not the call gets through, so the stream does not depend on load
    const from = pickCaller(this.random, this.options.residents, this.options.unknownShare ?? 0.2);
    const script = inboundCaller(this.random, this.options.ivrKeys ?? DEFAULT_IVR_KEYS);
    if (network.liveCalls().length >= (this.options.maxLive ?? 50)) {
      this.stats.turnedAway += 1;
    } else {
      network.dialIn(from, this.options.tollFree, script);
      this.stats.dialled += 1;
    }
    this.scheduleNext();
  }
}
