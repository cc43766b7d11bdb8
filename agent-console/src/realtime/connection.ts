import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import type { TClientToServerEvents, TServerToClientEvents } from '../../../server/src/realtime/events.js';
import { renewAccessToken } from '../api/client.js';
import { ZRole } from '../api/schemas.js';
import { sessionStore } from '../api/session-store.js';

/** The typed contract is shared with the server; payloads are still checked where they arrive. */
const ZSessionEvent = z.object({ userId: z.number().int(), username: z.string(), role: ZRole });

export type TSocketStatus = 'offline' | 'connecting' | 'connected' | 'reconnecting' | 'refused';

/** Every event the server pushes, by name, with its payload still to be checked by whoever handles it. */
export type TEventListener = (event: string, payload: unknown) => void;

export interface TRealtimeState {
  status: TSocketStatus;
  /** who the server says this socket belongs to, from its `session` event */
  session: z.infer<typeof ZSessionEvent> | null;
}

type TSocket = Socket<TServerToClientEvents, TClientToServerEvents>;

/** A refused handshake is retried with a renewed token at most this many times in a row. */
const MAX_AUTH_RETRIES = 2;

/**
 * One Socket.IO connection per signed-in tab. Every (re)connection reads the current access
 * token, so after a refresh the next handshake carries the new one; a handshake refused for an
 * expired token renews it through the same single-flight refresh as HTTP and tries again.
 */
function createRealtime() {
  let socket: TSocket | null = null;
  let state: TRealtimeState = { status: 'offline', session: null };
  let authRetries = 0;
  const listeners = new Set<() => void>();
  const eventListeners = new Set<TEventListener>();
  const connectListeners = new Set<() => void>();

  function setState(next: Partial<TRealtimeState>) {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  }

  function connect() {
    if (socket) return;
    const s: TSocket = io({
      path: '/socket.io',
      // a function, so that each reconnection attempt sends the token of that moment
      auth: (cb) => cb({ token: sessionStore.get()?.accessToken ?? '' }),
      transports: ['websocket', 'polling'],
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
    });
    socket = s;
    setState({ status: 'connecting', session: null });

    s.on('connect', () => {
      authRetries = 0;
      setState({ status: 'connected' });
      // after a reload or a dropped network, whoever keeps live state asks for it again here
      for (const listener of connectListeners) listener();
    });
    s.onAny((event: string, ...args: unknown[]) => {
      for (const listener of eventListeners) listener(event, args[0]);
    });
    s.on('session', (payload) => {
      const parsed = ZSessionEvent.safeParse(payload);
      if (parsed.success) setState({ session: parsed.data });
    });
    s.on('disconnect', (reason) => {
      // "io client disconnect" is ours (sign-out); anything else Socket.IO retries by itself
      setState({ status: reason === 'io client disconnect' ? 'offline' : 'reconnecting' });
    });
    s.io.on('reconnect_attempt', () => setState({ status: 'reconnecting' }));
    s.on('connect_error', (error) => {
      if (s.active) {
        // a transport problem: Socket.IO keeps trying
        setState({ status: 'reconnecting' });
        return;
      }
      // the server's middleware refused the handshake: renew the token once or twice, then stop
      if (error.message === 'unauthenticated' && authRetries < MAX_AUTH_RETRIES && sessionStore.get()) {
        authRetries += 1;
        setState({ status: 'reconnecting' });
        const used = sessionStore.get()?.accessToken ?? null;
        void renewAccessToken(used).then((token) => {
          if (token && socket === s) s.connect();
          else if (socket === s) setState({ status: 'refused' });
        });
        return;
      }
      setState({ status: 'refused' });
    });
  }

  function disconnect() {
    if (!socket) return;
    socket.removeAllListeners();
    socket.io.removeAllListeners();
    socket.disconnect();
    socket = null;
    authRetries = 0;
    setState({ status: 'offline', session: null });
  }

  return {
    connect,
    disconnect,
    /** try again after the connection was refused */
    retry() {
      disconnect();
      connect();
    },
    getState: () => state,
    /** the server's pushes, on this socket and on every later one */
    onEvent(listener: TEventListener): () => void {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    /** called on every connection, the first and each reconnection */
    onConnect(listener: () => void): () => void {
      connectListeners.add(listener);
      return () => {
        connectListeners.delete(listener);
      };
    },
    /** the ACD as it is now, or null when nobody answers (no ACD on this server, or no connection) */
    async acdSnapshot(timeoutMs = 5000): Promise<unknown> {
      const s = socket;
      if (!s?.connected) return null;
      try {
        return await s.timeout(timeoutMs).emitWithAck('acd:snapshot');
      } catch {
        return null;
      }
    },
    /** the server's clock, read over the socket: `{ at }`, or null */
    async ping(timeoutMs = 5000): Promise<unknown> {
      const s = socket;
      if (!s?.connected) return null;
      try {
        return await s.timeout(timeoutMs).emitWithAck('ping');
      } catch {
        return null;
      }
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export const realtime = createRealtime();
