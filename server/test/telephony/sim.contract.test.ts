import { createSimulator, RealClock, scripts, VirtualClock, type TSimClock } from '../../src/telephony/sim/index.js';
import { describeProviderContract, type TRemoteHarness } from './contract.js';

/**
 * The contract scenarios on the simulator, twice:
 *
 * - virtual clock driven automatically (`startAuto`): time jumps to the next simulated timer
 *   whenever the process is idle. A scenario's own steps run in promise callbacks, which always
 *   finish before time moves, so "press a key during the prompt" happens at the prompt's first
 *   instant however long the prompt is; waits for ringing, answering or a 5 s originate
 *   timeout cost no real time. This is the run that is fast and deterministic.
 * - real clock at 20x with the default speaking rate: proves the adapter does not depend on
 *   virtual time (timers unref'd, real delays), at a cost of well under a second per scenario.
 */
function harness(makeClock: () => { clock: TSimClock; stop: () => void }): () => Promise<TRemoteHarness> {
  return async () => {
    const { clock, stop } = makeClock();
    const { network, provider } = createSimulator({ seed: 7, clock });
    return {
      provider,
      dialIn: async (from, to) => {
        network.dialIn(from, to, scripts.silent());
      },
      pressDigits: (callId, digits) => network.pressDigits(callId, digits),
      remoteHangup: async (callId) => network.remoteHangup(callId),
      scriptOutbound: (to, behaviour) => network.scriptNext(to, scripts.fromBehaviour(behaviour)),
      heard: (callId) => network.heard(callId),
      dropLink: async () => network.dropLink(),
      restoreLink: async () => network.restoreLink(),
      close: async () => {
        stop();
        network.close();
      },
    };
  };
}

describeProviderContract(
  'simulator (virtual clock)',
  harness(() => {
    const clock = new VirtualClock(Date.parse('2026-03-12T05:30:00Z'));
    return { clock, stop: clock.startAuto() };
  }),
);

describeProviderContract(
  'simulator (real clock, 20x)',
  harness(() => ({ clock: new RealClock({ speed: 20 }), stop: () => undefined })),
);
