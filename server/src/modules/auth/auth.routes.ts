import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZCurrentUser, ZLoginRequest, ZRefreshRequest, ZTokenPair } from './auth.schemas.js';
import type { TAuthService } from './auth.service.js';

export function authRoutes(auth: TAuthService): TRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in with a username and password',
      tag: 'auth',
      access: 'public',
      body: ZLoginRequest,
      response: { description: 'An access token and a single-use refresh token', schema: ZTokenPair },
      handler: ({ body }) => auth.login(body.username, body.password),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/refresh',
      summary: 'Exchange a refresh token for a new token pair',
      tag: 'auth',
      access: 'public',
      body: ZRefreshRequest,
      response: { description: 'A new token pair; the old refresh token is spent', schema: ZTokenPair },
      handler: ({ body }) => auth.refresh(body.refreshToken),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Revoke a refresh token (the token is the credential, so an expired access token does not matter)',
      tag: 'auth',
      access: 'public',
      body: ZRefreshRequest,
      response: { description: 'Signed out', schema: z.object({ ok: z.literal(true) }) },
      handler: async ({ body }) => {
        await auth.logout(body.refreshToken);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      summary: 'The signed-in user',
      tag: 'auth',
      access: 'authenticated',
      response: { description: 'The signed-in user', schema: ZCurrentUser },
      handler: ({ user }) => auth.currentUser(user.id),
    }),
  ];
}
