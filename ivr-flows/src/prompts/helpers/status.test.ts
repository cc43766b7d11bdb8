import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../render.js';
import { APPLICATION_STATUSES, GRIEVANCE_STATUSES, PAYMENT_STATUSES, spokenStatus } from './status.js';

describe('{{status}}', () => {
  it('says an application status in each language', () => {
    const variables = { s: 'under_verification' };
    expect(renderPrompt('स्थिति: {{status s}}', 'hi', variables)).toBe('स्थिति: सत्यापन में');
    expect(renderPrompt('स्थिति: {{status s}}', 'cg', variables)).toBe('स्थिति: सत्यापन म');
    expect(renderPrompt('status: {{status s}}', 'en', variables)).toBe('status: under verification');
    expect(renderPrompt('स्थिति: {{status s}}', 'hlb', variables)).toBe('स्थिति: सत्यापन में');
  });

  it('says a grievance status in each language', () => {
    expect(spokenStatus('reopened', 'hi')).toBe('फिर से खोली गई');
    expect(spokenStatus('reopened', 'cg')).toBe('फेर से खोले गिस');
    expect(spokenStatus('reopened', 'en')).toBe('reopened');
    expect(spokenStatus('escalated', 'en')).toBe('escalated to a senior officer');
  });

  it('says whether a benefit payment reached the account', () => {
    expect(renderPrompt('{{status p}}', 'hi', { p: 'failed' })).toBe('असफल');
    expect(renderPrompt('{{status p}}', 'en', { p: 'credited' })).toBe('credited to the account');
    expect(renderPrompt('{{status p}}', 'cg', { p: 'pending' })).toBe('प्रक्रिया म');
  });

  it('has a distinct phrase for every status of the three enums in every language', () => {
    const codes = [...APPLICATION_STATUSES, ...GRIEVANCE_STATUSES, ...PAYMENT_STATUSES];
    for (const language of ['hi', 'cg', 'en'] as const) {
      const phrases = codes.map((code) => spokenStatus(code, language));
      for (const phrase of phrases) expect(phrase.trim()).not.toBe('');
      // "closed" and "बंद" are one word for the one idea; every other pair must differ
      expect(new Set(phrases).size, language).toBe(codes.length);
    }
  });

  it('speaks "issued" so that it cannot be heard as "ongoing"', () => {
    expect(spokenStatus('issued', 'hi')).toBe('जारी कर दिया गया');
    expect(spokenStatus('issued', 'cg')).toBe('जारी होगे');
  });

  it('stops the render on an unknown status', () => {
    expect(() => renderPrompt('{{status s}}', 'hi', {})).toThrow('{{status}} (line 1, column 1): unknown status undefined (is the variable set?): one of submitted,');
    expect(() => renderPrompt('{{status s}}', 'hi', { s: '' })).toThrow('unknown status ""');
    expect(() => renderPrompt('{{status s}}', 'en', { s: 'APPROVED' })).toThrow('unknown status "APPROVED"');
    expect(() => renderPrompt('{{status s}}', 'en', { s: 'toString' })).toThrow('unknown status "toString"');
    expect(() => renderPrompt('{{status}}', 'en', { status: 'approved' })).toThrow('a variable named "status" is written {{this.status}}');
  });
});
