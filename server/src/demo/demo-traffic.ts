import type { TSqlPool } from '@samvad/db';
import type { Logger } from '../logger.js';
import { TrafficGenerator, type SimulatedNetwork, type TTrafficCurve } from '../telephony/sim/index.js';

/** how many residents' numbers the simulated callers are drawn from */
const CALLER_POOL = 5000;

/**
 * The demo's citizens: simulated callers dialling the helpline on the simulator, most of them
 * residents of the seeded registry (so agents get screen-pops), some unknown numbers. Arrivals
 * follow the day's curve in India time, with `peakPerMinute` in the busiest minute.
 */
export async function startDemoTraffic(deps: {
  network: SimulatedNetwork;
  sql: TSqlPool;
  logger: Logger;
  helplineNumber: string;
  peakPerMinute: number;
  curve: TTrafficCurve;
}): Promise<TrafficGenerator> {
  const { rows } = await deps.sql.query<{ mobile: string }>(
    `SELECT mobile FROM (SELECT DISTINCT mobile FROM residents WHERE mobile IS NOT NULL) m ORDER BY md5(mobile) LIMIT $1`,
    [CALLER_POOL],
  );
  const traffic = new TrafficGenerator({
    network: deps.network,
    tollFree: deps.helplineNumber,
    residents: rows.map((r) => r.mobile),
    peakPerMinute: deps.peakPerMinute,
    curve: deps.curve,
    seed: Date.now() % 2 ** 31,
  });
  traffic.start();
  deps.logger.info({ peakPerMinute: deps.peakPerMinute, curve: deps.curve, callers: rows.length }, 'demo traffic: simulated citizens are calling the helpline');
  return traffic;
}
