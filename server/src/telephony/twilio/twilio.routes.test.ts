import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../http/openapi.js';
import { TwilioProvider } from './provider.js';
import { twilioRoutes } from './twilio.routes.js';

describe('twilioRoutes', () => {
  const settings = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'a'.repeat(32), publicBaseUrl: 'https://samvad.example.gov.in' };
  const routes = twilioRoutes(new TwilioProvider(settings), settings);

  it('declares every webhook as a public POST of the registry (the signature is checked inside)', () => {
    expect(routes.map((r) => `${r.method.toUpperCase()} ${r.path} ${String(r.access)}`)).toEqual([
      'POST /api/telephony/twilio/voice public',
      'POST /api/telephony/twilio/gather public',
      'POST /api/telephony/twilio/record public',
      'POST /api/telephony/twilio/status public',
      'POST /api/telephony/twilio/conference public',
      'POST /api/telephony/twilio/recording public',
    ]);
  });

  it('describes them in the OpenAPI document, TwiML answers as text/xml', () => {
    const document = buildOpenApiDocument(routes, 'test');
    expect(Object.keys(document.paths ?? {})).toHaveLength(6);
    expect(document.paths?.['/api/telephony/twilio/record']?.post?.responses?.['200']).toMatchObject({ content: { 'text/xml': {} } });
    expect(document.paths?.['/api/telephony/twilio/voice']?.post?.responses?.['200']).toMatchObject({ content: { 'text/xml': {} } });
    expect(document.paths?.['/api/telephony/twilio/status']?.post?.summary).toContain('X-Twilio-Signature');
  });

  it('refuses a public base URL it could not sign against', () => {
    expect(() => twilioRoutes(new TwilioProvider(settings), { ...settings, publicBaseUrl: 'https://samvad.example.gov.in/?a=1' })).toThrow();
  });
});
