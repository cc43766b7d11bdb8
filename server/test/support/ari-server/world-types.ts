/** The fake Asterisk's objects, and how each is written in ARI's JSON. */

export type TChannelState = 'Down' | 'Ring' | 'Ringing' | 'Up';
export type TBehaviour = 'answer' | 'machine' | 'busy' | 'no_answer' | 'rejected' | 'congestion';

export class AriHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TDialplan {
  context: string;
  exten: string;
  priority: number;
  app_name: string;
  app_data: string;
}

export interface TChan {
  id: string;
  name: string;
  state: TChannelState;
  protocolId: string;
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  dialplan: TDialplan;
  creationtime: string;
  language: string;
  /** apps that receive this channel's events */
  subscribers: Set<string>;
  stasisApp: string | null;
  bridgeId: string | null;
  /** the far side's ears: media URIs (and music on hold) it was played, in order */
  heard: string[];
  /** audio suppressed by ARI's mute: `in` is what the channel sends into Asterisk (its bridge hears silence) */
  mute: { in: boolean; out: boolean };
  /** the far side's ears for tones: each `POST /channels/{id}/dtmf`, in order */
  tones: string[];
  vars: Map<string, string>;
  /** set once its hangup has begun: no further far-side behaviour, no commands */
  dying: boolean;
  timers: Set<NodeJS.Timeout>;
  playQueue: string[];
  currentPlayback: string | null;
  /** for a snoop channel: what it listens to */
  snoopOf: { targetId: string; spy: string; whisper: string } | null;
  origin: { app: string | null; appArgs: string[]; context: string | null; timeoutMs: number; behaviour: TBehaviour } | null;
}

export interface TBridge {
  id: string;
  bridgeType: 'mixing' | 'holding';
  dtmfEvents: boolean;
  name: string;
  channels: string[];
  creationtime: string;
  moh: string | null;
  subscribers: Set<string>;
}

export interface TPlayback {
  id: string;
  media: string[];
  index: number;
  targetUri: string;
  channelId: string;
  language: string;
  state: 'queued' | 'playing' | 'done';
  timer: NodeJS.Timeout | null;
}

export interface TRecording {
  name: string;
  format: string;
  targetUri: string;
  /** what is recorded: a bridge, or one channel (a voice message) */
  bridgeId: string | null;
  channelId: string | null;
  /** channel recordings: the key that ends them, and their length limit */
  terminateOn: string;
  timer: NodeJS.Timeout | null;
  state: 'queued' | 'recording' | 'done';
  startedAt: number;
  duration?: number;
}

/** Asterisk's time format: `2026-05-13T09:47:36.123+0000`. */
export function asteriskTime(date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}

export function channelJson(c: TChan) {
  return {
    id: c.id,
    name: c.name,
    state: c.state,
    protocol_id: c.protocolId,
    caller: { ...c.caller },
    connected: { ...c.connected },
    accountcode: '',
    dialplan: { ...c.dialplan },
    creationtime: c.creationtime,
    language: c.language,
  };
}

export function bridgeJson(b: TBridge) {
  return {
    id: b.id,
    technology: b.bridgeType === 'holding' ? 'holding_bridge' : 'simple_bridge',
    bridge_type: b.bridgeType,
    bridge_class: 'stasis',
    creator: 'Stasis',
    name: b.name,
    channels: [...b.channels],
    video_mode: 'none',
    creationtime: b.creationtime,
  };
}

export function playbackJson(p: TPlayback) {
  const next = p.media[p.index + 1];
  return {
    id: p.id,
    media_uri: p.media[p.index] ?? '',
    ...(next ? { next_media_uri: next } : {}),
    target_uri: p.targetUri,
    language: p.language,
    state: p.state,
  };
}

export function recordingJson(r: TRecording) {
  return {
    name: r.name,
    format: r.format,
    target_uri: r.targetUri,
    state: r.state,
    ...(r.duration === undefined ? {} : { duration: r.duration, talking_duration: r.duration, silence_duration: 0 }),
  };
}

/** Asterisk's texts for the causes the test server produces (`ast_cause2str`). */
export const CAUSE_TEXT: Record<number, string> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
  28: 'Invalid number format',
  31: 'Normal, unspecified',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  41: 'Temporary failure',
  58: 'Bearer capability not available',
  127: 'Interworking, unspecified',
};

/** DELETE /channels/{id}?reason=… → the Q.850 code Asterisk sets. */
export const HANGUP_REASONS: Record<string, number> = {
  normal: 16,
  busy: 17,
  congestion: 34,
  no_answer: 19,
  timeout: 19,
  rejected: 21,
  unallocated: 1,
  normal_unspecified: 31,
  number_incomplete: 28,
  codec_mismatch: 58,
  interworking: 127,
  failure: 38,
  answered_elsewhere: 26,
};
