import type { TSqlPool } from '@samvad/db';
import type { Logger } from '../logger.js';
import type { TAgentState } from './model.js';

/** what the ACD writes to `call_events` about a caller's way through the queues */
export type TQueueEventType =
  | 'queue.joined'
  | 'queue.offered'
  | 'queue.missed'
  | 'queue.connected'
  | 'queue.transferred'
  | 'queue.abandoned'
  | 'queue.left'
  /** what the agent did on the call: written for the record, not read back by the rebuild */
  | 'agent.muted'
  | 'agent.unmuted'
  | 'agent.dtmf'
  | 'agent.callback_scheduled';

export interface TQueueRow {
  id: number;
  code: string;
  name: string;
  language: string | null;
  departmentCode: string | null;
  priority: number;
  serviceLevelSec: number;
  active: boolean;
}

export interface TAgentRow {
  userId: number;
  username: string;
  displayName: string;
  languages: string[];
  skills: string[];
}

export interface TLastState {
  userId: number;
  state: TAgentState;
  reason: string | null;
  callId: string | null;
  at: number;
}

export interface TQueueEventRow {
  callId: string;
  type: TQueueEventType;
  at: number;
  data: Record<string, unknown>;
}

export interface TCallbackRow {
  id: number;
  phone: string;
  callId: string | null;
  queueCode: string;
  status: 'pending' | 'dialing' | 'completed' | 'failed' | 'cancelled';
  waitingSince: number;
  attempts: number;
}

export interface TTodayRow {
  queue: string;
  kind: 'answered' | 'abandoned';
  waitedMs: number;
}

/**
 * The ACD's database: what it reads once at start (queues, agents, their last states, the
 * queue events of live calls) and what it writes as things happen. Routing never waits for
 * it: writes are queued in order per agent and per call and land in the background.
 */
export interface TAcdStore {
  loadQueues(): Promise<TQueueRow[]>;
  loadAgents(): Promise<TAgentRow[]>;
  loadAgent(userId: number): Promise<TAgentRow | null>;
  lastStates(): Promise<TLastState[]>;
  queueEventsOf(callIds: readonly string[]): Promise<TQueueEventRow[]>;
  openCallbacks(): Promise<TCallbackRow[]>;
  pendingCallbackOf(callId: string): Promise<TCallbackRow | null>;
  todayRows(since: Date): Promise<TTodayRow[]>;
  recentHandling(since: Date): Promise<{ queue: string; seconds: number }[]>;
  householdOf(callId: string): Promise<number | null>;

  stateEvent(userId: number, state: TAgentState, reason: string | null, callId: string | null, at: number): void;
  callEvent(callId: string, type: TQueueEventType, at: number, data: Record<string, unknown>): void;
  callQueue(callId: string, queueId: number | null): void;
  callAgent(callId: string, agentId: number, queueId: number | null): void;
  callbackStatus(callbackId: number, status: TCallbackRow['status'], attempted: boolean): void;
  cancelCallbacksOf(callId: string): void;
  disposition(callId: string, disposition: string, notes: string | null): Promise<void>;
  /**
   * A call-back the agent booked in wrap-up, to the number and queue of `callId`; it joins its
   * queue at `at` (its `waiting_since`). Null when the call has no number to call or no queue.
   */
  scheduleCallback(callId: string, at: Date, requestedAt: Date): Promise<TCallbackRow | null>;
  setSkills(userId: number, skills: readonly string[]): Promise<TAgentRow | null>;
  /** resolves when every queued write has landed */
  flush(): Promise<void>;
}

/** a write that finds no call row yet (the recorder writes it in the background) tries again */
const ROW_RETRY_MS = [20, 50, 100, 200, 400, 800, 1600];

function isMissingCallRow(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23503' && /call_id_fkey/.test(String(error));
}

const AGENT_COLUMNS = `id, username, display_name, languages::text[] AS languages, coalesce(skills, '{}') AS skills`;

