import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

const flow = flowOf({
  start: 'message',
  nodes: {
    message: { type: 'record', prompt: { en: 'After the beep', hi: 'बीप के बाद' }, assign: 'voice', maxSeconds: 90, endKey: '#', next: 'thanks', onEmpty: 'nothing' },
    thanks: { type: 'hangup', prompt: { en: '{{voice.durationSec}} seconds', hi: 'x' } },
    nothing: { type: 'hangup', prompt: { en: 'Nothing recorded', hi: 'x' } },
  },
});

describe('record', () => {
  it('says its prompt, then records with the limit and end key', () => {
    const walk = new FlowWalker(flow);
    expect(walk.heard).toEqual(['After the beep']);
    expect(walk.last('record')).toMatchObject({ maxSeconds: 90, endKey: '#', beep: true });
    walk.recorded('recording:vm-1', 14);
    expect(walk.session.variables.voice).toEqual({ uri: 'recording:vm-1', durationSec: 14 });
    expect(walk.heard.at(-1)).toBe('14 seconds');
  });

  it('treats an empty recording as no message', () => {
    expect(new FlowWalker(flow).recorded('', 0).heard.at(-1)).toBe('Nothing recorded');
  });
});
