import type { Logger } from '../logger.js';
import type { TTelephonyEvent } from '../telephony/port.js';
import type { TIvrEvent, TIvrSession, TVarValue } from './engine-contract.js';

/** One call in the IVR, as call control keeps it in memory while the call lives. */
export interface TIvrCall<F> {
  callId: string;
  /** the citizen's number (the far end, inbound or outbound), null when withheld */
  caller: string | null;
  called: string;
  /** when the call began, for the flow's working hours */
  startedAt: string;
  flowId: string;
  /** the flow version the call started on: a reload mid-call does not change it */
  flow: F | null;
  session: TIvrSession | null;
  variables: Record<string, TVarValue>;
  /** every event and command of this call runs on this chain, one after another */
  lane: Promise<void>;
  /** the caller has hung up: provider commands are pointless, actions still run */
  gone: boolean;
  /** the queues took the call: the flow no longer drives it */
  handedOff: boolean;
  /** provider media ids → the engine's */
  media: Map<string, string>;
  /** provider collect and recording ids → the engine's request ids */
  requests: Map<string, string>;
  /** the leg a `transfer` dialled, until it ends */
  transferLeg: string | null;
  log: Logger;
}

/**
 * The interpreter's view of a provider event on this call, or null when the flow did not ask
 * for it (hold music ending, a key pressed outside a collection). Ids go back to the engine's.
 */
export function toIvrEvent<F>(call: TIvrCall<F>, event: TTelephonyEvent): TIvrEvent | null {
  switch (event.type) {
    case 'call.digits': {
      const requestId = call.requests.get(event.requestId);
      if (requestId === undefined) return null;
      call.requests.delete(event.requestId);
      return { type: 'digits', requestId, digits: event.digits, reason: event.reason };
    }
    case 'media.finished': {
      const mediaId = call.media.get(event.mediaId);
      if (mediaId === undefined) return null;
      call.media.delete(event.mediaId);
      return { type: 'media.finished', mediaId, reason: event.reason };
    }
    case 'recording.finished':
    case 'recording.failed': {
      const requestId = call.requests.get(event.recordingId);
      if (requestId === undefined) return null;
      call.requests.delete(event.recordingId);
      // the contract has no failed recording: an empty one, which the grievance action refuses,
      // so the flow says sorry instead of waiting for ever
      return event.type === 'recording.finished'
        ? { type: 'recording.finished', requestId, uri: event.uri, durationSec: event.durationSec }
        : { type: 'recording.finished', requestId, uri: '', durationSec: 0 };
    }
    case 'call.hangup':
    case 'call.failed':
      return { type: 'hangup' };
    default:
      return null;
  }
}
