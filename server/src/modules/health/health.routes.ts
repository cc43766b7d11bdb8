import type { Registry } from 'prom-client';
import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';

export interface TReadinessChecks {
  database: () => Promise<void>;
  redis: () => Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<void>): Promise<'ok' | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : 'failed';
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(checks: TReadinessChecks, metrics: Registry): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness: the process is up',
      tag: 'operations',
      access: 'public',
      response: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) },
      handler: async () => ({ status: 'ok' as const }),
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: PostgreSQL and Redis answer (503 when either does not)',
      tag: 'operations',
      access: 'public',
      produces: 'application/json',
      handler: async ({ res }) => {
        const [database, redis] = await Promise.all([probe(checks.database), probe(checks.redis)]);
        const ready = database === 'ok' && redis === 'ok';
        // The reasons stay in the log-free body only as short phrases: no hosts or credentials.
        res.status(ready ? 200 : 503).json({
          status: ready ? 'ready' : 'not_ready',
          checks: { database: database === 'ok' ? 'ok' : 'unreachable', redis: redis === 'ok' ? 'ok' : 'unreachable' },
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics',
      tag: 'operations',
      access: 'public',
      produces: 'text/plain',
      handler: async ({ res }) => {
        res.type(metrics.contentType).send(await metrics.metrics());
      },
    }),
  ];
}
