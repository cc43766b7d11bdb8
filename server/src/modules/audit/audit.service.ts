import type { TSqlPool } from '@samvad/db';
import type { TAuthUser } from '../../http/route.js';
import type { TViewPurpose } from './audit.schemas.js';

export interface TAuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, string | number | boolean | null>;
}

const COLUMNS = ['actor_id', 'actor_role', 'action', 'subject_type', 'subject_id', 'reason', 'call_id', 'ip', 'details'] as const;

/**
 * Writes who looked at or changed what, when and why. Awaited: a view is not served unaudited.
 * One multi-row INSERT through node-postgres, because it sits on the screen-pop's hot path.
 */
export function createAuditLog(sql: TSqlPool) {
  return {
    async record(actor: TAuthUser, purpose: TViewPurpose, entries: TAuditEntry[], ip?: string): Promise<void> {
      if (entries.length === 0) return;
      const values: unknown[] = [];
      const rows = entries.map((entry) => {
        const row = [
          actor.id,
          actor.role,
          entry.action,
          entry.subjectType,
          entry.subjectId,
          purpose.reason,
          purpose.callId ?? null,
          ip ?? null,
          entry.details === undefined ? null : JSON.stringify(entry.details),
        ];
        const placeholders = row.map((value) => {
          values.push(value);
          return `$${values.length}`;
        });
        return `(${placeholders.join(', ')})`;
      });
      await sql.query(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, values);
    },
  };
}

export type TAuditLog = ReturnType<typeof createAuditLog>;
