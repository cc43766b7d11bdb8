import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase, type PrismaClient } from '@samvad/db';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { createRealtime, type TRealtimeServer } from '../../server/src/realtime/socket.js';

export interface TConsoleServer {
  /** http://127.0.0.1:<port> */
  url: string;
  prisma: PrismaClient;
  close: () => Promise<void>;
}

/**
 * The real server in-process, as server/test/helpers.ts builds it, plus what the browser needs:
 * the console build served from the same origin (CONSOLE_DIST) and Socket.IO on the same port.
 */
export async function startConsoleServer(): Promise<TConsoleServer> {
  const config = loadConfig({
    SAMVAD_MODE: 'demo',
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    LOG_LEVEL: 'silent',
    CONSOLE_DIST: inject('consoleDist'),
  });
  const logger = createLogger('silent');
  const database = createDatabase({ url: config.database.url, poolSize: 5 });
  const { prisma, pool } = database;
  const redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const { app, signer, warmUp } = createApp({
    config,
    logger,
    prisma,
    sql: pool,
    readiness: {
      database: async () => {
        await pool.query('SELECT 1');
      },
      redis: async () => {
        await redis.ping();
      },
    },
  });
  await warmUp();
  const httpServer: Server = createServer(app);
  const io: TRealtimeServer = createRealtime({ httpServer, signer, logger, corsOrigins: [] });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    prisma,
    async close() {
      // io.close() also closes the HTTP server
      await io.close();
      await database.close();
      redis.disconnect();
    },
  };
}
