import type { TCallInfo, THangupCause, TTelephonyEvent } from '../port.js';
import type { TSimTimer } from './clock.js';
import type { Collector } from './collect.js';
import type { Playlist, THeardItem } from './media.js';
import type { ScriptedParty } from './party.js';
import type { TSimRecording } from './voice-message.js';

/** a telephony event before the network stamps it with its leg and time */
export type TEventBody = TTelephonyEvent extends infer E ? (E extends TTelephonyEvent ? Omit<E, 'callId' | 'at'> : never) : never;

/** how a leg ended, kept so tests can look after the event stream is gone */
export type TLegEnd =
  | { kind: 'hangup'; cause: THangupCause; q850: number | null; by: 'remote' | 'local' }
  | { kind: 'failed'; reason: 'busy' | 'no_answer' | 'rejected' | 'congestion'; q850: number | null };

/** what Samvad did to a leg beyond media: kept in order so tests and the far end can read it */
export type TSimControl = { at: string; kind: 'mute'; muted: boolean } | { at: string; kind: 'dtmf'; digits: string };

/** One leg of a call on the simulated network, with its far end. */
export interface TSimLeg {
  readonly info: TCallInfo;
  state: 'ringing' | 'answered' | 'ended';
  /** the far end is an agent's endpoint (`agent:<username>`): whisper speaks to these */
  readonly isAgent: boolean;
  /** the far end is an answering machine */
  isMachine: boolean;
  readonly detectMachine: boolean;
  readonly party: ScriptedParty;
  readonly playlist: Playlist;
  collector: Collector | null;
  /** a voice message being recorded */
  recording: TSimRecording | null;
  /** waiting room: music on hold until bridged or hung up */
  onHold: boolean;
  /** what this leg says reaches nobody (the agent muted their microphone) */
  muted: boolean;
  /** mute changes and keys sent towards this leg's far end, in order */
  readonly controls: TSimControl[];
  bridgeId: string | null;
  /** everything played to this leg, in order */
  readonly transcript: THeardItem[];
  /** outbound only: the originate's give-up timer, cancelled on answer */
  ringTimer: TSimTimer | null;
  answeredAt: string | null;
  endedAt: string | null;
  end: TLegEnd | null;
  /** timers that die with the leg, so nothing is said about a call after its end */
  readonly timers: Set<TSimTimer>;
  /** run once when the leg ends */
  readonly onEnd: Set<() => void>;
}
