import { useSyncExternalStore } from 'react';
import { z } from 'zod';

/**
 * What the console learnt about a call that the server's desk does not repeat at every step:
 * the caller's number and queue name (the offer has them, wrap-up does not), the household the
 * agent linked the call to after a search, the dockets registered on it. Kept in sessionStorage
 * per call, so a reload in the middle of a call or its wrap-up finds it again.
 */
const ZCallContext = z.object({
  caller: z.string().nullable(),
  queue: z.string(),
  queueName: z.string().nullable(),
  /** the household the server identified, or the one the agent chose */
  householdId: z.number().int().nullable(),
  residentId: z.number().int().nullable(),
  /** the agent chose the household (search or chooser) rather than the server */
  linkedByAgent: z.boolean(),
  dockets: z.array(z.string()),
});
export type TCallContext = z.infer<typeof ZCallContext>;

const PREFIX = 'samvad.call.';
const EMPTY: TCallContext = { caller: null, queue: '', queueName: null, householdId: null, residentId: null, linkedByAgent: false, dockets: [] };
const listeners = new Set<() => void>();
/** parsed once per change, so React sees the same object until it changes */
const cache = new Map<string, TCallContext | null>();

function read(callId: string): TCallContext | null {
  if (cache.has(callId)) return cache.get(callId) ?? null;
  const value = load(callId);
  cache.set(callId, value);
  return value;
}

function load(callId: string): TCallContext | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + callId);
    const parsed = raw ? ZCallContext.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function write(callId: string, value: TCallContext | null) {
  cache.set(callId, value);
  try {
    if (value) sessionStorage.setItem(PREFIX + callId, JSON.stringify(value));
    else sessionStorage.removeItem(PREFIX + callId);
  } catch {
    // storage full or disabled: the context lasts for this page
  }
  for (const listener of listeners) listener();
}

export const callContext = {
  get: read,
  /**
   * Adds what is known now; nothing known is replaced by "unknown", and a household the agent
   * chose is never replaced by the server's.
   */
  remember(callId: string, patch: Partial<TCallContext>) {
    const current = read(callId) ?? EMPTY;
    const agentChoice = patch.linkedByAgent === true;
    const keepChoice = current.linkedByAgent && !agentChoice;
    const next: TCallContext = {
      caller: patch.caller ?? current.caller,
      queue: patch.queue || current.queue,
      queueName: patch.queueName ?? current.queueName,
      householdId: keepChoice ? current.householdId : agentChoice ? (patch.householdId ?? null) : (patch.householdId ?? current.householdId),
      residentId: keepChoice ? current.residentId : agentChoice ? (patch.residentId ?? null) : (patch.residentId ?? current.residentId),
      linkedByAgent: current.linkedByAgent || agentChoice,
      dockets: patch.dockets ?? current.dockets,
    };
    if (JSON.stringify(next) !== JSON.stringify(current)) write(callId, next);
  },
  /** the call is wrapped up: nothing about it stays in the browser */
  forget(callId: string) {
    write(callId, null);
  },
  /** signed out: no call's details stay behind in this tab */
  clearAll() {
    try {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
    } catch {
      // storage disabled: nothing was kept
    }
    cache.clear();
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

export function useCallContext(callId: string | null): TCallContext | null {
  return useSyncExternalStore(callContext.subscribe, () => (callId ? callContext.get(callId) : null));
}
