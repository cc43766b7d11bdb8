import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { isSignedByTwilio, signedUrlOf } from './signature.js';
import { normaliseBaseUrl, TwilioUrls } from './urls.js';

const TOKEN = '0123456789abcdef0123456789abcdef';
const BASE = 'https://samvad.example.gov.in';
const PATH = '/api/telephony/twilio/gather?callId=5e0f3a52-4f6b-4b0e-8c1e-2f7a3f7f1a10&step=2';
const FORM = { CallSid: 'CA0123456789abcdef0123456789abcdef', Digits: '4512', FinishedOnKey: '#' };
const sign = (url: string, form: Record<string, string>, token = TOKEN) => twilio.getExpectedTwilioSignature(token, url, form);

describe('X-Twilio-Signature', () => {
  const url = signedUrlOf(BASE, PATH);

  it('accepts what Twilio signed: the public URL with its query and every form field', () => {
    expect(url).toBe(`${BASE}${PATH}`);
    expect(isSignedByTwilio(TOKEN, sign(url, FORM), url, FORM)).toBe(true);
    // Twilio may sign with or without the default port; the SDK checks both
    expect(isSignedByTwilio(TOKEN, sign(`https://samvad.example.gov.in:443${PATH}`, FORM), url, FORM)).toBe(true);
  });

  it('refuses a missing signature, another account’s, an altered field, an added field or another URL', () => {
    expect(isSignedByTwilio(TOKEN, undefined, url, FORM)).toBe(false);
    expect(isSignedByTwilio(TOKEN, sign(url, FORM, 'f'.repeat(32)), url, FORM)).toBe(false);
    expect(isSignedByTwilio(TOKEN, sign(url, FORM), url, { ...FORM, Digits: '9999' })).toBe(false);
    expect(isSignedByTwilio(TOKEN, sign(url, FORM), url, { ...FORM, AnsweredBy: 'human' })).toBe(false);
    expect(isSignedByTwilio(TOKEN, sign(url, FORM), url.replace('step=2', 'step=3'), FORM)).toBe(false);
    // what a server trusting its Host header would have computed behind a proxy
    expect(isSignedByTwilio(TOKEN, sign(`http://10.0.0.5:3000${PATH}`, FORM), url, FORM)).toBe(false);
  });
});

describe('public base URL', () => {
  it('keeps the scheme, host and a proxy’s path prefix, without a trailing slash', () => {
    expect(normaliseBaseUrl('https://samvad.example.gov.in/')).toBe('https://samvad.example.gov.in');
    expect(normaliseBaseUrl('https://gw.example.gov.in/samvad/')).toBe('https://gw.example.gov.in/samvad');
    expect(new TwilioUrls('https://gw.example.gov.in/samvad').gather('c1', 4)).toBe('https://gw.example.gov.in/samvad/api/telephony/twilio/gather?callId=c1&step=4');
  });

  it('refuses a base that could not be signed against', () => {
    expect(() => normaliseBaseUrl('ftp://samvad.example.gov.in')).toThrow();
    expect(() => normaliseBaseUrl('https://samvad.example.gov.in/?x=1')).toThrow();
    expect(() => normaliseBaseUrl('samvad.example.gov.in')).toThrow();
  });
});
