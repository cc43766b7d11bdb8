import type { TNodeOf } from '../../flow/schema.js';
import { render, say } from '../run.js';
import type { TNodeHandler } from './handler.js';

/** `say` and `play`: one prompt (text or a recording), then the next node. */
export const sayNode: TNodeHandler<TNodeOf<'say' | 'play'>> = {
  enter(run, node) {
    const prompt = render(run, node.prompt);
    if (prompt.text === '' && !prompt.file) return node.next;
    say(run, prompt, 'saying', node.interruptible);
    return null;
  },
  resume(_run, node, event) {
    return event.type === 'media.finished' ? node.next : null;
  },
};
