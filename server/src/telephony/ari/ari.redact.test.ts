import { describe, expect, it } from 'vitest';
import { errorForLog, redact, secretForms } from './ari.redact.js';

describe('password redaction', () => {
  const secrets = secretForms('samvad', 'p@ss word/+');

  it('removes the password in every form it travels in', () => {
    const basic = Buffer.from('samvad:p@ss word/+').toString('base64');
    const text = `ws://h/ari/events?app=samvad&api_key=samvad:${encodeURIComponent('p@ss word/+')} Basic ${basic} raw p@ss word/+`;
    const out = redact(text, secrets);
    expect(out).not.toContain('p@ss word/+');
    expect(out).not.toContain(encodeURIComponent('p@ss word/+'));
    expect(out).not.toContain(basic);
    expect(out).toContain('[redacted]');
  });

  it('summarises anything thrown without its objects', () => {
    expect(errorForLog(new Error('bad p@ss word/+'), secrets)).toEqual({ name: 'Error', message: 'bad [redacted]' });
    expect(errorForLog('401 : Unauthorized', secrets)).toEqual({ name: 'Thrown', message: '401 : Unauthorized' });
    expect(errorForLog({ status: 404, headers: { authorization: 'x' } }, secrets)).toEqual({ name: 'HttpError', message: 'status 404' });
  });
});
