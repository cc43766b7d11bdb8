import { Invalid } from '../../errors.js';
import { DTMF_DIGITS } from '../port.js';
import { requireStasis, toAppError, type AriCore } from './ari.core.js';

/** Asterisk's defaults: tones a carrier's and a department IVR's detectors both take */
const TONE_MS = 100;
const GAP_MS = 100;

/**
 * Mutes what the leg sends (`direction=in`): the others in its bridge hear silence, while the
 * leg still hears them. Muting twice is harmless in Asterisk, so no state is kept here.
 */
export async function mute(core: AriCore, callId: string, muted: boolean): Promise<void> {
  const leg = core.leg(callId);
  requireStasis(leg);
  try {
    if (muted) await core.rest().mute(leg.channelId, 'in');
    else await core.rest().unmute(leg.channelId, 'in');
  } catch (error) {
    throw toAppError(error, 'call');
  }
}

/** plays the keys as tones to the channel (its far end hears them) */
export async function sendDtmf(core: AriCore, callId: string, digits: string): Promise<void> {
  if (!DTMF_DIGITS.test(digits)) throw Invalid('digits are 1 to 32 of 0-9, * and #', [{ field: 'digits', message: 'must be 1 to 32 of 0-9, * and #' }]);
  const leg = core.leg(callId);
  requireStasis(leg);
  try {
    await core.rest().sendDtmf(leg.channelId, digits, { betweenMs: GAP_MS, durationMs: TONE_MS });
  } catch (error) {
    throw toAppError(error, 'call');
  }
}
