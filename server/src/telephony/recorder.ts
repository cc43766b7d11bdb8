import type { TSqlPool } from '@samvad/db';
import type { Logger } from '../logger.js';
import type { TTelephonyEvent } from './port.js';
import type { TCallChange, TLiveCall } from './registry.js';

const INSERT_CALL = `
  INSERT INTO calls (id, direction, provider, provider_call_id, from_number, to_number, offered_at,
                     answered_at, bridged_at, ended_at, hangup_cause, q850_code)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;
const UPDATE_CALL = `
  UPDATE calls SET provider_call_id = $2, answered_at = $3, bridged_at = $4, ended_at = $5, hangup_cause = $6, q850_code = $7
  WHERE id = $1`;
const INSERT_EVENT = 'INSERT INTO call_events (call_id, type, at, data) VALUES ($1, $2, $3, $4)';

/**
 * Writes every call and every call event to PostgreSQL. Writes for one call are chained so
 * they land in the order the provider sent them, while different calls write in parallel.
 * A failed write is logged with the call id and never stops the call itself. Hand-written,
 * prepared statements: a busy helpline writes thousands of events a minute, and this keeps
 * them off the event loop's critical path.
 */
export class CallRecorder {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly sql: TSqlPool,
    private readonly logger: Logger,
  ) {}

  record(change: TCallChange, event: TTelephonyEvent | null): Promise<void> {
    if (change.kind === 'ignored') return Promise.resolve();
    // A snapshot: the registry keeps mutating the live call while this write waits its turn.
    const call = { ...change.call };
    const previous = this.chains.get(call.callId) ?? Promise.resolve();
    const next = previous
      .then(() => this.write(change.kind, call, event))
      .catch((error: unknown) => this.logger.error({ err: error, callId: call.callId }, 'could not record call event'));
    this.chains.set(call.callId, next);
    if (change.kind === 'ended') {
      void next.finally(() => {
        if (this.chains.get(call.callId) === next) this.chains.delete(call.callId);
      });
    }
    return next;
  }

  /** Resolves when every write queued so far has landed (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all(this.chains.values());
  }

  private async write(kind: 'created' | 'updated' | 'ended', call: TLiveCall, event: TTelephonyEvent | null): Promise<void> {
    const times = [call.answeredAt, call.bridgedAt, call.endedAt, call.cause, call.q850];
    if (kind === 'created') {
      await this.sql.query({
        name: 'calls-insert',
        text: INSERT_CALL,
        values: [call.callId, call.direction, call.provider, call.providerCallId, call.from, call.to, call.offeredAt, ...times],
      });
    } else {
      await this.sql.query({ name: 'calls-update', text: UPDATE_CALL, values: [call.callId, call.providerCallId, ...times] });
    }
    if (event) {
      const { type, callId, at, ...data } = event;
      await this.sql.query({ name: 'call-events-insert', text: INSERT_EVENT, values: [callId, type, at, JSON.stringify(data)] });
    }
  }
}
