import type { TConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { AriProvider } from './ari/ari.provider.js';
import type { TTelephonyProvider } from './port.js';
import { createSimulator } from './sim/index.js';

/** The provider the configuration names (TELEPHONY=sim|ari|twilio). */
export function createTelephonyProvider(config: TConfig, logger: Logger): TTelephonyProvider {
  const telephony = config.telephony;
  switch (telephony.provider) {
    case 'sim':
      return createSimulator({ seed: 1 }).provider;
    case 'ari':
      return new AriProvider(
        {
          url: telephony.ari.url,
          username: telephony.ari.username,
          password: telephony.ari.password,
          app: telephony.ari.app,
          trunkEndpoint: telephony.ari.trunkEndpoint,
          agentEndpoint: telephony.ari.agentEndpoint,
          defaultCallerId: telephony.outboundCallerId,
        },
        { logger },
      );
    case 'twilio':
      throw new Error('TELEPHONY=twilio: the Twilio adapter is not wired into the server yet');
  }
}
