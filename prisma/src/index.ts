import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client.js';

export * from '../generated/client.js';
export { PrismaClient };

export interface DatabaseOptions {
  /** postgresql://user:password@host:port/database */
  url: string;
  /** connections in the pool; the Prisma client and raw queries share it */
  poolSize?: number;
}

/** The one way the project opens PostgreSQL through Prisma: the offline pg driver adapter. */
export function createPrismaClient(options: DatabaseOptions): PrismaClient {
  const adapter = new PrismaPg({ connectionString: options.url, max: options.poolSize ?? 10 });
  return new PrismaClient({ adapter });
}
export { migrate, type MigrateOptions, type MigrateResult } from './migrate.js';
