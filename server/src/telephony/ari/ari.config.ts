import { z } from 'zod';

/**
 * How the adapter reaches Asterisk and places calls. The server builds it from its environment
 * (ARI_URL, ARI_USERNAME, ARI_PASSWORD …); tests build it by hand. The password is a secret: it
 * is never logged, and every error text the adapter logs is scrubbed of it.
 */
export const ZAriConfig = z.object({
  /** base URL of Asterisk's HTTP server, without /ari: http://asterisk:8088 */
  url: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
  username: z.string().min(1),
  password: z.string().min(1),
  /** the Stasis application named in extensions.conf */
  app: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('samvad'),
  /** dial string for a citizen; {number} is E.164, {digits} the same without "+", {national} with a leading 0 */
  trunkEndpoint: z.string().includes('{').default('PJSIP/{number}@carrier'),
  /** dial string for an agent's softphone; {agent} is the part after "agent:" */
  agentEndpoint: z.string().includes('{agent}').default('PJSIP/{agent}'),
  /** presented on outbound calls when a request names none */
  defaultCallerId: z.string().min(1).default('+911600233445'),
  /** the dialplan context that runs AMD() and re-enters Stasis with the verdict */
  amdContext: z.string().min(1).default('outbound-amd'),
  mohClass: z.string().min(1).default('default'),
  recordingFormat: z.enum(['wav', 'gsm', 'ulaw', 'alaw', 'sln16', 'g722']).default('wav'),
  /** every REST call: ari-client never settles a request whose connection fails */
  requestTimeoutMs: z.number().int().positive().default(10_000),
  /** loading the API description and opening the event socket */
  connectTimeoutMs: z.number().int().positive().default(15_000),
  /** our own reconnect loop, used once ari-client has given up */
  reconnectInitialMs: z.number().int().positive().default(1_000),
  reconnectMaxMs: z.number().int().positive().default(30_000),
  /** WebSocket ping period; two unanswered pings mean the link is dead */
  heartbeatMs: z.number().int().positive().default(15_000),
  /** how long an unknown channel found in our app may wait for its StasisStart before it is hung up */
  orphanGraceMs: z.number().int().nonnegative().default(2_000),
});

export type TAriConfig = z.output<typeof ZAriConfig>;
export type TAriConfigInput = z.input<typeof ZAriConfig>;
