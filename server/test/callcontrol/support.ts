import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@samvad/db';

/** A fresh call row, as the recorder would have written it, for actions that refer to a call. */
export async function insertCall(prisma: PrismaClient, from: string, callId: string = randomUUID()): Promise<string> {
  await prisma.call.create({
    data: { id: callId, direction: 'inbound', provider: 'sim', fromNumber: from, toNumber: '+9118002334455', offeredAt: new Date() },
  });
  return callId;
}

/** A number no seeded resident has: +91 7 followed by nine random digits. */
export function unknownNumber(): string {
  return `+917${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
}

/** Seeded residents by how many members of one household share the number. */
export async function phoneShared(prisma: PrismaClient, members: 1 | 2): Promise<{ phone: string; householdId: number; residentIds: number[] }> {
  const rows = await prisma.$queryRaw<{ mobile: string; household_id: number; ids: number[] }[]>`
    SELECT mobile, min(household_id) AS household_id, array_agg(id ORDER BY id) AS ids
      FROM residents WHERE mobile IS NOT NULL
     GROUP BY mobile HAVING count(*) = ${members} AND count(DISTINCT household_id) = 1
     ORDER BY mobile LIMIT 1`;
  const row = rows[0];
  if (!row) throw new Error(`the seed has no number shared by ${members} member(s)`);
  return { phone: row.mobile, householdId: row.household_id, residentIds: row.ids };
}

export async function createSurvey(prisma: PrismaClient): Promise<number> {
  const survey = await prisma.survey.create({
    data: { code: `test-${randomUUID().slice(0, 8)}`, title: 'Test survey', titleHi: 'परीक्षण सर्वेक्षण', definition: { questions: [] } },
  });
  return survey.id;
}
