/**
 * The interpreter's whole conversation with the outside world. The engine is a pure state
 * machine: `start(flow, event)` and `step(flow, session, event)` return the next session and
 * the commands to carry out, and never perform I/O, read the clock or draw random numbers.
 * Call control (in the server) carries out the commands in order and feeds back what happened.
 *
 * Ids inside commands (`mediaId`, `requestId`) are made by the engine from a per-session
 * counter, so the same events replay to the same commands.
 */

/** Languages a flow may speak. `hlb` (Halbi) and `gon` (Gondi) have no speech synthesis: recorded files only. */
export type TFlowLanguage = 'hi' | 'cg' | 'en' | 'hlb' | 'gon';

/** Languages that text-to-speech can speak (Chhattisgarhi is written in Devanagari and spoken with the Hindi voice). */
export const SPEECH_LANGUAGES: readonly TFlowLanguage[] = ['hi', 'cg', 'en'];

/** What the caller hears: the text rendered for the session's language, and the recorded file when one exists. */
export interface TRenderedPrompt {
  language: TFlowLanguage;
  /** rendered Handlebars text; empty only when the language is served by a recording alone */
  text: string;
  /** a recorded file for this language (`sound:…`/`recording:…` on Asterisk, an https URL on Twilio) */
  file?: string;
}

/** Lookups read; actions write. Both are carried out by the server through the lookup port. */
export type TLookupName =
  | 'applicationStatus'
  | 'grievanceStatus'
  | 'householdByCaller'
  | 'schemeInfo'
  | 'registerVoiceGrievance'
  | 'requestCallback'
  | 'saveSurveyAnswer';

export type TIvrCommand =
  /** play a prompt; `media.finished` with the same mediaId follows */
  | { type: 'play'; mediaId: string; prompt: TRenderedPrompt; interruptible: boolean }
  /** gather digits (optionally while a prompt plays, stopped by the first key); `digits` follows */
  | {
      type: 'collect';
      requestId: string;
      minDigits: number;
      maxDigits: number;
      timeoutMs: number;
      terminator: '#' | null;
      prompt: TRenderedPrompt | null;
    }
  /** ask the server; `lookup.result` with the same requestId follows */
  | { type: 'lookup'; requestId: string; name: TLookupName; args: Record<string, string | number | boolean | null> }
  /** record the caller's voice; `recording.finished` follows */
  | { type: 'record'; requestId: string; maxSeconds: number; endKey: string; beep: boolean }
  /** hand the call to the queues; `enqueued` follows, then the flow waits for the queue to take the call */
  | { type: 'enqueue'; requestId: string; queue: string; skills: string[]; priority: number }
  /** send the call elsewhere (another number or a department line); the flow ends */
  | { type: 'transfer'; to: string }
  /** end the call; the flow ends */
  | { type: 'hangup'; reason: 'flow_end' | 'step_cap' | 'error' }
  /** one step of the IVR path, for the call's history (node visited, digits, lookups) */
  | { type: 'trace'; nodeId: string; nodeType: string; detail: Record<string, string | number | boolean | null> };

export type TIvrEvent =
  /** the call reached the flow. `at` is the call's start (ISO 8601), used for working hours. */
  | { type: 'started'; at: string; callId: string; caller: string | null; called: string; variables?: Record<string, TVarValue> }
  | { type: 'digits'; requestId: string; digits: string; reason: 'max_digits' | 'terminator' | 'timeout' }
  | { type: 'media.finished'; mediaId: string; reason: 'done' | 'interrupted' | 'stopped' }
  | { type: 'lookup.result'; requestId: string; ok: true; value: TVarValue }
  | { type: 'lookup.result'; requestId: string; ok: false; error: string }
  | { type: 'recording.finished'; requestId: string; uri: string; durationSec: number }
  /** the queue accepted the call; the caller is at `position` and may wait about `expectedWaitSec` */
  | { type: 'enqueued'; requestId: string; position: number; expectedWaitSec: number }
  | { type: 'hangup' };

/** Values a flow keeps in its variables: JSON. */
export type TVarValue = string | number | boolean | null | TVarValue[] | { [key: string]: TVarValue };

export type TSessionStatus = 'running' | 'queued' | 'ended';

/** Everything the interpreter knows about one call; plain JSON so it can be stored and replayed. */
export interface TIvrSession {
  flowId: string;
  flowVersion: string;
  callId: string;
  status: TSessionStatus;
  /** node currently executing (null once ended) */
  nodeId: string | null;
  language: TFlowLanguage;
  variables: Record<string, TVarValue>;
  steps: number;
  /** next id for mediaId/requestId */
  seq: number;
  /** what the current node is waiting for, and node-local counters (retries) */
  waiting: { kind: 'media' | 'digits' | 'lookup' | 'recording' | 'enqueued'; id: string } | null;
  local: Record<string, TVarValue>;
}

export interface TStepResult {
  session: TIvrSession;
  commands: TIvrCommand[];
}
