import { Q850_FOR_CAUSE, type TCallInfo, type THangupCause, type TMedia } from '../port.js';
import { Collector, type TCollectRules } from './collect.js';
import type { SimCore } from './core.js';
import { pressKeys } from './keys.js';
import type { TSimLeg } from './types.js';
import { mediaDurationMs, Playlist, type TFinishReason, type TPlayItem } from './media.js';
import { ScriptedParty } from './party.js';
import type { TCitizenScript } from './script.js';

export interface TLegInit {
  info: TCallInfo;
  isAgent: boolean;
  detectMachine: boolean;
  script: TCitizenScript;
}

/** a new leg on the network, wired to its media queue and its far end's script */
export function createLeg(core: SimCore, init: TLegInit): TSimLeg {
  // the hooks close over `leg`; none runs before the object exists
  const leg: TSimLeg = {
    info: init.info,
    state: 'ringing',
    isAgent: init.isAgent,
    isMachine: false,
    detectMachine: init.detectMachine,
    party: new ScriptedParty(
      init.script,
      {
        now: () => core.clock.now(),
        schedule: (ms, fn) => void core.schedule(leg, ms, fn),
        press: (keys, gapMs, done) => pressKeys(core, leg, keys, gapMs, done),
        hangup: () => remoteHangup(core, leg),
      },
      core.settings.keyGapMs,
    ),
    playlist: new Playlist({
      schedule: (ms, fn) => core.schedule(leg, ms, fn),
      started: (item) => mediaStarted(core, leg, item),
      finished: (item, reason) => mediaFinished(core, leg, item, reason),
    }),
    collector: null,
    recording: null,
    onHold: false,
    muted: false,
    controls: [],
    bridgeId: null,
    transcript: [],
    ringTimer: null,
    answeredAt: null,
    endedAt: null,
    end: null,
    timers: new Set(),
    onEnd: new Set(),
  };
  core.legs.set(leg.info.callId, leg);
  return leg;
}

function mediaStarted(core: SimCore, leg: TSimLeg, item: TPlayItem): void {
  const { media } = item;
  item.heard = {
    mediaId: item.mediaId,
    kind: media.kind,
    content: media.kind === 'speech' ? media.text : media.kind === 'file' ? media.uri : '',
    interruptible: item.interruptible,
    startedAt: core.iso(),
    endedAt: null,
    reason: null,
  };
  leg.transcript.push(item.heard);
  core.emit(leg, { type: 'media.started', mediaId: item.mediaId });
  if (media.kind !== 'silence') leg.party.noticed('prompt');
}

function mediaFinished(core: SimCore, leg: TSimLeg, item: TPlayItem, reason: TFinishReason): void {
  if (item.heard) {
    item.heard.endedAt = core.iso();
    item.heard.reason = reason;
  }
  core.emit(leg, { type: 'media.finished', mediaId: item.mediaId, reason });
  if (leg.collector?.promptMediaId === item.mediaId) leg.collector.promptEnded();
}

/** queues media on an answered leg; returns its id */
export function playOn(core: SimCore, leg: TSimLeg, media: TMedia, interruptible: boolean): string {
  const mediaId = core.newId();
  leg.playlist.enqueue({ mediaId, media, interruptible, durationMs: mediaDurationMs(media, core.settings), heard: null });
  leg.playlist.startNext();
  return mediaId;
}

/** starts a collection; its prompt, if any, is interruptible and starts the digit clock when it ends */
export function startCollect(
  core: SimCore,
  leg: TSimLeg,
  requestId: string,
  rules: TCollectRules,
  prompt: TMedia | undefined,
): void {
  const promptId = prompt ? core.newId() : null;
  leg.collector = new Collector(requestId, rules, promptId, {
    schedule: (ms, fn) => core.schedule(leg, ms, fn),
    finished: (id, digits, reason) => {
      if (leg.collector?.requestId === id) leg.collector = null;
      core.emit(leg, { type: 'call.digits', requestId: id, digits, reason });
    },
  });
  leg.party.noticed('collect');
  if (prompt && promptId) {
    leg.playlist.enqueue({ mediaId: promptId, media: prompt, interruptible: true, durationMs: mediaDurationMs(prompt, core.settings), heard: null });
    leg.playlist.startNext();
  }
}

/** the leg comes up: `call.answered`, machine detection if asked, then the far end's script */
export function answerLeg(core: SimCore, leg: TSimLeg): void {
  if (leg.state !== 'ringing') return;
  leg.ringTimer?.cancel();
  leg.ringTimer = null;
  core.emit(leg, { type: 'call.answered' });
  leg.state = 'answered';
  leg.answeredAt = core.iso();
  if (leg.detectMachine) {
    core.schedule(leg, core.settings.amdMs, () => core.emit(leg, { type: 'call.machine', result: leg.isMachine ? 'machine' : 'human' }));
  }
  leg.party.answered();
}

/**
 * The far end hangs up. On an answered or inbound ringing leg that is a normal clearing; on an
 * outbound leg still ringing, the citizen has declined the call.
 */
export function remoteHangup(core: SimCore, leg: TSimLeg): void {
  if (leg.state === 'ended') return;
  if (leg.state === 'ringing' && leg.info.direction === 'outbound') {
    core.end(leg, { kind: 'failed', reason: 'rejected', q850: Q850_FOR_CAUSE.rejected });
  } else {
    core.end(leg, { kind: 'hangup', cause: 'normal', q850: Q850_FOR_CAUSE.normal, by: 'remote' });
  }
}

export function localHangup(core: SimCore, leg: TSimLeg, cause: THangupCause): void {
  core.end(leg, { kind: 'hangup', cause, q850: Q850_FOR_CAUSE[cause], by: 'local' });
}
