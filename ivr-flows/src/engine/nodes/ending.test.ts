import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

describe('transfer and hangup', () => {
  it('transfer announces, sends the call on and ends the flow', () => {
    const flow = flowOf({ start: 't', nodes: { t: { type: 'transfer', prompt: { en: 'Connecting you', hi: 'x' }, to: '+91{{office}}' } } });
    const walk = new FlowWalker(flow, { variables: { office: '7712345678' } });
    expect(walk.heard).toEqual(['Connecting you']);
    expect(walk.last('transfer')?.to).toBe('+917712345678');
    expect(walk.session.status).toBe('ended');
  });

  it('hangup without a prompt ends at once', () => {
    const walk = new FlowWalker(flowOf({ start: 'h', nodes: { h: { type: 'hangup' } } }));
    expect(walk.commands.filter((c) => c.type !== 'trace')).toEqual([{ type: 'hangup', reason: 'flow_end' }]);
  });
});
