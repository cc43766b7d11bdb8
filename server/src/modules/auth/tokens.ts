import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { Unauthenticated } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import { ZRole } from './auth.schemas.js';

const ISSUER = 'samvad';
const AUDIENCE = 'samvad-api';

export interface TTokenSigner {
  sign(user: TAuthUser): Promise<{ token: string; expiresAt: Date }>;
  verify(token: string): Promise<TAuthUser>;
}

/** HS256 access tokens: short-lived, carrying only what authorisation needs. */
export function createTokenSigner(secret: string, ttlSeconds: number, now: () => Date = () => new Date()): TTokenSigner {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(user) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
      const token = await new SignJWT({
        usr: user.username,
        role: user.role,
        dept: user.departmentCode,
        dist: user.districtCode,
        office: user.officeId,
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(user.id))
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: now(),
        });
        const role = ZRole.safeParse(payload.role);
        if (!role.success || !payload.sub || typeof payload.usr !== 'string') throw Unauthenticated('Invalid token');
        return {
          id: Number(payload.sub),
          username: payload.usr,
          role: role.data,
          departmentCode: typeof payload.dept === 'string' ? payload.dept : null,
          districtCode: typeof payload.dist === 'number' ? payload.dist : null,
          officeId: typeof payload.office === 'number' ? payload.office : null,
        };
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw Unauthenticated('Your session has expired; refresh or sign in again');
        if (error instanceof joseErrors.JOSEError) throw Unauthenticated('Invalid token');
        throw error;
      }
    },
  };
}

/** Refresh tokens are opaque random strings; only their hash is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
