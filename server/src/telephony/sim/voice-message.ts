import type { TRecordOptions } from '../port.js';
import type { TSimTimer } from './clock.js';
import type { SimCore } from './core.js';
import type { TSimLeg } from './types.js';

/** A voice message being recorded on one leg. */
export interface TSimRecording {
  recordingId: string;
  endKey: string;
  startedAtMs: number;
  timer: TSimTimer;
}

/**
 * Starts recording the caller. The message ends on the end key, at `maxSeconds`, or when the
 * caller hangs up — then it is reported before the hang-up, as a caller who rang off after
 * speaking has still left a message.
 */
export function startVoiceMessage(core: SimCore, leg: TSimLeg, options: TRecordOptions): void {
  const startedAtMs = core.clock.now();
  const timer = core.schedule(leg, options.maxSeconds * 1000, () => finishVoiceMessage(core, leg));
  leg.recording = { recordingId: options.recordingId, endKey: options.endKey, startedAtMs, timer };
  leg.party.noticed('record');
}

/** ends the message being recorded, if any, and reports it on the leg */
export function finishVoiceMessage(core: SimCore, leg: TSimLeg): void {
  const recording = leg.recording;
  if (!recording) return;
  leg.recording = null;
  recording.timer.cancel();
  const durationSec = Math.round((core.clock.now() - recording.startedAtMs) / 1000);
  core.emit(leg, { type: 'recording.finished', recordingId: recording.recordingId, uri: `sim:recording/${recording.recordingId}`, durationSec });
}
