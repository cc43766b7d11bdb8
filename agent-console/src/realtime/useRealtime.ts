import { useEffect, useSyncExternalStore } from 'react';
import { sessionStore } from '../api/session-store.js';
import { acdLive } from './acd-live.js';
import { realtime, type TRealtimeState } from './connection.js';

/** Keeps the socket (and the live ACD state it feeds) open while someone is signed in; closes both on sign-out. */
export function useRealtimeLifecycle(): void {
  const signedIn = useSyncExternalStore(sessionStore.subscribe, () => sessionStore.get() !== null);
  useEffect(() => {
    if (!signedIn) return;
    const stopAcd = acdLive.start();
    realtime.connect();
    return () => {
      stopAcd();
      realtime.disconnect();
    };
  }, [signedIn]);
}

export function useRealtimeState(): TRealtimeState {
  return useSyncExternalStore(realtime.subscribe, realtime.getState);
}
