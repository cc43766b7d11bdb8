/** The simulated telephony provider: a virtual phone network for the demo and the tests. */
import { SimulatedNetwork, type TSimulatorOptions } from './network.js';
import { SimProvider } from './provider.js';

export { RealClock, VirtualClock, type TSimClock, type TSimTimer } from './clock.js';
export { DEFAULT_SETTINGS, type TSimSettings } from './core.js';
export type { TBridgeRecord, TSnoopRecord } from './audio.js';
export type { THeardItem } from './media.js';
export { SimulatedNetwork, type TSimLegView, type TSimulatorOptions } from './network.js';
export { SimProvider } from './provider.js';
export { SimRandom } from './random.js';
export { parseScript, scripts, ZCitizenScript, type TCitizenScript, type TCitizenScriptInput, type TOutboundBehaviour } from './script.js';
export { DEFAULT_IVR_KEYS, type TIvrKeys } from './personas.js';
export { TrafficGenerator, type TTrafficOptions } from './traffic.js';
export type { TTrafficCurve } from './traffic-curve.js';

/** a network and the provider on Samvad's side of it */
export function createSimulator(options: TSimulatorOptions = {}): { network: SimulatedNetwork; provider: SimProvider } {
  const network = new SimulatedNetwork(options);
  return { network, provider: new SimProvider(network) };
}
