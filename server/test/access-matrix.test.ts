import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestContext, createUser, type TTestContext } from './helpers.js';

type TWho = 'anonymous' | 'agent' | 'supervisor' | 'officer' | 'admin';
const EVERYONE: TWho[] = ['anonymous', 'agent', 'supervisor', 'officer', 'admin'];
const SIGNED_IN: TWho[] = ['agent', 'supervisor', 'officer', 'admin'];

/**
 * Who may call each route, written out by hand: the security rule as the team agreed it.
 * A route added to the app without a line here fails the first test below.
 */
const MATRIX: Record<string, { allowed: TWho[]; path: string; body?: object; expectedError?: string }> = {
  'GET /healthz': { allowed: EVERYONE, path: '/healthz' },
  'GET /readyz': { allowed: EVERYONE, path: '/readyz' },
  'GET /metrics': { allowed: EVERYONE, path: '/metrics' },
  'GET /api/openapi.json': { allowed: EVERYONE, path: '/api/openapi.json' },
  // Public routes whose sample input is refused by the route itself, not by the access rule:
  'POST /api/auth/login': { allowed: EVERYONE, path: '/api/auth/login', body: { username: 'nobody', password: 'x' }, expectedError: 'Wrong username or password' },
  'POST /api/auth/refresh': { allowed: EVERYONE, path: '/api/auth/refresh', body: { refreshToken: 'x'.repeat(43) }, expectedError: 'Unknown refresh token; sign in again' },
  'POST /api/auth/logout': { allowed: EVERYONE, path: '/api/auth/logout', body: { refreshToken: 'x'.repeat(43) } },
  'GET /api/auth/me': { allowed: SIGNED_IN, path: '/api/auth/me' },
  'GET /api/households/by-phone/{phone}': {
    allowed: ['agent', 'supervisor', 'admin'],
    path: '/api/households/by-phone/9876543210?reason=caller_identification',
  },
  'GET /api/households/{id}': { allowed: SIGNED_IN, path: '/api/households/1?reason=officer_case_work' },
  'GET /api/residents/search': { allowed: ['agent', 'supervisor', 'admin'], path: '/api/residents/search?q=ram&reason=caller_identification' },
  'GET /api/applications/{applicationNo}': { allowed: SIGNED_IN, path: '/api/applications/000000000000?reason=application_follow_up' },
  'GET /api/facilities/nearby': { allowed: SIGNED_IN, path: '/api/facilities/nearby?lat=21.25&lon=81.63' },
  'POST /api/grievances': { allowed: ['agent', 'supervisor', 'admin'], path: '/api/grievances', body: { categoryCode: 'NOPE' } },
  'GET /api/grievances/{docketNo}': { allowed: SIGNED_IN, path: '/api/grievances/CG-2026-999999' },
  'POST /api/campaigns': { allowed: ['supervisor', 'admin'], path: '/api/campaigns', body: {} },
  'GET /api/campaigns': { allowed: ['supervisor', 'admin'], path: '/api/campaigns' },
  'GET /api/campaigns/{id}': { allowed: ['supervisor', 'admin'], path: '/api/campaigns/999999' },
  'GET /api/campaigns/{id}/plan': { allowed: ['supervisor', 'admin'], path: '/api/campaigns/999999/plan' },
  'POST /api/campaigns/{id}/{action}': { allowed: ['supervisor', 'admin'], path: '/api/campaigns/999999/start' },
  'GET /api/campaigns/{id}/results': { allowed: ['supervisor', 'admin'], path: '/api/campaigns/999999/results' },
  'GET /api/campaigns/{id}/results.csv': { allowed: ['supervisor', 'admin'], path: '/api/campaigns/999999/results.csv' },
  'GET /api/campaigns/{id}/results/floip': { allowed: ['supervisor', 'admin'], path: '/api/campaigns/999999/results/floip' },
  'POST /api/admin/queues/session': { allowed: ['admin'], path: '/api/admin/queues/session' },
  'GET /api/campaign-calls/{callId}': { allowed: ['agent', 'supervisor', 'admin'], path: '/api/campaign-calls/00000000-0000-4000-8000-000000000000' },
  'PUT /api/campaign-calls/{callId}/answers': {
    allowed: ['agent', 'supervisor', 'admin'],
    path: '/api/campaign-calls/00000000-0000-4000-8000-000000000000/answers',
    body: { answers: [{ questionKey: 'received', answer: 'received_full' }] },
  },
  'GET /api/campaign-preview': { allowed: ['agent'], path: '/api/campaign-preview' },
  'POST /api/campaign-preview/next': { allowed: ['agent'], path: '/api/campaign-preview/next', body: { campaignId: 999999 } },
  'POST /api/campaign-preview/contacts/{contactId}/dial': { allowed: ['agent'], path: '/api/campaign-preview/contacts/999999/dial' },
  'POST /api/campaign-preview/contacts/{contactId}/skip': { allowed: ['agent'], path: '/api/campaign-preview/contacts/999999/skip' },
  'GET /api/surveys': { allowed: ['supervisor', 'admin'], path: '/api/surveys' },
  'GET /api/surveys/{id}': { allowed: ['supervisor', 'admin'], path: '/api/surveys/999999' },
  'POST /api/surveys': { allowed: ['supervisor', 'admin'], path: '/api/surveys', body: {} },
  'POST /api/beneficiary-imports': { allowed: ['supervisor', 'admin'], path: '/api/beneficiary-imports?scheme=NOPE', body: {} },
  'GET /api/beneficiary-imports': { allowed: ['supervisor', 'admin'], path: '/api/beneficiary-imports' },
  'GET /api/beneficiary-imports/{id}': { allowed: ['supervisor', 'admin'], path: '/api/beneficiary-imports/999999' },
  'GET /api/beneficiary-imports/{id}/report.csv': { allowed: ['supervisor', 'admin'], path: '/api/beneficiary-imports/999999/report.csv' },
  'GET /api/districts': { allowed: SIGNED_IN, path: '/api/districts' },
  'GET /api/grievance-categories': { allowed: SIGNED_IN, path: '/api/grievance-categories' },
  'GET /api/queues': { allowed: SIGNED_IN, path: '/api/queues' },
  'GET /api/schemes': { allowed: SIGNED_IN, path: '/api/schemes' },
};

