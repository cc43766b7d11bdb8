import type { TNodeOf } from '../../flow/schema.js';
import { nextId, park, render, renderText, say, setVar, trace } from '../run.js';
import type { TNodeHandler } from './handler.js';

/**
 * Hands the call to a queue, then tells the caller their place and the expected wait (the
 * variable `queue` keeps them: position, expectedWaitSec, expectedWaitMin). With a
 * `next` (a call-back offer) the flow goes on while the caller keeps their place; without one
 * the caller waits, and the queues take the call from here.
 */
export const enqueueNode: TNodeHandler<TNodeOf<'enqueue'>> = {
  enter(run, node) {
    const requestId = nextId(run, 'queue');
    const skills = node.skills.map((s) => renderText(run, s)).filter((s) => s !== '');
    run.out.push({ type: 'enqueue', requestId, queue: renderText(run, node.queue), skills, priority: node.priority });
    run.s.waiting = { kind: 'enqueued', id: requestId };
    return null;
  },
  resume(run, node, event) {
    if (event.type === 'enqueued') {
      const place = { position: event.position, expectedWaitSec: event.expectedWaitSec, expectedWaitMin: Math.max(1, Math.ceil(event.expectedWaitSec / 60)) };
      setVar(run, 'queue', place);
      trace(run, { position: event.position, expectedWaitSec: event.expectedWaitSec });
      if (node.announce) {
        // the announcement sees the place directly ({{position}}) as well as in `queue`
        say(run, render(run, node.announce, place), 'announce');
        return null;
      }
    } else if (event.type !== 'media.finished') {
      return null;
    }
    if (node.next) return node.next;
    park(run);
    return null;
  },
};
