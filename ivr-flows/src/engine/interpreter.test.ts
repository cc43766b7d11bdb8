import { describe, expect, it } from 'vitest';
import { start, step } from './interpreter.js';
import { flowOf, FlowWalker } from './testing.js';

describe('interpreter', () => {
  it('stops a flow that loops without waiting at the step cap', () => {
    const flow = flowOf({ start: 'a', maxSteps: 10, nodes: { a: { type: 'set', values: { x: 1 }, next: 'b' }, b: { type: 'set', values: { y: 2 }, next: 'a' } } });
    const walk = new FlowWalker(flow);
    expect(walk.last('hangup')?.reason).toBe('step_cap');
    expect(walk.commands.at(-2)).toMatchObject({ type: 'trace', detail: { stepCap: 10 } });
    expect(walk.session.steps).toBe(11);
    expect(walk.session.status).toBe('ended');
  });

  it('counts retries toward the cap, so a menu that loops on itself ends', () => {
    const flow = flowOf({
      start: 'm',
      maxSteps: 12,
      nodes: { m: { type: 'menu', prompt: { en: 'Press 1', hi: 'x' }, choices: { '1': 'm' }, retries: 0, fallback: 'm' } },
    });
    const walk = new FlowWalker(flow);
    for (let i = 0; i < 20 && walk.session.status === 'running'; i += 1) walk.silence();
    expect(walk.last('hangup')?.reason).toBe('step_cap');
  });

  it('starts in the language the call arrives with, when the flow speaks it', () => {
    const flow = flowOf({ start: 'bye', nodes: { bye: { type: 'hangup', prompt: { en: 'Thank you', hi: 'धन्यवाद' } } } });
    expect(new FlowWalker(flow, { variables: { language: 'hi' } }).heard).toEqual(['धन्यवाद']);
    expect(new FlowWalker(flow, { variables: { language: 'gon' } }).session.language).toBe('en');
    expect(new FlowWalker(flow, { variables: { language: 'gon' } }).session.variables.language).toBe('en');
  });

  it('ends on hang-up and ignores everything after', () => {
    const flow = flowOf({ start: 'm', nodes: { m: { type: 'menu', prompt: { en: 'Press 1', hi: 'x' }, choices: { '1': 'bye' }, fallback: 'bye' }, bye: { type: 'hangup' } } });
    const walk = new FlowWalker(flow).hangup();
    expect(walk.session.status).toBe('ended');
    expect(walk.commands.at(-1)).toMatchObject({ type: 'trace', nodeId: 'm', detail: { hangup: true } });
    const after = step(flow, walk.session, { type: 'digits', requestId: 'digits-1', digits: '1', reason: 'max_digits' });
    expect(after.commands).toEqual([]);
  });

  it('a prompt that cannot be rendered goes to onError once, then ends the call', () => {
    const flow = flowOf({
      start: 'bad',
      onError: 'sorry',
      nodes: {
        bad: { type: 'say', prompt: { en: 'Due {{date dueOn}}', hi: 'x' }, next: 'bye' },
        sorry: { type: 'say', prompt: { en: 'Sorry {{date alsoMissing}}', hi: 'x' }, next: 'bye' },
        bye: { type: 'hangup' },
      },
    });
    const walk = new FlowWalker(flow);
    expect(walk.path()).toEqual(['bad', 'sorry']);
    expect(walk.last('hangup')?.reason).toBe('error');
  });

  it('is pure: the same events give the same commands, and the input session is not changed', () => {
    const flow = flowOf({ start: 'm', nodes: { m: { type: 'menu', prompt: { en: 'Press 1', hi: 'x' }, choices: { '1': 'bye' }, fallback: 'bye' }, bye: { type: 'hangup' } } });
    const started = { type: 'started' as const, at: '2026-03-12T06:30:00.000Z', callId: 'c', caller: null, called: '+9118002334455' };
    const a = start(flow, started);
    const b = start(flow, started);
    expect(a).toEqual(b);
    const frozen = structuredClone(a.session);
    step(flow, a.session, { type: 'digits', requestId: 'digits-1', digits: '1', reason: 'max_digits' });
    expect(a.session).toEqual(frozen);
  });
});
