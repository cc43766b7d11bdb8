import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Every setting Samvad reads from its environment, parsed once at start-up by main.ts.
 * Defaults make the demo run on one machine; outside demo mode no secret has a default.
 */
const envShape = {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development').describe('Node environment'),
    SAMVAD_MODE: z
      .enum(['demo', 'production'])
      .default('production')
      .describe('demo allows built-in development secrets and the simulated telephony; production requires every secret'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port of the API and Socket.IO'),
    HOST: z.string().default('0.0.0.0').describe('interface the HTTP server listens on'),
    DATABASE_URL: z
      .string()
      .url()
      .default('postgresql://samvad:samvad@127.0.0.1:5432/samvad')
      .describe('PostgreSQL connection string'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10).describe('PostgreSQL connections per process'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379').describe('Redis (BullMQ queues, Socket.IO adapter)'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional().describe('secret that signs access tokens (secret)'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900).describe('lifetime of an access token'),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .max(30 * 86400)
      .default(12 * 3600)
      .describe('lifetime of a refresh token (one working shift by default)'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
      .describe('comma-separated browser origins allowed to call the API (the console is same-origin by default)'),
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('trust X-Forwarded-* headers from a reverse proxy'),
    CONSOLE_DIST: z.string().optional().describe('folder of the built agent console to serve at /, if any'),
    TELEPHONY: z
      .enum(['sim', 'ari', 'twilio'])
      .optional()
      .describe('telephony provider: sim (the built-in simulator), ari (Asterisk) or twilio; required outside demo mode'),
    HELPLINE_NUMBER: z.string().default('+9118002334455').describe('the toll-free number citizens dial, E.164'),
    OUTBOUND_CALLER_ID: z.string().default('+911600233445').describe('caller ID of outbound calls (a 1600-series number)'),
    IVR_FLOWS_DIR: z
      .string()
      .default(fileURLToPath(new URL('../../ivr-flows/flows', import.meta.url)))
      .describe('folder of IVR flow files (helpline.yaml, survey.yaml …); watched, a broken new version is refused'),
    QUEUE_AVERAGE_HANDLING_SEC: z.coerce
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(240)
      .describe("average handling time of a helpline call, for the waiting caller's expected wait"),
    IVR_GRIEVANCE_CATEGORY: z
      .string()
      .default('GEN-01')
      .describe('grievance category of a voice message left in the IVR, until the helpline re-files it'),
    IVR_GRIEVANCE_DISTRICT: z.coerce
      .number()
      .int()
      .positive()
      .default(387)
      .describe('LGD code of the district a voice grievance from an unknown caller is filed in (387: Raipur)'),
    CALLBACK_DUE_MINUTES: z.coerce.number().int().min(5).max(7 * 1440).default(120).describe('a requested call-back is due within this many minutes'),
    IVR_ALWAYS_OPEN: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe("treat every flow's working hours as open around the clock (the demo sets it, so calls flow at any hour)"),
    ACD_RING_TIMEOUT_SEC: z.coerce.number().int().min(5).max(120).default(15).describe('an offered call rings the agent this long before it counts as missed'),
    ACD_WRAP_UP_SEC: z.coerce.number().int().min(5).max(1800).default(60).describe('longest wrap-up after a call, once a disposition is given'),
    ACD_PRESENCE_TIMEOUT_SEC: z.coerce
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(30)
      .describe('an agent whose console has been gone this long is made not ready, so no call rings a dead tab'),
    ACD_RECORD_CALLS: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe("record agents' calls (the provider's bridge recording)"),
    DEMO_TRAFFIC_PEAK_PER_MINUTE: z.coerce
      .number()
      .min(0)
      .max(600)
      .default(0)
      .describe('TELEPHONY=sim only: simulated citizens calling the helpline in the busiest minute of the day (0: none)'),
    DEMO_TRAFFIC_CURVE: z
      .enum(['day', 'flat'])
      .default('day')
      .describe("day: volume follows the Indian day (quiet at night); flat: every minute as busy as the peak, for trying the demo at night"),
    ARI_URL: z.string().url().optional().describe('Asterisk ARI base URL, e.g. http://asterisk:8088'),
    ARI_USERNAME: z.string().optional().describe('ARI user (ari.conf)'),
    ARI_PASSWORD: z.string().optional().describe('ARI password (secret)'),
    ARI_APP: z.string().default('samvad').describe('Stasis application name the dialplan hands calls to'),
    ARI_TRUNK_ENDPOINT: z.string().default('PJSIP/{number}@carrier').describe('dial string template for citizens'),
    ARI_AGENT_ENDPOINT: z.string().default('PJSIP/{agent}').describe("dial string template for agents' endpoints"),
    ASTERISK_SOUNDS_DIR: z
      .string()
      .min(1)
      .default('/var/lib/asterisk/sounds')
      .describe("Asterisk's sounds directory, shared with Asterisk: with ari, spoken prompts are made there (samvad-tts/) with espeak-ng and sox"),
    TWILIO_ACCOUNT_SID: z.string().optional().describe('Twilio account SID'),
    TWILIO_AUTH_TOKEN: z.string().optional().describe('Twilio auth token; also validates webhook signatures (secret)'),
    PUBLIC_BASE_URL: z.string().url().optional().describe('the URL Twilio reaches this server at, as signed (behind a proxy: the public one)'),
};

const ZEnv = z.object(envShape);

/** Only used when SAMVAD_MODE=demo: a well-known value, never acceptable in production. */
const DEMO_JWT_SECRET = 'samvad-demo-only-secret-do-not-use-in-production';

export type TConfig = ReturnType<typeof toConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function toConfig(env: z.output<typeof ZEnv>) {
  return {
    env: env.NODE_ENV,
    demo: env.SAMVAD_MODE === 'demo',
    http: { port: env.PORT, host: env.HOST, corsOrigins: env.CORS_ORIGINS, trustProxy: env.TRUST_PROXY },
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    redis: { url: env.REDIS_URL },
    auth: {
      jwtSecret: env.JWT_SECRET ?? DEMO_JWT_SECRET,
      accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    },
    logLevel: env.LOG_LEVEL,
    ivr: {
      flowsDir: env.IVR_FLOWS_DIR,
      averageHandlingSec: env.QUEUE_AVERAGE_HANDLING_SEC,
      voiceGrievance: { categoryCode: env.IVR_GRIEVANCE_CATEGORY, fallbackDistrictCode: env.IVR_GRIEVANCE_DISTRICT },
      callbackDueMinutes: env.CALLBACK_DUE_MINUTES,
      alwaysOpen: env.IVR_ALWAYS_OPEN,
    },
    acd: {
      ringTimeoutSec: env.ACD_RING_TIMEOUT_SEC,
      wrapUpSec: env.ACD_WRAP_UP_SEC,
      presenceTimeoutSec: env.ACD_PRESENCE_TIMEOUT_SEC,
      recordCalls: env.ACD_RECORD_CALLS,
    },
    demoTraffic: { peakPerMinute: env.DEMO_TRAFFIC_PEAK_PER_MINUTE, curve: env.DEMO_TRAFFIC_CURVE },
    consoleDist: env.CONSOLE_DIST,
    telephony: {
      provider: env.TELEPHONY ?? 'sim',
      helplineNumber: env.HELPLINE_NUMBER,
      outboundCallerId: env.OUTBOUND_CALLER_ID,
      ari: {
        url: env.ARI_URL ?? '',
        username: env.ARI_USERNAME ?? '',
        password: env.ARI_PASSWORD ?? '',
        app: env.ARI_APP,
        trunkEndpoint: env.ARI_TRUNK_ENDPOINT,
        agentEndpoint: env.ARI_AGENT_ENDPOINT,
        soundsDir: env.ASTERISK_SOUNDS_DIR,
      },
      twilio: { accountSid: env.TWILIO_ACCOUNT_SID ?? '', authToken: env.TWILIO_AUTH_TOKEN ?? '', publicBaseUrl: env.PUBLIC_BASE_URL ?? '' },
    },
  };
}

/** Parses the environment once; throws a ConfigError that lists every problem at once. */
export function loadConfig(source: Record<string, string | undefined> = process.env): TConfig {
  const parsed = ZEnv.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  // Checked on the raw values so that it is reported together with any other problem.
  const demo = (source.SAMVAD_MODE ?? 'production') === 'demo';
  if (!demo && !source.JWT_SECRET) problems.push('JWT_SECRET: is required outside demo mode');
  if (!demo && !source.TELEPHONY) problems.push('TELEPHONY: is required outside demo mode (sim, ari or twilio)');
  const needs: Record<string, string[]> = {
    ari: ['ARI_URL', 'ARI_USERNAME', 'ARI_PASSWORD'],
    twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'PUBLIC_BASE_URL'],
  };
  for (const name of needs[source.TELEPHONY ?? ''] ?? []) {
    if (!source[name]) problems.push(`${name}: is required when TELEPHONY=${source.TELEPHONY}`);
  }
  if (Number(source.DEMO_TRAFFIC_PEAK_PER_MINUTE ?? 0) > 0 && (source.TELEPHONY ?? 'sim') !== 'sim') {
    problems.push('DEMO_TRAFFIC_PEAK_PER_MINUTE: simulated callers need TELEPHONY=sim');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

/** Describes every setting, for the README's configuration table and `--help`. */
export function describeSettings(): { name: string; description: string }[] {
  return Object.entries(envShape).map(([name, schema]) => ({ name, description: schema.description ?? '' }));
}
