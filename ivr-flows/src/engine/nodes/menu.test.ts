import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

const flow = flowOf({
  start: 'menu',
  nodes: {
    menu: {
      type: 'menu',
      prompt: { en: 'Press 1 or 2', hi: '1 या 2' },
      choices: { '1': 'one', '2': 'two' },
      retries: 2,
      invalidPrompt: { en: 'Wrong key', hi: 'गलत' },
      timeoutPrompt: { en: 'Nothing pressed', hi: 'कुछ नहीं' },
      fallback: 'gone',
    },
    one: { type: 'hangup', prompt: { en: 'One', hi: 'एक' } },
    two: { type: 'hangup', prompt: { en: 'Two', hi: 'दो' } },
    gone: { type: 'hangup', prompt: { en: 'Goodbye', hi: 'अलविदा' } },
  },
});

describe('menu', () => {
  it('asks for one key with its prompt and follows the choice', () => {
    const walk = new FlowWalker(flow);
    expect(walk.last('collect')).toMatchObject({ maxDigits: 1, terminator: null, prompt: { text: 'Press 1 or 2' } });
    walk.press('2', 'max_digits');
    expect(walk.heard.at(-1)).toBe('Two');
    expect(walk.path()).toEqual(['menu', 'two']);
  });

  it('says the right reprompt after a wrong key or silence, then asks again', () => {
    const walk = new FlowWalker(flow);
    walk.press('7');
    walk.silence();
    expect(walk.heard).toEqual(['Press 1 or 2', 'Wrong key', 'Press 1 or 2', 'Nothing pressed', 'Press 1 or 2']);
    walk.press('1');
    expect(walk.heard.at(-1)).toBe('One');
  });

  it('goes to the fallback once the retries are used up', () => {
    const walk = new FlowWalker(flow);
    walk.silence().silence().silence();
    expect(walk.heard.at(-1)).toBe('Goodbye');
    expect(walk.path()).toEqual(['menu', 'gone']);
  });
});
