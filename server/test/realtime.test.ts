import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createRealtime, type TRealtimeServer } from '../src/realtime/socket.js';
import { createTestContext, type TTestContext } from './helpers.js';

describe('Socket.IO with authentication on the handshake', () => {
  let ctx: TTestContext;
  let io: TRealtimeServer;
  let url: string;
  const pub = new Redis(inject('redisUrl'));
  const sub = pub.duplicate();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    const httpServer = createServer(ctx.app);
    io = createRealtime({ httpServer, signer: ctx.signer, logger: createLogger('silent'), redis: { pub, sub }, corsOrigins: [] });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await io.close();
    pub.disconnect();
    sub.disconnect();
  });

  function open(token?: string): Socket {
    const socket = connect(url, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    return socket;
  }

  it('refuses a connection without a token, or with a bad one', async () => {
    for (const token of [undefined, 'forged.token.value']) {
      const error = await new Promise<Error>((resolve, reject) => {
        const socket = open(token);
        socket.on('connect', () => reject(new Error('connected without a valid token')));
        socket.on('connect_error', resolve);
      });
      expect(error.message).toBe('unauthenticated');
    }
  });

  it('accepts a signed-in user, tells them who they are, and puts them in their rooms', async () => {
    const token = await ctx.tokenFor('supervisor1');
    const socket = open(token);
    const session = await new Promise<{ username: string; role: string }>((resolve, reject) => {
      socket.on('session', resolve);
      socket.on('connect_error', reject);
    });
    expect(session).toMatchObject({ username: 'supervisor1', role: 'supervisor' });
    const rooms = await io.in('role:supervisor').fetchSockets();
    expect(rooms.map((s) => s.data.user.username)).toContain('supervisor1');
    const pong = await socket.timeout(2000).emitWithAck('ping');
    expect(Date.parse(pong.at)).not.toBeNaN();
  });
});
