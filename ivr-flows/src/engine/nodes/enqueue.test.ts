import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

const nodes = {
  agent: {
    type: 'enqueue' as const,
    queue: 'general-{{language}}',
    skills: ['{{language}}', 'FOOD'],
    priority: 2,
    announce: { en: 'You are number {{queue.position}}, about {{queue.expectedWaitMin}} minutes', hi: 'x' },
  },
};

describe('enqueue', () => {
  it('hands the call to the queue with skills, then announces the place and waits', () => {
    const walk = new FlowWalker(flowOf({ start: 'agent', nodes }));
    expect(walk.last('enqueue')).toMatchObject({ queue: 'general-en', skills: ['en', 'FOOD'], priority: 2 });
    walk.enqueued(3, 150);
    expect(walk.heard).toEqual(['You are number 3, about 3 minutes']);
    expect(walk.session.status).toBe('queued');
    expect(walk.session.waiting).toBeNull();
  });

  it('goes on to its next node while the caller keeps their place', () => {
    const walk = new FlowWalker(flowOf({ start: 'agent', nodes: { agent: { ...nodes.agent, next: 'music' }, music: { type: 'say', prompt: { en: 'Please hold', hi: 'x' }, next: 'agent' } } }));
    walk.enqueued(1, 30);
    expect(walk.heard.at(-1)).toBe('Please hold');
    expect(walk.session.status).toBe('running');
    expect(walk.session.variables.queue).toEqual({ position: 1, expectedWaitSec: 30, expectedWaitMin: 1 });
  });

  it('announces with position and expectedWaitSec as plain variables', () => {
    const announce = { en: 'Place {{position}}, {{expectedWaitSec}} seconds', hi: 'x' };
    const walk = new FlowWalker(flowOf({ start: 'agent', nodes: { agent: { ...nodes.agent, announce } } }));
    walk.enqueued(4, 95);
    expect(walk.heard).toEqual(['Place 4, 95 seconds']);
  });
});
