import { Conflict, Invalid } from '../../errors.js';
import type { TRecordOptions } from '../port.js';
import { requireStasis, toAppError, type AriCore, type TLeg } from './ari.core.js';

/**
 * Voice messages: `POST /channels/{id}/record` under Samvad's recording id as its name, ended by
 * Asterisk itself on the end key (`terminateOn`) or the length limit. A caller who hangs up
 * mid-message has still left one; Asterisk's RecordingFinished for it may come after the
 * channel is gone, so the adapter reports the message itself just before the hang-up.
 */
export async function recordVoiceMessage(core: AriCore, callId: string, options: TRecordOptions): Promise<void> {
  const leg = core.leg(callId);
  requireStasis(leg);
  if (!Number.isFinite(options.maxSeconds) || options.maxSeconds <= 0) throw Invalid('maxSeconds must be a positive number');
  if (leg.voiceMessage) throw Conflict(`call ${callId} is already recording a message (${leg.voiceMessage.name})`);
  const name = options.recordingId;
  leg.voiceMessage = { name, startedAt: Date.now() };
  core.recordings.set(name, [callId]);
  try {
    await core.rest().recordChannel(leg.channelId, {
      name,
      format: core.config.recordingFormat,
      maxDurationSeconds: Math.ceil(options.maxSeconds),
      beep: options.beep,
      terminateOn: options.endKey,
    });
  } catch (error) {
    leg.voiceMessage = null;
    core.recordings.delete(name);
    throw toAppError(error, 'call');
  }
}

/** RecordingFinished/Failed for a voice message; false when the recording is not one. */
export function finishVoiceMessage(core: AriCore, name: string, outcome: { at: string; durationSec: number | null; failed: string | null }): boolean {
  const owner = core.recordings.get(name)?.[0];
  const leg = owner === undefined ? undefined : core.legs.get(owner);
  if (!leg || leg.voiceMessage?.name !== name) return false;
  report(core, leg, outcome);
  return true;
}

/** The leg is ending with a message still being recorded: it is reported first. */
export function flushVoiceMessage(core: AriCore, leg: TLeg, at: string): void {
  if (!leg.voiceMessage) return;
  report(core, leg, { at, durationSec: null, failed: null });
}

function report(core: AriCore, leg: TLeg, outcome: { at: string; durationSec: number | null; failed: string | null }): void {
  const message = leg.voiceMessage;
  if (!message) return;
  leg.voiceMessage = null;
  core.recordings.delete(message.name);
  if (leg.ended) return;
  if (outcome.failed !== null) {
    core.emit({ type: 'recording.failed', callId: leg.callId, at: outcome.at, recordingId: message.name, reason: outcome.failed });
    return;
  }
  // Asterisk's own length when it told us; the adapter's clock when the caller rang off first
  const durationSec = outcome.durationSec ?? Math.round((Date.now() - message.startedAt) / 1000);
  core.emit({ type: 'recording.finished', callId: leg.callId, at: outcome.at, recordingId: message.name, uri: `recording:${message.name}`, durationSec });
}
