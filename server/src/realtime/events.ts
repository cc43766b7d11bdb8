import type { TAuthUser } from '../http/route.js';
import type { TRole } from '../modules/auth/auth.schemas.js';

/**
 * The Socket.IO contract, typed once. The console imports these types; payloads that arrive
 * from clients are still validated with zod where they are handled.
 */
export interface TServerToClientEvents {
  session: (payload: { userId: number; username: string; role: TRole }) => void;
}

export interface TClientToServerEvents {
  ping: (ack: (payload: { at: string }) => void) => void;
}

export interface TSocketData {
  user: TAuthUser;
}
