import { useSyncExternalStore } from 'react';
import type { TTokenPair } from '../../api/schemas.js';
import { sessionStore } from '../../api/session-store.js';

/** The signed-in session, or null; re-renders on sign-in, refresh and sign-out. */
export function useSession(): TTokenPair | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
