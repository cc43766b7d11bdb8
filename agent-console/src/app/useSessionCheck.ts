import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { sessionStore } from '../api/session-store.js';
import { callContext } from '../features/agent-desk/call-context.js';
import { fetchCurrentUser } from '../features/auth/auth.api.js';
import { useSession } from '../features/auth/useSession.js';

/**
 * A session restored from sessionStorage is checked with the server once: an expired access
 * token is refreshed, a revoked session ends here rather than on the first lookup. When the
 * session ends, cached data about residents (and what the desk kept about calls) is dropped.
 */
export function useSessionCheck(): void {
  const queryClient = useQueryClient();
  const session = useSession();
  const checked = useRef(false);
  const signedIn = session !== null;

  useEffect(() => {
    if (!signedIn) {
      queryClient.clear();
      callContext.clearAll();
      checked.current = false;
      return;
    }
    if (checked.current) return;
    checked.current = true;
    fetchCurrentUser()
      .then((user) => {
        const current = sessionStore.get();
        if (current && JSON.stringify(current.user) !== JSON.stringify(user)) sessionStore.set({ ...current, user });
      })
      .catch(() => {
        // a 401 that no refresh could fix has already cleared the session; other errors wait for the next request
      });
  }, [signedIn, queryClient]);
}
