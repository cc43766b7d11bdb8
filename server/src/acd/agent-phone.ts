import type { SimulatedNetwork } from '../telephony/sim/network.js';

/**
 * The agent's phone, as far as the ACD must drive it. With Asterisk or Twilio the agent's
 * softphone runs in the browser and answers itself, so the server has nothing to do; in the
 * simulator the phone is virtual and the console's "accept" answers it through the network.
 */
export interface TAgentPhone {
  /** an offer is about to ring this endpoint (`agent:<username>`) */
  ringing(endpoint: string): void;
  /** the agent accepts: their ringing leg is answered */
  answer(agentLegId: string): Promise<void>;
}

/** Asterisk and Twilio: the browser softphone rings and answers on its own */
export const softphone: TAgentPhone = {
  ringing: () => undefined,
  answer: async () => undefined,
};

/** the simulator: agents' endpoints ring until the agent accepts in the console (or a test does) */
export function simulatedAgentPhone(network: Pick<SimulatedNetwork, 'setScript' | 'answerRemote'>): TAgentPhone {
  return {
    ringing(endpoint) {
      network.setScript(endpoint, { pickup: { kind: 'manual' } });
    },
    async answer(agentLegId) {
      network.answerRemote(agentLegId);
    },
  };
}
