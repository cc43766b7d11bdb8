import type { Prisma, PrismaClient } from '@samvad/db';
import type { TAuthUser } from '../../http/route.js';
import type { TViewPurpose } from './audit.schemas.js';

export interface TAuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Prisma.InputJsonValue;
}

/** Writes who looked at or changed what, when and why. Awaited: a view is not served unaudited. */
export function createAuditLog(prisma: PrismaClient) {
  return {
    async record(actor: TAuthUser, purpose: TViewPurpose, entries: TAuditEntry[], ip?: string): Promise<void> {
      if (entries.length === 0) return;
      await prisma.auditLog.createMany({
        data: entries.map((entry) => ({
          actorId: actor.id,
          actorRole: actor.role,
          action: entry.action,
          subjectType: entry.subjectType,
          subjectId: entry.subjectId,
          reason: purpose.reason,
          callId: purpose.callId ?? null,
          ip: ip ?? null,
          details: entry.details,
        })),
      });
    },
  };
}

export type TAuditLog = ReturnType<typeof createAuditLog>;
