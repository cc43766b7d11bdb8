import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/client.js';

export * from '../generated/client.js';
export { PrismaClient };
export { migrate, type MigrateOptions, type MigrateResult } from './migrate.js';

export interface DatabaseOptions {
  /** postgresql://user:password@host:port/database */
  url: string;
  /** connections in the pool; the Prisma client and raw queries share it */
  poolSize?: number;
}

/** The narrow part of node-postgres that hand-written queries use. */
export type TSqlPool = Pick<pg.Pool, 'query'>;

export interface TDatabase {
  /** Prisma for everyday reads and writes */
  prisma: PrismaClient;
  /**
   * The same connections through node-postgres, for the few hot paths where Prisma's per-query
   * overhead shows (the screen-pop answers in about a millisecond this way, several through Prisma)
   */
  pool: pg.Pool;
  close: () => Promise<void>;
}

/** The one way the project opens PostgreSQL: one pg pool, shared by Prisma's driver adapter. */
export function createDatabase(options: DatabaseOptions): TDatabase {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // Named statements (the screen-pop's) keep one generic plan per connection instead of being
    // replanned on every call: planning the household card costs more than running it. Prisma's
    // statements are unnamed and are planned per call either way.
    options: '-c plan_cache_mode=force_generic_plan',
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** A Prisma client on a pool of its own, for scripts and tests that need nothing else. */
export function createPrismaClient(options: DatabaseOptions): PrismaClient {
  const adapter = new PrismaPg({ connectionString: options.url, max: options.poolSize ?? 10 });
  return new PrismaClient({ adapter });
}