interface TAgentSqlRow {
  id: number;
  username: string;
  display_name: string;
  languages: string[] | null;
  skills: string[] | null;
}

function agentRow(row: TAgentSqlRow): TAgentRow {
  return { userId: row.id, username: row.username, displayName: row.display_name, languages: row.languages ?? [], skills: row.skills ?? [] };
}

/** the store on node-postgres: a few statements, named so each plans once per connection */
export class PgAcdStore implements TAcdStore {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly sql: TSqlPool,
    private readonly logger: Logger,
  ) {}

  async loadQueues(): Promise<TQueueRow[]> {
    const { rows } = await this.sql.query<{
      id: number;
      code: string;
      name: string;
      language: string | null;
      department_code: string | null;
      priority: number;
      service_level_seconds: number;
      active: boolean;
    }>('SELECT id, code, name, language::text AS language, department_code, priority, service_level_seconds, active FROM queues ORDER BY id');
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      language: r.language,
      departmentCode: r.department_code,
      priority: r.priority,
      serviceLevelSec: r.service_level_seconds,
      active: r.active,
    }));
  }

  async loadAgents(): Promise<TAgentRow[]> {
    const { rows } = await this.sql.query<TAgentSqlRow>(`SELECT ${AGENT_COLUMNS} FROM users WHERE role = 'agent' AND active ORDER BY id`);
    return rows.map(agentRow);
  }

  async loadAgent(userId: number): Promise<TAgentRow | null> {
    const { rows } = await this.sql.query<TAgentSqlRow>(`SELECT ${AGENT_COLUMNS} FROM users WHERE id = $1 AND role = 'agent' AND active`, [userId]);
    return rows[0] ? agentRow(rows[0]) : null;
  }

  async lastStates(): Promise<TLastState[]> {
    // one index probe per agent rather than a scan of every state change ever written
    const { rows } = await this.sql.query<{ user_id: number; state: TAgentState; reason: string | null; call_id: string | null; at: Date }>(
      `SELECT u.id AS user_id, s.state, s.reason, s.call_id, s.at
         FROM users u
         CROSS JOIN LATERAL (SELECT state::text AS state, reason, call_id, at FROM agent_state_events e
                              WHERE e.user_id = u.id ORDER BY at DESC, id DESC LIMIT 1) s
        WHERE u.role = 'agent' AND u.active`,
    );
    return rows.map((r) => ({ userId: r.user_id, state: r.state, reason: r.reason, callId: r.call_id, at: r.at.getTime() }));
  }

  async queueEventsOf(callIds: readonly string[]): Promise<TQueueEventRow[]> {
    if (callIds.length === 0) return [];
    const { rows } = await this.sql.query<{ call_id: string; type: TQueueEventType; at: Date; data: Record<string, unknown> | null }>(
      `SELECT call_id, type, at, data FROM call_events
        WHERE call_id = ANY($1::uuid[]) AND type LIKE 'queue.%' ORDER BY at, id`,
      [callIds],
    );
    return rows.map((r) => ({ callId: r.call_id, type: r.type, at: r.at.getTime(), data: r.data ?? {} }));
  }

  async openCallbacks(): Promise<TCallbackRow[]> {
    const { rows } = await this.sql.query<TCallbackSqlRow>(`SELECT ${CALLBACK_COLUMNS} FROM callbacks WHERE status IN ('pending', 'dialing') ORDER BY waiting_since, id`);
    return rows.map(callbackRow);
  }

  async pendingCallbackOf(callId: string): Promise<TCallbackRow | null> {
    const { rows } = await this.sql.query<TCallbackSqlRow>(
      // a call-back booked for later (joining after it was asked for) is not the caller's place in the queue
      `SELECT ${CALLBACK_COLUMNS} FROM callbacks WHERE call_id = $1 AND status = 'pending' AND waiting_since <= requested_at ORDER BY id LIMIT 1`,
      [callId],
    );
    return rows[0] ? callbackRow(rows[0]) : null;
  }

  async todayRows(since: Date): Promise<TTodayRow[]> {
    // through calls.offered_at (indexed) to their events, never a scan of all call events
    const { rows } = await this.sql.query<{ queue: string; type: string; waited_ms: number | null }>(
      `SELECT e.data->>'queue' AS queue, e.type, (e.data->>'waitedMs')::int AS waited_ms
         FROM calls c JOIN call_events e ON e.call_id = c.id
        WHERE c.offered_at >= $1 AND c.queue_id IS NOT NULL
          AND e.type IN ('queue.connected', 'queue.abandoned') AND coalesce(e.data->>'kind', 'call') = 'call'`,
      [since],
    );
    return rows.map((r) => ({ queue: r.queue, kind: r.type === 'queue.connected' ? 'answered' : 'abandoned', waitedMs: r.waited_ms ?? 0 }));
  }

  async recentHandling(since: Date): Promise<{ queue: string; seconds: number }[]> {
    const { rows } = await this.sql.query<{ queue: string; seconds: number }>(
      `SELECT q.code AS queue, extract(epoch FROM c.ended_at - c.bridged_at)::float8 AS seconds
         FROM calls c JOIN queues q ON q.id = c.queue_id
        WHERE c.offered_at >= $1 AND c.agent_id IS NOT NULL AND c.bridged_at IS NOT NULL AND c.ended_at IS NOT NULL
        ORDER BY c.offered_at DESC LIMIT 5000`,
      [since],
    );
    return rows.reverse();
  }

  async householdOf(callId: string): Promise<number | null> {
    const { rows } = await this.sql.query<{ household_id: number | null }>({
      name: 'acd-call-household',
      text: 'SELECT household_id FROM calls WHERE id = $1',
      values: [callId],
    });
    return rows[0]?.household_id ?? null;
  }

  stateEvent(userId: number, state: TAgentState, reason: string | null, callId: string | null, at: number): void {
    this.chain(`user:${userId}`, async () => {
      await this.sql.query({
        name: 'acd-state-event',
        text: 'INSERT INTO agent_state_events (user_id, state, reason, call_id, at) VALUES ($1, $2, $3, $4, $5)',
        values: [userId, state, reason, callId, new Date(at)],
      });
    });
  }

  callEvent(callId: string, type: TQueueEventType, at: number, data: Record<string, unknown>): void {
    this.chain(`call:${callId}`, () =>
      this.whenRowExists(async () => {
        await this.sql.query({
          name: 'acd-call-event',
          text: 'INSERT INTO call_events (call_id, type, at, data) VALUES ($1, $2, $3, $4)',
          values: [callId, type, new Date(at), JSON.stringify(data)],
        });
        return true;
      }),
    );
  }

  callQueue(callId: string, queueId: number | null): void {
    this.chain(`call:${callId}`, () => this.updateCall(callId, 'acd-call-queue', 'UPDATE calls SET queue_id = $2 WHERE id = $1', [queueId]));
  }

  callAgent(callId: string, agentId: number, queueId: number | null): void {
    this.chain(`call:${callId}`, () =>
      this.updateCall(callId, 'acd-call-agent', 'UPDATE calls SET agent_id = $2, queue_id = coalesce($3, queue_id) WHERE id = $1', [agentId, queueId]),
    );
  }

  callbackStatus(callbackId: number, status: TCallbackRow['status'], attempted: boolean): void {
    this.chain(`callback:${callbackId}`, async () => {
      await this.sql.query(`UPDATE callbacks SET status = $2, attempts = attempts + $3, updated_at = now() WHERE id = $1`, [
        callbackId,
        status,
        attempted ? 1 : 0,
      ]);
    });
  }

  cancelCallbacksOf(callId: string): void {
    this.chain(`call:${callId}`, async () => {
      await this.sql.query(`UPDATE callbacks SET status = 'cancelled', updated_at = now() WHERE call_id = $1 AND status = 'pending' AND waiting_since <= requested_at`, [callId]);
    });
  }

  async disposition(callId: string, disposition: string, notes: string | null): Promise<void> {
    // after the writes already queued for this call, so a late agent id never lands over it
    await this.after(`call:${callId}`, () =>
      this.updateCall(callId, 'acd-call-disposition', 'UPDATE calls SET disposition = $2, notes = $3 WHERE id = $1', [disposition, notes]),
    );
  }

  async scheduleCallback(callId: string, at: Date, requestedAt: Date): Promise<TCallbackRow | null> {
    // after the writes queued for this call, so its queue is on the row
    return this.after(`call:${callId}`, async () => {
      const { rows } = await this.sql.query<TCallbackSqlRow>(
        `INSERT INTO callbacks (phone, call_id, queue_code, status, waiting_since, requested_at, due_at, attempts, updated_at)
         SELECT CASE WHEN c.direction = 'inbound' THEN c.from_number ELSE c.to_number END, c.id, q.code, 'pending', $2, $3, $2, 0, now()
           FROM calls c JOIN queues q ON q.id = c.queue_id
          WHERE c.id = $1 AND (CASE WHEN c.direction = 'inbound' THEN c.from_number ELSE c.to_number END) ~ '^\\+[1-9][0-9]{6,14}$'
         RETURNING ${CALLBACK_COLUMNS}`,
        [callId, at, requestedAt],
      );
      return rows[0] ? callbackRow(rows[0]) : null;
    });
  }

  async setSkills(userId: number, skills: readonly string[]): Promise<TAgentRow | null> {
    const { rows } = await this.sql.query<TAgentSqlRow>(
      `UPDATE users SET skills = $2 WHERE id = $1 AND role = 'agent' RETURNING ${AGENT_COLUMNS}`,
      [userId, [...skills]],
    );
    return rows[0] ? agentRow(rows[0]) : null;
  }

  async flush(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** runs `write` after the writes queued under `key`; its failure is logged, never thrown */
  private chain(key: string, write: () => Promise<unknown>): void {
    this.after(key, write).catch((error: unknown) => this.logger.error({ err: error, key }, 'ACD write failed'));
  }

  /** runs `write` after the writes queued under `key` and hands its outcome back */
  private after<T>(key: string, write: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const result = previous.then(write);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return result;
  }

  /** an UPDATE of a call row, tried again while the row does not exist yet */
  private updateCall(callId: string, name: string, text: string, rest: unknown[]): Promise<boolean> {
    return this.whenRowExists(async () => {
      const result = await this.sql.query({ name, text, values: [callId, ...rest] });
      return (result.rowCount ?? 0) > 0;
    });
  }

  private async whenRowExists(write: () => Promise<boolean>): Promise<boolean> {
    for (const delay of [...ROW_RETRY_MS, null]) {
      try {
        if (await write()) return true;
      } catch (error) {
        if (!isMissingCallRow(error) || delay === null) throw error;
      }
      if (delay === null) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    this.logger.warn('ACD write found no call row');
    return false;
  }
}

const CALLBACK_COLUMNS = 'id, phone, call_id, queue_code, status::text AS status, waiting_since, attempts';

interface TCallbackSqlRow {
  id: number;
  phone: string;
  call_id: string | null;
  queue_code: string;
  status: TCallbackRow['status'];
  waiting_since: Date;
  attempts: number;
}

function callbackRow(row: TCallbackSqlRow): TCallbackRow {
  return {
    id: row.id,
    phone: row.phone,
    callId: row.call_id,
    queueCode: row.queue_code,
    status: row.status,
    waitingSince: row.waiting_since.getTime(),
    attempts: row.attempts,
  };
}
