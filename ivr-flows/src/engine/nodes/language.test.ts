import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

const flow = flowOf({
  languages: ['hi', 'cg', 'en'],
  defaultLanguage: 'hi',
  start: 'stored',
  nodes: {
    stored: { type: 'language', set: '{{preferred}}', next: 'ask' },
    ask: { type: 'language', prompt: { hi: '1 हिन्दी, 2 छत्तीसगढ़ी, 3 English', cg: 'x', en: 'x' }, choices: { '1': 'hi', '2': 'cg', '3': 'en' }, retries: 1, next: 'bye' },
    bye: { type: 'hangup', prompt: { hi: 'धन्यवाद', cg: 'धन्यवाद गा', en: 'Thank you' } },
  },
});

describe('language', () => {
  it("sets a known caller's stored preference", () => {
    const walk = new FlowWalker(flow, { variables: { preferred: 'en' } });
    expect(walk.session.language).toBe('en');
    expect(walk.last('collect')?.prompt?.language).toBe('en');
  });

  it('keeps the current language when the stored one is not spoken by the flow', () => {
    const walk = new FlowWalker(flow, { variables: { preferred: 'gon' } });
    expect(walk.session.language).toBe('hi');
  });

  it('asks, and a key switches the language for everything after', () => {
    const walk = new FlowWalker(flow, { variables: { preferred: 'hi' } });
    walk.press('2');
    expect(walk.session.language).toBe('cg');
    expect(walk.session.variables.language).toBe('cg');
    expect(walk.heard.at(-1)).toBe('धन्यवाद गा');
  });

  it('keeps the language after silence and wrong keys', () => {
    const walk = new FlowWalker(flow, { variables: { preferred: 'hi' } });
    walk.silence().press('9');
    expect(walk.session.language).toBe('hi');
    expect(walk.heard.at(-1)).toBe('धन्यवाद');
  });
});
