import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';
import { isValidInput } from '../validators.js';

const flow = flowOf({
  start: 'number',
  nodes: {
    number: {
      type: 'collect',
      prompt: { en: 'Your application number', hi: 'आवेदन क्रमांक' },
      assign: 'applicationNo',
      minDigits: 12,
      maxDigits: 12,
      validator: 'applicationNumber',
      retries: 1,
      invalidPrompt: { en: 'Twelve digits please', hi: '12 अंक' },
      next: 'thanks',
      fallback: 'gone',
    },
    thanks: { type: 'hangup', prompt: { en: 'Got {{digits applicationNo}}', hi: '{{applicationNo}}' } },
    gone: { type: 'hangup' },
  },
});

describe('collect', () => {
  it('asks with its limits and keeps valid digits in the variable', () => {
    const walk = new FlowWalker(flow);
    expect(walk.last('collect')).toMatchObject({ minDigits: 12, maxDigits: 12, terminator: '#', timeoutMs: 8000 });
    walk.press('451236789012');
    expect(walk.session.variables.applicationNo).toBe('451236789012');
    expect(walk.heard.at(-1)).toBe('Got 4 5 1 2, 3 6 7 8, 9 0 1 2');
  });

  it('takes digits typed before a pause without the #', () => {
    const walk = new FlowWalker(flow);
    walk.press('451236789012', 'timeout');
    expect(walk.session.variables.applicationNo).toBe('451236789012');
  });

  it('refuses a malformed number, asks again, then falls back', () => {
    const walk = new FlowWalker(flow);
    walk.press('4512');
    expect(walk.heard).toEqual(['Your application number', 'Twelve digits please', 'Your application number']);
    walk.press('45123');
    expect(walk.path()).toEqual(['number', 'gone']);
    expect(walk.session.variables.applicationNo).toBeUndefined();
  });
});

describe('validators', () => {
  it('know application numbers, keyed dockets, mobiles and patterns', () => {
    expect(isValidInput('applicationNumber', '451236789012')).toBe(true);
    expect(isValidInput('applicationNumber', '45123678901')).toBe(false);
    expect(isValidInput('docketNumber', '2026000123')).toBe(true);
    expect(isValidInput('docketNumber', '1999000123')).toBe(false);
    expect(isValidInput('mobile', '9876543210')).toBe(true);
    expect(isValidInput('mobile', '1876543210')).toBe(false);
    expect(isValidInput({ pattern: '[1-3]' }, '2')).toBe(true);
    expect(isValidInput({ pattern: '[1-3]' }, '23')).toBe(false);
  });
});