describe('role × route matrix', () => {
  let ctx: TTestContext;
  const tokens = new Map<TWho, string>();

  beforeAll(async () => {
    ctx = await createTestContext();
    for (const role of ['agent', 'supervisor', 'officer', 'admin'] as const) {
      const user = await createUser(ctx.prisma, role, role === 'officer' ? { departmentCode: 'FOOD', districtCode: 643 } : {});
      tokens.set(role, await ctx.tokenFor(user.username, user.password));
    }
  });

  it('has a rule for every route in the app, and no rule for a route that does not exist', () => {
    const routeKeys = ctx.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(routeKeys).toEqual(Object.keys(MATRIX).sort());
  });

  it('registers no Express route outside the route registry', () => {
    const registered = new Set(ctx.routes.map((r) => r.path.replace(/\{(\w+)\}/g, ':$1')));
    const stack: { route?: { path: string | string[] } }[] = ctx.app.router.stack;
    const expressPaths = stack.flatMap((layer) => (layer.route ? [layer.route.path].flat() : []));
    expect(expressPaths.length).toBeGreaterThan(0);
    expect(expressPaths.filter((p) => !registered.has(p))).toEqual([]);
  });

  for (const [key, rule] of Object.entries(MATRIX)) {
    for (const who of EVERYONE) {
      const allowed = rule.allowed.includes(who);
      it(`${key} as ${who} → ${allowed ? 'allowed' : who === 'anonymous' ? '401' : '403'}`, async () => {
        const method = (key.split(' ')[0] ?? 'GET').toLowerCase() as 'get' | 'post' | 'put' | 'delete';
        let req = request(ctx.app)[method](rule.path);
        const token = tokens.get(who);
        if (token) req = req.set(auth(token));
        const res = rule.body ? await req.send(rule.body) : await req;
        if (allowed && rule.expectedError) {
          expect(res.status).toBe(401);
          expect(res.body.error.message).toBe(rule.expectedError);
        } else if (allowed) {
          // Allowed callers may still get 400/404 for these sample inputs, never 401/403.
          expect([401, 403]).not.toContain(res.status);
          expect(res.status).toBeLessThan(500);
        } else {
          expect(res.status).toBe(who === 'anonymous' ? 401 : 403);
          expect(res.body.error.code).toBe(who === 'anonymous' ? 'unauthenticated' : 'forbidden');
        }
      });
    }
  }
});
