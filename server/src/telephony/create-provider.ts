import { randomInt } from 'node:crypto';
import type { TConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { AriProvider } from './ari/ari.provider.js';
import type { TRoute } from '../http/route.js';
import type { TTelephonyProvider } from './port.js';
import { createSimulator, type SimulatedNetwork } from './sim/index.js';
import { createEspeakSpeech } from './tts/espeak.js';
import { TwilioProvider, twilioRoutes } from './twilio/index.js';

/**
 * The provider the configuration names (TELEPHONY=sim|ari|twilio), and the HTTP routes it needs:
 * Twilio's webhooks exist only when Twilio carries the calls. With the simulator, its network
 * too: the demo's citizens call through it and agents' virtual phones ring on it.
 */
export function createTelephonyProvider(
  config: TConfig,
  logger: Logger,
): { provider: TTelephonyProvider; routes: TRoute[]; network?: SimulatedNetwork } {
  const telephony = config.telephony;
  switch (telephony.provider) {
    case 'sim': {
      // The simulator's call ids follow its seed and the database outlives the process: a fixed
      // seed would make a restarted server reuse the last run's call ids.
      const { network, provider } = createSimulator({ seed: randomInt(2 ** 31) });
      return { provider, routes: [], network };
    }
    case 'ari': {
      const provider = new AriProvider(
        {
          url: telephony.ari.url,
          username: telephony.ari.username,
          password: telephony.ari.password,
          app: telephony.ari.app,
          trunkEndpoint: telephony.ari.trunkEndpoint,
          agentEndpoint: telephony.ari.agentEndpoint,
          defaultCallerId: telephony.outboundCallerId,
        },
        { logger, speechToMediaUri: createEspeakSpeech({ soundsDir: telephony.ari.soundsDir, logger }) },
      );
      return { provider, routes: [] };
    }
    case 'twilio': {
      const { accountSid, authToken, publicBaseUrl } = telephony.twilio;
      const provider = new TwilioProvider({ accountSid, authToken, publicBaseUrl, logger });
      return { provider, routes: twilioRoutes(provider, { authToken, publicBaseUrl }) };
    }
  }
}
