import { describe, expect, it } from 'vitest';
import type { TFlowInput } from '../../flow/schema.js';
import { flowOf, FlowWalker } from '../testing.js';

type TNodes = TFlowInput['nodes'];

const offer = {
  type: 'callback' as const,
  prompt: { en: 'Press 1 for a call-back', hi: 'x' },
  queue: 'general-{{language}}',
  confirm: { en: 'We will call you, number {{callback.position}} in line', hi: 'x' },
};

const flow = (extra: Partial<typeof offer> & { next?: string; failedPrompt?: { en: string; hi: string } } = {}) => {
  const nodes: TNodes = { offer: { ...offer, ...extra }, bye: { type: 'hangup', prompt: { en: 'Goodbye', hi: 'x' } } };
  return flowOf({ start: 'offer', nodes });
};

describe('callback', () => {
  it('on the key, asks for a call-back on the queue, confirms and hangs up', () => {
    const walk = new FlowWalker(flow());
    expect(walk.last('collect')).toMatchObject({ maxDigits: 1, prompt: { text: 'Press 1 for a call-back' } });
    walk.press('1');
    expect(walk.last('lookup')).toMatchObject({ name: 'requestCallback', args: { queue: 'general-en' } });
    walk.answer({ callbackId: 5, position: 2, dueAt: '2026-03-12T08:30:00.000Z' });
    expect(walk.heard.at(-1)).toBe('We will call you, number 2 in line');
    expect(walk.last('hangup')?.reason).toBe('flow_end');
    expect(walk.session.status).toBe('ended');
  });

  it('declined or silent: the caller keeps waiting, or goes to next', () => {
    const waiting = new FlowWalker(flow()).silence();
    expect(waiting.session.status).toBe('queued');
    expect(waiting.commands.some((c) => c.type === 'lookup')).toBe(false);
    expect(new FlowWalker(flow({ next: 'bye' })).press('2').heard.at(-1)).toBe('Goodbye');
  });

  it('never confirms a call-back that failed: says so, then goes on as after a decline', () => {
    const failed = new FlowWalker(flow({ next: 'bye', failedPrompt: { en: 'Sorry, we could not book a call-back', hi: 'x' } }));
    failed.press('1').fail('database unavailable');
    expect(failed.heard.slice(-2)).toEqual(['Sorry, we could not book a call-back', 'Goodbye']);
    expect(failed.heard).not.toContain('We will call you, number 2 in line');

    const inQueue = new FlowWalker(flow()).press('1').fail('database unavailable');
    expect(inQueue.session.status).toBe('queued');
    expect(inQueue.commands.some((c) => c.type === 'hangup')).toBe(false);
  });
});
