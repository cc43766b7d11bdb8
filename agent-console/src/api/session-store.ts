import { ZTokenPair, type TTokenPair } from './schemas.js';

const KEY = 'samvad.session';

type TListener = () => void;

/**
 * The signed-in session (token pair and user), kept in sessionStorage so that it survives a
 * reload but not the closing of the tab, and shared by the HTTP client, the socket and React.
 */
function createSessionStore() {
  const listeners = new Set<TListener>();
  let current: TTokenPair | null = read();

  function read(): TTokenPair | null {
    try {
      const raw = sessionStorage.getItem(KEY);
      if (!raw) return null;
      const parsed = ZTokenPair.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  function emit() {
    for (const listener of listeners) listener();
  }

  return {
    get: (): TTokenPair | null => current,
    set(pair: TTokenPair) {
      current = pair;
      sessionStorage.setItem(KEY, JSON.stringify(pair));
      emit();
    },
    clear() {
      if (current === null) return;
      current = null;
      sessionStorage.removeItem(KEY);
      emit();
    },
    subscribe(listener: TListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const sessionStore = createSessionStore();
