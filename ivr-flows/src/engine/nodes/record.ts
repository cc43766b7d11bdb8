import type { TNodeOf } from '../../flow/schema.js';
import { nextId, render, say, setVar, trace } from '../run.js';
import type { TNodeHandler } from './handler.js';

/** The prompt, then the caller's voice until the end key, the limit or a hang-up. */
export const recordNode: TNodeHandler<TNodeOf<'record'>> = {
  enter(run, node) {
    say(run, render(run, node.prompt), 'prompt');
    return null;
  },
  resume(run, node, event) {
    if (event.type === 'media.finished') {
      const requestId = nextId(run, 'recording');
      run.out.push({ type: 'record', requestId, maxSeconds: node.maxSeconds, endKey: node.endKey, beep: node.beep });
      run.s.waiting = { kind: 'recording', id: requestId };
      return null;
    }
    if (event.type !== 'recording.finished') return null;
    const empty = event.uri === '' || event.durationSec <= 0;
    trace(run, { recorded: !empty, durationSec: event.durationSec });
    setVar(run, node.assign, empty ? null : { uri: event.uri, durationSec: event.durationSec });
    return empty && node.onEmpty ? node.onEmpty : node.next;
  },
};
