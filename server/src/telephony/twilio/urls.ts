/** Where Twilio's webhooks arrive, relative to the server's root. */
export const TWILIO_WEBHOOK_PATHS = {
  voice: '/api/telephony/twilio/voice',
  gather: '/api/telephony/twilio/gather',
  record: '/api/telephony/twilio/record',
  status: '/api/telephony/twilio/status',
  conference: '/api/telephony/twilio/conference',
  recording: '/api/telephony/twilio/recording',
} as const;

/**
 * The public base URL as Twilio reaches us (scheme, host and any path prefix a proxy strips),
 * without a trailing slash. Checked once, because every signature depends on it.
 */
export function normaliseBaseUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('the Twilio public base URL must be http(s)');
  if (url.search || url.hash) throw new Error('the Twilio public base URL must not carry a query or fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The callback URLs Samvad gives Twilio. Each carries our call id and, for the document that
 * asks Twilio to come back, the step of that document: the step is what tells a retry, a stale
 * request and the next request apart.
 */
export class TwilioUrls {
  readonly base: string;

  constructor(publicBaseUrl: string) {
    this.base = normaliseBaseUrl(publicBaseUrl);
  }

  private url(path: string, query: Record<string, string | number>): string {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return `${this.base}${path}${search ? `?${search}` : ''}`;
  }

  /** the number's voice URL (no query) and every "what next?" of a call */
  voice(callId?: string, step?: number): string {
    return this.url(TWILIO_WEBHOOK_PATHS.voice, { ...(callId ? { callId } : {}), ...(step ? { step } : {}) });
  }

  gather(callId: string, step: number): string {
    return this.url(TWILIO_WEBHOOK_PATHS.gather, { callId, step });
  }

  /** <Record>'s action: the message's URL and length, and the key (or "hangup") that ended it */
  record(callId: string, step: number): string {
    return this.url(TWILIO_WEBHOOK_PATHS.record, { callId, step });
  }

  /** the number's status callback (no query) and each outbound call's */
  status(callId?: string): string {
    return this.url(TWILIO_WEBHOOK_PATHS.status, callId ? { callId } : {});
  }

  conference(): string {
    return this.url(TWILIO_WEBHOOK_PATHS.conference, {});
  }

  recording(bridgeId: string, callA: string, callB: string): string {
    return this.url(TWILIO_WEBHOOK_PATHS.recording, { bridgeId, callA, callB });
  }
}
