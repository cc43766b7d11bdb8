import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from './helpers.js';

describe('health, readiness, metrics and the API document', () => {
  let ctx: TTestContext;
  let broken: TTestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    broken = await createTestContext({
      readiness: {
        redis: async () => {
          throw new Error('connect ECONNREFUSED 10.0.0.9:6379 password=secret');
        },
      },
    });
  });

  it('is alive and ready when PostgreSQL and Redis answer', async () => {
    expect((await request(ctx.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(ctx.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });

  it('is not ready when Redis does not answer, without leaking the reason', async () => {
    const res = await request(broken.app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks).toEqual({ database: 'ok', redis: 'unreachable' });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|10\.0\.0\.9/);
  });

  it('exposes Prometheus metrics with request durations by route', async () => {
    await request(ctx.app).get('/healthz');
    const res = await request(ctx.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/samvad_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('publishes an OpenAPI document covering every route, built from the zod schemas', async () => {
    const res = await request(ctx.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of ctx.routes) expect(res.body.paths[route.path]?.[route.method], `${route.method} ${route.path}`).toBeDefined();
    const card = res.body.components.schemas.HouseholdCard;
    expect(card.required).toContain('members');
    const byPhone = res.body.paths['/api/households/by-phone/{phone}'].get;
    expect(byPhone.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['callId', 'phone', 'reason']);
    expect(byPhone.security).toEqual([{ bearer: [] }]);
  });

  it('serves browsable docs', async () => {
    const res = await request(ctx.app).get('/api/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await request(ctx.app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
