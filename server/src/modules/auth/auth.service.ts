import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { PrismaClient, User } from '@samvad/db';
import { Unauthenticated } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import type { TTokenPair } from './auth.schemas.js';
import { hashRefreshToken, newRefreshToken, type TTokenSigner } from './tokens.js';

export interface TAuthServiceDeps {
  prisma: PrismaClient;
  signer: TTokenSigner;
  refreshTtlSeconds: number;
  now?: () => Date;
}

function toAuthUser(user: User): TAuthUser {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    departmentCode: user.departmentCode,
    districtCode: user.districtCode,
    officeId: user.officeId,
  };
}

function toCurrentUser(user: User) {
  return { ...toAuthUser(user), displayName: user.displayName, languages: user.languages };
}

export function createAuthService({ prisma, signer, refreshTtlSeconds, now = () => new Date() }: TAuthServiceDeps) {
  // Verifying against a real hash when the user does not exist keeps the response time the
  // same, so a caller cannot learn which usernames exist.
  const decoyHash = hash('decoy-password-for-unknown-users');

  async function issue(user: User): Promise<TTokenPair> {
    const access = await signer.sign(toAuthUser(user));
    const refresh = newRefreshToken();
    const refreshExpiresAt = new Date(now().getTime() + refreshTtlSeconds * 1000);
    await prisma.authSession.create({
      data: { id: randomUUID(), userId: user.id, tokenHash: refresh.hash, expiresAt: refreshExpiresAt },
    });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
      user: toCurrentUser(user),
    };
  }

  return {
    async login(username: string, password: string): Promise<TTokenPair> {
      const user = await prisma.user.findUnique({ where: { username } });
      const ok = await verify(user?.passwordHash ?? (await decoyHash), password).catch(() => false);
      if (!user || !ok || !user.active) throw Unauthenticated('Wrong username or password');
      return issue(user);
    },

    /** Rotates the refresh token. Reuse of a spent token revokes every session of that user. */
    async refresh(refreshToken: string): Promise<TTokenPair> {
      const session = await prisma.authSession.findUnique({
        where: { tokenHash: hashRefreshToken(refreshToken) },
        include: { user: true },
      });
      if (!session) throw Unauthenticated('Unknown refresh token; sign in again');
      if (session.revokedAt) {
        await prisma.authSession.updateMany({
          where: { userId: session.userId, revokedAt: null },
          data: { revokedAt: now() },
        });
        throw Unauthenticated('This refresh token was already used; every session was signed out');
      }
      if (session.expiresAt <= now() || !session.user.active) throw Unauthenticated('Your session has expired; sign in again');
      // Spend the token atomically: of two concurrent refreshes only one wins.
      const spent = await prisma.authSession.updateMany({
        where: { id: session.id, revokedAt: null },
        data: { revokedAt: now() },
      });
      if (spent.count !== 1) throw Unauthenticated('This refresh token was already used; sign in again');
      return issue(session.user);
    },

    async logout(refreshToken: string): Promise<void> {
      await prisma.authSession.updateMany({
        where: { tokenHash: hashRefreshToken(refreshToken), revokedAt: null },
        data: { revokedAt: now() },
      });
    },

    async currentUser(id: number) {
      const user = await prisma.user.findUnique({ where: { id } });
      if (!user || !user.active) throw Unauthenticated('This account no longer exists or is disabled');
      return toCurrentUser(user);
    },
  };
}

export type TAuthService = ReturnType<typeof createAuthService>;
