import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../render.js';
import { indianDay } from './date.js';

describe('{{date}}', () => {
  it('says a YYYY-MM-DD date in each language', () => {
    const variables = { d: '2026-03-12' };
    expect(renderPrompt('{{date d}}', 'hi', variables)).toBe('12 मार्च 2026');
    expect(renderPrompt('{{date d}}', 'cg', variables)).toBe('12 मार्च 2026');
    expect(renderPrompt('{{date d}}', 'en', variables)).toBe('12 March 2026');
    expect(renderPrompt('{{date d}}', 'gon', variables)).toBe('12 मार्च 2026');
  });

  it('names every month and drops the leading zero of the day', () => {
    expect(renderPrompt('{{date d}}', 'hi', { d: '2026-02-01' })).toBe('1 फ़रवरी 2026');
    expect(renderPrompt('{{date d}}', 'cg', { d: '2025-12-31' })).toBe('31 दिसंबर 2025');
    expect(renderPrompt('{{date d}}', 'en', { d: '2024-02-29' })).toBe('29 February 2024');
    const months = Array.from({ length: 12 }, (_, m) => renderPrompt('{{date d}}', 'hi', { d: `2026-${String(m + 1).padStart(2, '0')}-01` }));
    expect(new Set(months).size).toBe(12);
  });

  it('says the day in India for a timestamp with a zone', () => {
    // 20:00 UTC on the 11th is 01:30 on the 12th in India
    expect(renderPrompt('{{date d}}', 'hi', { d: '2026-03-11T20:00:00.000Z' })).toBe('12 मार्च 2026');
    expect(renderPrompt('{{date d}}', 'en', { d: '2026-03-11T18:29:59Z' })).toBe('11 March 2026');
    expect(renderPrompt('{{date d}}', 'en', { d: '2026-03-12T00:30:00+05:30' })).toBe('12 March 2026');
    expect(indianDay('2026-03-12T00:30:00+0530')).toEqual({ year: 2026, month: 3, day: 12 });
    // no zone: already India time
    expect(renderPrompt('{{date d}}', 'en', { d: '2026-03-12T23:30' })).toBe('12 March 2026');
  });

  it('stops the render on anything that is not a date', () => {
    expect(() => renderPrompt('{{date d}}', 'hi', {})).toThrow('{{date}} (line 1, column 1): expected a date as YYYY-MM-DD or an ISO timestamp, got undefined (is the variable set?)');
    expect(() => renderPrompt('{{date d}}', 'hi', { d: '' })).toThrow('got ""');
    expect(() => renderPrompt('{{date d}}', 'en', { d: '12/03/2026' })).toThrow('got "12/03/2026"');
    expect(() => renderPrompt('{{date d}}', 'en', { d: 1773273600000 })).toThrow('got 1773273600000');
    expect(() => renderPrompt('{{date d}}', 'en', { d: '2026-02-30' })).toThrow('"2026-02-30" is not a calendar date');
    expect(() => renderPrompt('{{date d}}', 'en', { d: '2026-13-01' })).toThrow('not a calendar date');
    expect(() => renderPrompt('{{date d}}', 'en', { d: '2026-03-12T25:00Z' })).toThrow('not a valid time of day');
    expect(() => renderPrompt('{{date}}', 'en', { date: '2026-03-12' })).toThrow('a variable named "date" is written {{this.date}}');
    expect(renderPrompt('{{this.date}}', 'en', { date: '2026-03-12' })).toBe('2026-03-12');
  });
});
