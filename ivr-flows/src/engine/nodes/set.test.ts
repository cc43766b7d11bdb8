import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

describe('set', () => {
  it('assigns literals, templates and typed variables', () => {
    const flow = flowOf({
      start: 'set',
      nodes: {
        set: { type: 'set', values: { count: 3, queue: 'general-{{language}}', copy: '{{source.id}}', none: null }, next: 'bye' },
        bye: { type: 'hangup' },
      },
    });
    const walk = new FlowWalker(flow, { variables: { source: { id: 7 } } });
    expect(walk.session.variables).toMatchObject({ count: 3, queue: 'general-en', copy: 7, none: null });
  });
});
