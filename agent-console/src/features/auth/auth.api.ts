import { z } from 'zod';
import { api } from '../../api/client.js';
import { ZCurrentUser, ZTokenPair } from '../../api/schemas.js';
import { sessionStore } from '../../api/session-store.js';

export async function login(username: string, password: string) {
  const pair = await api('/api/auth/login', { method: 'POST', body: { username, password }, schema: ZTokenPair, auth: false });
  sessionStore.set(pair);
  return pair;
}

/** Revokes the refresh token on the server, then forgets the session whatever the answer. */
export async function logout(): Promise<void> {
  const session = sessionStore.get();
  try {
    if (session) {
      await api('/api/auth/logout', { method: 'POST', body: { refreshToken: session.refreshToken }, schema: z.object({ ok: z.literal(true) }) });
    }
  } finally {
    sessionStore.clear();
  }
}

/** The signed-in user as the server sees them now (checks the stored session on start-up). */
export function fetchCurrentUser() {
  return api('/api/auth/me', { schema: ZCurrentUser });
}
