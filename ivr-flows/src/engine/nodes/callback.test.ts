import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

const flow = (next?: string) =>
  flowOf({
    start: 'offer',
    nodes: {
      offer: { type: 'callback', prompt: { en: 'Press 1 for a call-back', hi: 'x' }, queue: 'general-{{language}}', confirm: { en: 'We will call you', hi: 'x' }, ...(next ? { next } : {}) },
      bye: { type: 'hangup', prompt: { en: 'Goodbye', hi: 'x' } },
    },
  });

describe('callback', () => {
  it('on the key, asks for a call-back on the queue, confirms and hangs up', () => {
    const walk = new FlowWalker(flow());
    walk.press('1');
    expect(walk.last('lookup')).toMatchObject({ name: 'requestCallback', args: { queue: 'general-en' } });
    walk.answer({ callbackId: 5, position: 2 });
    expect(walk.heard.at(-1)).toBe('We will call you');
    expect(walk.last('hangup')?.reason).toBe('flow_end');
  });

  it('declined: the caller keeps waiting, or goes to next', () => {
    const waiting = new FlowWalker(flow()).silence();
    expect(waiting.session.status).toBe('queued');
    expect(new FlowWalker(flow('bye')).press('2').heard.at(-1)).toBe('Goodbye');
  });
});
