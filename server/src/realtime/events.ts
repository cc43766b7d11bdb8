import type {
  TAcdSnapshotReply,
  TAgentView,
  TBoardUpdate,
  TCallEnded,
  TCallHeld,
  TConnectedCallView,
  TOfferEnded,
  TOfferView,
} from '../acd/acd.schemas.js';
import type { TAuthUser } from '../http/route.js';
import type { TProgressUpdate } from '../modules/campaigns/results.schemas.js';
import type { TRole } from '../modules/auth/auth.schemas.js';

/**
 * The Socket.IO contract, typed once. The console imports these types; payloads that arrive
 * from clients are still validated with zod where they are handled.
 */
export interface TServerToClientEvents {
  session: (payload: { userId: number; username: string; role: TRole }) => void;
  /** to the agent (`user:<id>`): their state changed */
  'acd:state': (payload: TAgentView) => void;
  /** to the agent: a call rings for them until `ringDeadline` */
  'acd:offer': (payload: TOfferView) => void;
  /** to the agent: the offer stopped ringing (accepted, missed, withdrawn, the caller gave up) */
  'acd:offer-ended': (payload: TOfferEnded) => void;
  /** to the agent: they are talking to the caller */
  'acd:call-connected': (payload: TConnectedCallView) => void;
  'acd:call-held': (payload: TCallHeld) => void;
  /** to the agent: the call is over; wrap-up has begun */
  'acd:call-ended': (payload: TCallEnded) => void;
  /** to supervisors and administrators: queue figures and the agents that changed, at most every few hundred ms */
  'acd:board': (payload: TBoardUpdate) => void;
  /** to supervisors and administrators: every running campaign's progress, every ~2 s while any runs */
  'campaign:progress': (payload: TProgressUpdate) => void;
}

export interface TClientToServerEvents {
  ping: (ack: (payload: { at: string }) => void) => void;
  /** a console that just connected asks for the ACD as it is now */
  'acd:snapshot': (ack: (reply: TAcdSnapshotReply) => void) => void;
}

export interface TSocketData {
  user: TAuthUser;
}
