import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTokenSigner } from '../src/modules/auth/tokens.js';
import { auth, createTestContext, createUser, DEMO_PASSWORD, type TTestContext } from './helpers.js';

describe('auth', () => {
  let ctx: TTestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });

  it.each(['agent1', 'agent2', 'supervisor1', 'officer1', 'admin1'])('signs in the demo user %s', async (username) => {
    const res = await request(ctx.app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe(username);
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    const me = await request(ctx.app).get('/api/auth/me').set(auth(res.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(username);
  });

  it('binds officer1 to the Food department in Raipur with an office', async () => {
    const res = await request(ctx.app).post('/api/auth/login').send({ username: 'officer1', password: DEMO_PASSWORD });
    expect(res.body.user).toMatchObject({ role: 'officer', departmentCode: 'FOOD' });
    const district = await ctx.prisma.district.findUniqueOrThrow({ where: { lgdCode: res.body.user.districtCode } });
    expect(district.name).toBe('Raipur');
    const office = await ctx.prisma.office.findUniqueOrThrow({ where: { id: res.body.user.officeId } });
    expect(office).toMatchObject({ departmentCode: 'FOOD', districtCode: district.lgdCode, level: 'district' });
  });

  it('refuses a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await request(ctx.app).post('/api/auth/login').send({ username: 'agent1', password: 'nope' });
    const unknown = await request(ctx.app).post('/api/auth/login').send({ username: 'nobody-here', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('refuses a disabled account', async () => {
    const user = await createUser(ctx.prisma, 'agent');
    await ctx.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    const res = await request(ctx.app).post('/api/auth/login').send({ username: user.username, password: user.password });
    expect(res.status).toBe(401);
  });

  it('answers 400 with field messages for a malformed body, and for broken JSON', async () => {
    const res = await request(ctx.app).post('/api/auth/login').send({ username: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    const fields = res.body.error.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['body.password', 'body.username']);
    const broken = await request(ctx.app).post('/api/auth/login').set('content-type', 'application/json').send('{"username":');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/not valid JSON/);
  });

  it('rotates refresh tokens and signs everyone out when a spent token is replayed', async () => {
    const user = await createUser(ctx.prisma, 'agent');
    const login = await request(ctx.app).post('/api/auth/login').send({ username: user.username, password: user.password });
    const first = login.body.refreshToken;
    const refreshed = await request(ctx.app).post('/api/auth/refresh').send({ refreshToken: first });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first);

    const replay = await request(ctx.app).post('/api/auth/refresh').send({ refreshToken: first });
    expect(replay.status).toBe(401);
    // the replay revoked the newer token too
    const next = await request(ctx.app).post('/api/auth/refresh').send({ refreshToken: refreshed.body.refreshToken });
    expect(next.status).toBe(401);
    const live = await ctx.prisma.authSession.count({ where: { userId: user.id, revokedAt: null } });
    expect(live).toBe(0);
  });

  it('logs out by revoking the refresh token', async () => {
    const user = await createUser(ctx.prisma, 'supervisor');
    const login = await request(ctx.app).post('/api/auth/login').send({ username: user.username, password: user.password });
    const out = await request(ctx.app).post('/api/auth/logout').set(auth(login.body.accessToken)).send({ refreshToken: login.body.refreshToken });
    expect(out.status).toBe(200);
    const refresh = await request(ctx.app).post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refresh.status).toBe(401);
  });

  it('refuses expired, tampered and foreign tokens with 401', async () => {
    const user = { id: 1, username: 'agent1', role: 'agent' as const, departmentCode: null, districtCode: null, officeId: null };
    const longAgo = createTokenSigner(ctx.config.auth.jwtSecret, 60, () => new Date('2020-01-01T00:00:00Z'));
    const expired = (await longAgo.sign(user)).token;
    const foreign = (await createTokenSigner('another-secret-that-is-long-enough-123456', 600).sign(user)).token;
    const good = await ctx.tokenFor('agent1');
    const tampered = `${good.slice(0, -4)}AAAA`;
    for (const token of [expired, foreign, tampered, 'not-a-jwt']) {
      const res = await request(ctx.app).get('/api/auth/me').set(auth(token));
      expect(res.status).toBe(401);
    }
    const res = await request(ctx.app).get('/api/auth/me').set(auth(expired));
    expect(res.body.error.message).toMatch(/expired/);
  });
});
