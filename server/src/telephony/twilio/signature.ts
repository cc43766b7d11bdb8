import twilio from 'twilio';

/** A Twilio webhook body as express.urlencoded leaves it (a repeated key becomes a list). */
export type TWebhookForm = Record<string, string | string[]>;

/**
 * The URL Twilio signed: the configured public base plus the path and query exactly as they
 * arrived. The Host header and X-Forwarded-* are never used: behind a proxy they name the proxy's
 * view, and anyone can set them.
 */
export function signedUrlOf(publicBaseUrl: string, originalUrl: string): string {
  return `${publicBaseUrl}${originalUrl}`;
}

/** HMAC-SHA1 of the URL and the sorted form fields, checked by the SDK (with and without a default port). */
export function isSignedByTwilio(authToken: string, signature: string | undefined, url: string, form: TWebhookForm): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, form);
}
