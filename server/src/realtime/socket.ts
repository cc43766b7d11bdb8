import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { TAuthUser } from '../http/route.js';
import type { Logger } from '../logger.js';
import type { TTokenSigner } from '../modules/auth/tokens.js';
import type { TClientToServerEvents, TServerToClientEvents, TSocketData } from './events.js';

export type TRealtimeServer = Server<TClientToServerEvents, TServerToClientEvents, Record<string, never>, TSocketData>;

export interface TRealtimeDeps {
  httpServer: HttpServer;
  signer: TTokenSigner;
  logger: Logger;
  /** two connections (publish, subscribe) so several server processes share rooms; omit in one-process tests */
  redis?: { pub: Redis; sub: Redis };
  corsOrigins: string[];
}

/** Rooms every socket joins, so features can address a user, a role or a department. */
export function roomsFor(user: TAuthUser): string[] {
  const rooms = [`user:${user.id}`, `role:${user.role}`];
  if (user.departmentCode) rooms.push(`department:${user.departmentCode}`);
  return rooms;
}

/**
 * Socket.IO with authentication on the handshake: a client sends its access token in
 * `auth.token`; without a valid one the connection is refused before any event flows.
 */
export function createRealtime({ httpServer, signer, logger, redis, corsOrigins }: TRealtimeDeps): TRealtimeServer {
  const io: TRealtimeServer = new Server(httpServer, {
    cors: corsOrigins.length > 0 ? { origin: corsOrigins } : undefined,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
  });
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub));

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth.token;
    if (typeof token !== 'string' || token.length === 0) return next(new Error('unauthenticated'));
    try {
      socket.data.user = await signer.verify(token);
      next();
    } catch {
      next(new Error('unauthenticated'));
    }
  });

  io.on('connection', (socket) => {
    const { user } = socket.data;
    void socket.join(roomsFor(user));
    logger.debug({ userId: user.id, socketId: socket.id }, 'socket connected');
    socket.emit('session', { userId: user.id, username: user.username, role: user.role });
    socket.on('ping', (ack) => ack({ at: new Date().toISOString() }));
  });
  return io;
}
