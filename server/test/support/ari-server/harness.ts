import { createLogger, type Logger } from '../../../src/logger.js';
import type { TTelephonyEvent } from '../../../src/telephony/port.js';
import type { TAriConfigInput } from '../../../src/telephony/ari/ari.config.js';
import { AriProvider } from '../../../src/telephony/ari/ari.provider.js';
import { hashedSpeech } from '../../../src/telephony/ari/ari.speech.js';
import type { TRemoteHarness } from '../../telephony/contract.js';
import { AriTestServer, type TAriTestServerOptions } from './server.js';

export const ARI_USER = 'samvad';
export const ARI_PASSWORD = 'Pa55-word+with/odd:chars';

/** Fast settings for tests: short deadlines and back-off, a heartbeat that notices silence quickly. */
export function testConfig(url: string, overrides: Partial<TAriConfigInput> = {}): TAriConfigInput {
  return {
    url,
    username: ARI_USER,
    password: ARI_PASSWORD,
    app: 'samvad',
    requestTimeoutMs: 2_000,
    connectTimeoutMs: 3_000,
    reconnectInitialMs: 100,
    reconnectMaxMs: 500,
    heartbeatMs: 1_000,
    orphanGraceMs: 100,
    ...overrides,
  };
}

/** ms a prompt lasts at the far side: generated speech by its length, files by the server's default */
function speechDuration(textFor: (uri: string) => string | undefined) {
  return (uri: string) => {
    const text = textFor(uri);
    return text === undefined ? undefined : Math.min(30_000, 200 + text.length * 25);
  };
}

export interface TAriHarness extends TRemoteHarness {
  provider: AriProvider;
  server: AriTestServer;
  /** Samvad's callId → Asterisk channel id, learned from call.incoming (outbound legs use the same id) */
  channelOf(callId: string): string;
}

export async function makeAriHarness(options: { logger?: Logger; server?: Partial<TAriTestServerOptions>; config?: Partial<TAriConfigInput> } = {}): Promise<TAriHarness> {
  const speech = hashedSpeech();
  const server = await AriTestServer.start({ username: ARI_USER, password: ARI_PASSWORD, durationOf: speechDuration(speech.textFor), ...options.server });
  const provider = new AriProvider(testConfig(server.url, options.config), {
    logger: options.logger ?? createLogger('silent'),
    speechToMediaUri: speech.speechToMediaUri,
  });
  const channels = new Map<string, string>();
  const incoming: TTelephonyEvent[] = [];
  provider.onEvent((event) => {
    if (event.type !== 'call.incoming') return;
    channels.set(event.callId, event.call.providerCallId);
    incoming.push(event);
  });
  const channelOf = (callId: string) => channels.get(callId) ?? callId;

  return {
    provider,
    server,
    channelOf,
    async dialIn(from, to) {
      const { channelId, inStasis } = server.dialIn(from, to);
      if (!inStasis) throw new Error('the test server had no event socket for the app: the call was apologised away');
      const deadline = Date.now() + 5_000;
      while (!incoming.some((e) => e.type === 'call.incoming' && e.call.providerCallId === channelId)) {
        if (Date.now() > deadline) throw new Error(`no call.incoming for channel ${channelId}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    pressDigits: (callId, digits) => server.pressDigits(channelOf(callId), digits),
    async remoteHangup(callId) {
      server.remoteHangup(channelOf(callId));
    },
    scriptOutbound(to, behaviour) {
      const agent = /^agent:(.+)$/.exec(to)?.[1];
      server.script(agent ? `PJSIP/${agent}` : `PJSIP/${to}@carrier`, behaviour);
    },
    heard: (callId) => server.heard(channelOf(callId)).map((uri) => speech.textFor(uri) ?? uri),
    async dropLink() {
      server.dropLink({ refuse: true });
    },
    async restoreLink() {
      server.restoreLink();
      await server.waitForApp('samvad', 10_000);
    },
    close: () => server.close(),
  };
}
