import { useEffect, useSyncExternalStore } from 'react';
import { sessionStore } from '../api/session-store.js';
import { realtime, type TRealtimeState } from './connection.js';

/** Keeps the socket open while someone is signed in and closes it on sign-out. */
export function useRealtimeLifecycle(): void {
  const signedIn = useSyncExternalStore(sessionStore.subscribe, () => sessionStore.get() !== null);
  useEffect(() => {
    if (!signedIn) return;
    realtime.connect();
    return () => realtime.disconnect();
  }, [signedIn]);
}

export function useRealtimeState(): TRealtimeState {
  return useSyncExternalStore(realtime.subscribe, realtime.getState);
}
