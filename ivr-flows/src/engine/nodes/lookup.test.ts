import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

const flow = flowOf({
  start: 'set',
  onError: 'sorry',
  nodes: {
    set: { type: 'set', values: { applicationNo: '451236789012', householdId: 42 }, next: 'find' },
    find: { type: 'lookup', name: 'applicationStatus', args: { applicationNo: '{{applicationNo}}', household: '{{householdId}}', missing: '{{nothing}}' }, assign: 'application', next: 'found', onNotFound: 'unknown' },
    found: { type: 'hangup', prompt: { en: 'Status {{application.status}}', hi: '{{application.status}}' } },
    unknown: { type: 'hangup', prompt: { en: 'Not found', hi: 'नहीं मिला' } },
    sorry: { type: 'hangup', prompt: { en: 'Sorry', hi: 'क्षमा' } },
  },
});

describe('lookup', () => {
  it('sends its arguments (a lone variable keeps its type) and keeps the answer', () => {
    const walk = new FlowWalker(flow);
    expect(walk.last('lookup')).toMatchObject({ name: 'applicationStatus', args: { applicationNo: '451236789012', household: 42, missing: null } });
    walk.answer({ status: 'approved' });
    expect(walk.session.variables.application).toEqual({ status: 'approved' });
    expect(walk.heard.at(-1)).toBe('Status approved');
  });

  it('goes to onNotFound for an empty answer', () => {
    expect(new FlowWalker(flow).answer(null).heard.at(-1)).toBe('Not found');
    expect(new FlowWalker(flow).answer([]).heard.at(-1)).toBe('Not found');
  });

  it('goes to the flow onError when the lookup fails and the node has none', () => {
    const walk = new FlowWalker(flow).fail('database unavailable');
    expect(walk.heard.at(-1)).toBe('Sorry');
    expect(walk.commands.some((c) => c.type === 'trace' && c.detail.error !== undefined)).toBe(true);
  });

  it('ignores an answer to a question it did not ask', () => {
    const walk = new FlowWalker(flow);
    walk.send({ type: 'lookup.result', requestId: 'lookup-999', ok: true, value: 1 });
    expect(walk.session.nodeId).toBe('find');
  });
});
