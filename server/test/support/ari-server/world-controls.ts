import { AriHttpError } from './world-types.js';
import type { FakeAsterisk } from './world.js';

/**
 * Mute and tones on a channel, as resource_channels.c does them: the channel is looked up (404)
 * and must be in Stasis (409) before the arguments are judged (400).
 */

/** POST / DELETE /channels/{id}/mute?direction=both|in|out (both by default) */
export function setMute(world: FakeAsterisk, channelId: string, direction: string | null, muted: boolean): void {
  const c = world.controlled(channelId);
  const which = direction ?? 'both';
  if (which !== 'both' && which !== 'in' && which !== 'out') throw new AriHttpError(400, 'Invalid direction specified');
  if (which !== 'out') c.mute.in = muted;
  if (which !== 'in') c.mute.out = muted;
}

/** POST /channels/{id}/dtmf?dtmf=…: the tones reach the channel's far side */
export function sendDtmf(world: FakeAsterisk, channelId: string, dtmf: string | null): void {
  const c = world.controlled(channelId);
  if (!dtmf) throw new AriHttpError(400, 'DTMF is required');
  c.tones.push(dtmf);
}
