import type { TSqlPool } from '@samvad/db';
import type { Logger } from '../logger.js';

type TJson = string | number | boolean | null | TJson[] | { [key: string]: TJson };

/** One step of a call's way through the IVR, as `calls.ivr_path` keeps it. */
export type TIvrPathEntry =
  /** a node the flow visited, with what happened there (digits, a lookup and its outcome …) */
  | { at: string; kind: 'node'; nodeId: string; nodeType: string; detail: Record<string, TJson> }
  /** a prompt the caller was played, in the words they heard */
  | { at: string; kind: 'prompt'; nodeId: string | null; language: string; text: string; file: string | null };

const APPEND_SQL = `
  UPDATE calls SET ivr_path = coalesce(ivr_path, '[]'::jsonb) || $2::jsonb,
                   household_id = coalesce($3, household_id), resident_id = coalesce($4, resident_id)
   WHERE id = $1`;

interface TPending {
  entries: TIvrPathEntry[];
  caller: { householdId: number; residentId: number | null } | null;
  timer: NodeJS.Timeout | null;
  /** the write in flight, so one call's writes land in order */
  writing: Promise<void>;
  /** flushes that found no call row yet (the recorder has not written it) */
  misses: number;
  finished: boolean;
}

/** a write that finds no row is retried this many times before its entries are dropped */
const MAX_MISSES = 40;

/**
 * Appends a call's IVR path to `calls.ivr_path` in batches: at most one UPDATE per call every
 * `flushEveryMs` while the call runs, and one when it ends, instead of one per step. The same
 * UPDATE sets the caller's household and resident once they are known.
 */
export class IvrPathWriter {
  private readonly pending = new Map<string, TPending>();
  /** UPDATE statements issued, for the metrics and the tests that count them */
  writes = 0;

  constructor(
    private readonly sql: TSqlPool,
    private readonly logger: Logger,
    private readonly flushEveryMs = 250,
  ) {}

  append(callId: string, entries: readonly TIvrPathEntry[]): void {
    if (entries.length === 0) return;
    const state = this.stateOf(callId);
    state.entries.push(...entries);
    this.schedule(callId, state);
  }

  /** the caller's household (and resident, when one member owns the number) for the call row */
  identify(callId: string, householdId: number, residentId: number | null): void {
    const state = this.stateOf(callId);
    state.caller = { householdId, residentId };
    this.schedule(callId, state);
  }

  /** the call is over: writes what is left now; resolves when it has landed (or was given up) */
  async finish(callId: string): Promise<void> {
    const state = this.pending.get(callId);
    if (!state) return;
    state.finished = true;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    await this.flush(callId, state);
    // a call that ends in its first moments may end before the recorder has written its row
    while ((state.entries.length > 0 || state.caller) && state.misses <= MAX_MISSES) {
      await new Promise((resolve) => setTimeout(resolve, this.flushEveryMs));
      await this.flush(callId, state);
    }
    if (this.pending.get(callId) === state) this.pending.delete(callId);
  }

  /** writes everything pending for every call (shutdown) */
  async finishAll(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((callId) => this.finish(callId)));
  }

  private stateOf(callId: string): TPending {
    let state = this.pending.get(callId);
    if (!state) {
      state = { entries: [], caller: null, timer: null, writing: Promise.resolve(), misses: 0, finished: false };
      this.pending.set(callId, state);
    }
    return state;
  }

  private schedule(callId: string, state: TPending): void {
    if (state.timer || state.finished) return;
    state.timer = setTimeout(() => {
      state.timer = null;
      void this.flush(callId, state);
    }, this.flushEveryMs);
    state.timer.unref();
  }

  private flush(callId: string, state: TPending): Promise<void> {
    state.writing = state.writing.then(() => this.write(callId, state));
    return state.writing;
  }

  private async write(callId: string, state: TPending): Promise<void> {
    if (state.entries.length === 0 && !state.caller) return;
    const entries = state.entries.splice(0);
    const caller = state.caller;
    state.caller = null;
    try {
      this.writes += 1;
      const result = await this.sql.query({
        name: 'ivr-path-append',
        text: APPEND_SQL,
        values: [callId, JSON.stringify(entries), caller?.householdId ?? null, caller?.residentId ?? null],
      });
      if (result.rowCount === 0) this.missed(callId, state, entries, caller);
    } catch (error) {
      this.logger.error({ err: error, callId }, 'could not write the IVR path');
    }
  }

  /** the call row is not there yet: keep the entries for the next try, then give up loudly */
  private missed(callId: string, state: TPending, entries: TIvrPathEntry[], caller: TPending['caller']): void {
    state.misses += 1;
    if (state.misses > MAX_MISSES) {
      this.logger.error({ callId, entries: entries.length }, 'no call row for the IVR path; entries dropped');
      return;
    }
    state.entries.unshift(...entries);
    state.caller ??= caller;
    // a finished call retries from finish(); a running one at its next flush
    this.schedule(callId, state);
  }
}
