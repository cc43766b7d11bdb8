import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

const flow = flowOf({
  start: 'hello',
  nodes: {
    hello: { type: 'say', prompt: { en: 'Hello {{caller}}', hi: 'नमस्ते' }, next: 'file' },
    file: { type: 'play', prompt: { en: '', hi: '', files: { en: 'sound:welcome-en' } }, next: 'bye' },
    bye: { type: 'hangup' },
  },
});

describe('say and play', () => {
  it('renders the text in the call language, then goes on once it has finished', () => {
    const walk = new FlowWalker(flow, { autoMedia: false });
    expect(walk.last('play')?.prompt).toEqual({ language: 'en', text: 'Hello +919876543210' });
    expect(walk.last('play')?.interruptible).toBe(false);
    expect(walk.session.nodeId).toBe('hello');
    walk.finishMedia();
    expect(walk.last('play')?.prompt).toEqual({ language: 'en', text: '', file: 'sound:welcome-en' });
    walk.finishMedia();
    expect(walk.last('hangup')?.reason).toBe('flow_end');
    expect(walk.session.status).toBe('ended');
  });

  it('ignores the end of a prompt it is not waiting for', () => {
    const walk = new FlowWalker(flow, { autoMedia: false });
    const before = walk.session;
    walk.send({ type: 'media.finished', mediaId: 'media-999', reason: 'done' });
    expect(walk.session).toBe(before);
  });
});
