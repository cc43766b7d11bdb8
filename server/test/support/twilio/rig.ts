import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import express from 'express';
import twilio from 'twilio';
import { pinoHttp } from 'pino-http';
import { errorHandler } from '../../../src/http/error-handler.js';
import { toExpressPath, type TRoute } from '../../../src/http/route.js';
import { createLogger } from '../../../src/logger.js';
import type { TTelephonyEvent } from '../../../src/telephony/port.js';
import { TwilioProvider, twilioRoutes, type TTwilioProviderOptions } from '../../../src/telephony/twilio/index.js';
import { TWILIO_WEBHOOK_PATHS } from '../../../src/telephony/twilio/urls.js';
import { FakeTwilio } from './fake-twilio.js';

export interface TTwilioRig {
  provider: TwilioProvider;
  fake: FakeTwilio;
  routes: TRoute[];
  accountSid: string;
  authToken: string;
  publicBaseUrl: string;
  /** where the test server really listens, e.g. http://127.0.0.1:41234 */
  localBaseUrl: string;
  events: TTelephonyEvent[];
  /**
   * Posts a webhook straight to the test server, as Twilio or as someone pretending to be it:
   * signed over `signUrl` (the public URL by default) with `token` (the account's by default),
   * or with an explicit `signature`.
   */
  post(pathAndQuery: string, params: Record<string, string>, options?: TPostOptions): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export interface TPostOptions {
  signUrl?: string;
  token?: string;
  /** a signature to send as is; null sends none */
  signature?: string | null;
  /** signed over these fields, while `params` are sent */
  signedParams?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface TRigOptions {
  /** what Twilio is told; behind a proxy it names the proxy, with any path prefix the proxy strips */
  publicBaseUrl?: string;
  /** real milliseconds per second of call time */
  msPerSecond?: number;
  provider?: Partial<TTwilioProviderOptions>;
  /** the far side posts <Record>'s action after the status callback when a caller hangs up mid-message */
  recordActionAfterStatus?: boolean;
}

/**
 * The webhooks on a fresh express app, mounted the way app.ts mounts every registry route (JSON
 * parser in front, typed errors mapped at the end), listening on a free port.
 */
async function serve(routes: TRoute[]): Promise<Server> {
  const app = express();
  app.use(pinoHttp({ logger: createLogger('silent') }));
  app.use(express.json({ limit: '256kb' }));
  for (const route of routes) {
    // all Twilio routes are public: app.ts's authorise() gives them no user
    app[route.method](toExpressPath(route.path), async (req, res) => route.run(req, res, null));
  }
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** A TwilioProvider, its routes on a test server, and a fake Twilio that calls them. */
export async function startTwilioRig(options: TRigOptions = {}): Promise<TTwilioRig> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const publicBaseUrl = options.publicBaseUrl ?? 'https://samvad.example.gov.in';
  let localBaseUrl = '';
  const fake = new FakeTwilio({
    accountSid,
    authToken,
    publicBaseUrl,
    localBaseUrl: () => localBaseUrl,
    numberVoiceUrl: `${publicBaseUrl}${TWILIO_WEBHOOK_PATHS.voice}`,
    numberStatusUrl: `${publicBaseUrl}${TWILIO_WEBHOOK_PATHS.status}`,
    msPerSecond: options.msPerSecond ?? 20,
    recordActionAfterStatus: options.recordActionAfterStatus ?? false,
  });
  const provider = new TwilioProvider({
    accountSid,
    authToken,
    publicBaseUrl,
    httpClient: fake.rest,
    holdMs: 1500,
    answerGraceMs: 200,
    answerTimeoutMs: 5000,
    ...options.provider,
  });
  const events: TTelephonyEvent[] = [];
  provider.onEvent((event) => events.push(event));
  const routes = twilioRoutes(provider, { authToken, publicBaseUrl });
  const server = await serve(routes);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the test server has no port');
  localBaseUrl = `http://127.0.0.1:${address.port}`;
  return {
    provider,
    fake,
    routes,
    accountSid,
    authToken,
    publicBaseUrl,
    localBaseUrl,
    events,
    async post(pathAndQuery, params, post = {}) {
      const signature =
        post.signature !== undefined
          ? post.signature
          : twilio.getExpectedTwilioSignature(post.token ?? authToken, post.signUrl ?? `${publicBaseUrl}${pathAndQuery}`, post.signedParams ?? params);
      const response = await fetch(`${localBaseUrl}${pathAndQuery}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }), ...post.headers },
        body: new URLSearchParams(params),
      });
      return { status: response.status, body: await response.text() };
    },
    async close() {
      await provider.stop();
      fake.close();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
