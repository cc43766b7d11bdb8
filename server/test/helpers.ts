import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { createDatabase, type PrismaClient, type Role } from '@samvad/db';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, inject } from 'vitest';
import { createApp, type TApp } from '../src/app.js';
import { loadConfig, type TConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import type { TReadinessChecks } from '../src/modules/health/health.routes.js';

export const DEMO_PASSWORD = 'samvad-demo';

export interface TTestContext extends TApp {
  config: TConfig;
  prisma: PrismaClient;
  redis: Redis;
  /** a bearer token for a demo user or a user the test created */
  tokenFor: (username: string, password?: string) => Promise<string>;
}

/**
 * The app in-process against the real test database and Redis, one per test file.
 * `overrides` swaps single dependencies (a clock, a failing readiness check, a database of the test's own).
 */
export async function createTestContext(overrides: { now?: () => Date; readiness?: Partial<TReadinessChecks>; databaseUrl?: string } = {}): Promise<TTestContext> {
  const config = loadConfig({ SAMVAD_MODE: 'demo', NODE_ENV: 'test', DATABASE_URL: overrides.databaseUrl ?? inject('databaseUrl'), REDIS_URL: inject('redisUrl'), LOG_LEVEL: 'silent' });
  const database = createDatabase({ url: config.database.url, poolSize: 5 });
  const { prisma, pool } = database;
  const redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const app = createApp({
    config,
    logger: createLogger('silent'),
    prisma,
    sql: pool,
    now: overrides.now,
    readiness: {
      database: async () => {
        await prisma.$queryRaw`SELECT 1`;
      },
      redis: async () => {
        await redis.ping();
      },
      ...overrides.readiness,
    },
  });
  await app.warmUp();
  const tokens = new Map<string, string>();
  afterAll(async () => {
    await database.close();
    redis.disconnect();
  });
  return {
    ...app,
    config,
    prisma,
    redis,
    async tokenFor(username, password = DEMO_PASSWORD) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await request(app.app).post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const token: string = res.body.accessToken;
      tokens.set(username, token);
      return token;
    },
  };
}

/** Creates a user of its own for a test, so tests never depend on each other's accounts. */
export async function createUser(
  prisma: PrismaClient,
  role: Role,
  extra: { departmentCode?: string; districtCode?: number; officeId?: number; password?: string } = {},
): Promise<{ id: number; username: string; password: string }> {
  const username = `${role}-${randomUUID().slice(0, 8)}`;
  const password = extra.password ?? `pw-${randomUUID()}`;
  const user = await prisma.user.create({
    data: {
      username,
      displayName: `Test ${role}`,
      passwordHash: await hash(password),
      role,
      departmentCode: extra.departmentCode ?? null,
      districtCode: extra.districtCode ?? null,
      officeId: extra.officeId ?? null,
      languages: ['hi'],
    },
  });
  return { id: user.id, username, password };
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
