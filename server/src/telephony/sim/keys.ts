import type { SimCore } from './core.js';
import type { TSimLeg } from './types.js';
import { finishVoiceMessage } from './voice-message.js';

/**
 * One key on an answered leg. Order matters and is the contract's: interruptible prompts
 * finish ('interrupted') before the `call.dtmf`, then the key counts toward a running collection,
 * then whatever media is queued behind plays. Keys on a leg that is not up go nowhere.
 */
export function pressKey(core: SimCore, leg: TSimLeg, key: string): void {
  if (leg.state !== 'answered') return;
  leg.playlist.interrupt();
  core.emit(leg, { type: 'call.dtmf', digit: key });
  // a collection that ends here clears itself from the leg (see startCollect)
  leg.collector?.key(key);
  if (leg.recording?.endKey === key) finishVoiceMessage(core, leg);
  leg.playlist.startNext();
}

/** keys one after another, `gapMs` apart; `done` runs after the last key or when the leg ends */
export function pressKeys(core: SimCore, leg: TSimLeg, keys: string, gapMs: number, done: () => void): void {
  if (!/^[0-9*#]*$/.test(keys)) throw new RangeError(`not keys: ${keys}`);
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    leg.onEnd.delete(finish);
    done();
  };
  if (leg.state === 'ended') return finish();
  leg.onEnd.add(finish);
  const step = (index: number): void => {
    const key = keys[index];
    if (key === undefined) return finish();
    pressKey(core, leg, key);
    if (index + 1 >= keys.length) return finish();
    core.schedule(leg, gapMs, () => step(index + 1));
  };
  step(0);
}
