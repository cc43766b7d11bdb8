import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Request, RequestHandler, Router } from 'express';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { Forbidden, Unauthenticated } from '../../errors.js';
import { defineRoute, type TRoute } from '../../http/route.js';
import type { TTokenSigner } from '../auth/tokens.js';

export const QUEUE_BOARD_PATH = '/admin/queues';
/** the administrator's access token, for the board's own page and its API calls (a browser sends no bearer header there) */
export const QUEUE_BOARD_COOKIE = 'samvad_queue_board';

function cookieToken(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === QUEUE_BOARD_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

function bearer(req: Request): string | null {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/** The same access tokens as the API: a bearer header, or the cookie the session route sets; administrators only. */
export function queueBoardAuth(signer: TTokenSigner): RequestHandler {
  return async (req, _res, next) => {
    const token = bearer(req) ?? cookieToken(req);
    if (!token) return next(Unauthenticated());
    try {
      const user = await signer.verify(token);
      next(user.role === 'admin' ? undefined : Forbidden());
    } catch (error) {
      next(error);
    }
  };
}

/** Bull Board over the given BullMQ queues, at /admin/queues. */
export function queueBoardRouter(queues: readonly Queue[]): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  // @bull-board/express depends on the exact @bull-board/api version: both are pinned together in package.json
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'Samvad queues' } } });
  // the adapter's router is typed loosely by the library; it is an Express router
  const router: Router = serverAdapter.getRouter();
  return router;
}

/**
 * Opens the board in a browser: the caller's access token goes into an HttpOnly cookie scoped
 * to the board's path, which expires with the token.
 */
export function queueBoardRoutes(): TRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/admin/queues/session',
      summary: 'Lets this browser open the job queues board (Bull Board) at /admin/queues until the access token expires',
      tag: 'operations',
      access: ['admin'],
      response: { description: 'Where the board is', schema: z.object({ url: z.string(), expiresAt: z.string() }) },
      handler: async ({ req, res }) => {
        const token = bearer(req);
        if (!token) throw Unauthenticated();
        // verified by the access rule already; only its expiry is read here
        const { exp } = decodeJwt(token);
        const expiresAt = new Date((exp ?? 0) * 1000);
        res.cookie(QUEUE_BOARD_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: req.secure,
          path: QUEUE_BOARD_PATH,
          expires: expiresAt,
        });
        return { url: `${QUEUE_BOARD_PATH}/`, expiresAt: expiresAt.toISOString() };
      },
    }),
  ];
}
