import type { Request } from 'express';
import { Forbidden, Unauthenticated } from '../errors.js';
import type { TTokenSigner } from '../modules/auth/tokens.js';
import type { TAccess, TAuthUser } from './route.js';

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** Applies a route's access rule: public, any signed-in user, or a list of roles. Deny by default. */
export async function authorise(req: Request, access: TAccess, signer: TTokenSigner): Promise<TAuthUser | null> {
  if (access === 'public') return null;
  const token = bearerToken(req);
  if (!token) throw Unauthenticated();
  const user = await signer.verify(token);
  if (access !== 'authenticated' && !access.includes(user.role)) throw Forbidden();
  return user;
}
