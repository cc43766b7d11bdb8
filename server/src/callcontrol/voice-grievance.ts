import type { PrismaClient } from '@samvad/db';
import type { TVoiceGrievanceReceipt, TVoiceGrievanceRequest } from '@samvad/ivr-flows';
import { nextDocketNo } from '../modules/grievances/grievances.service.js';
import { chooseOffice, dueDate } from '../modules/grievances/routing.js';
import { dateInIndia } from '../shared/time.js';
import { whenCallRowExists } from './call-row.js';
import type { TCallerHousehold } from './lookup-queries.js';

export interface TVoiceGrievanceSettings {
  /**
   * The category a voice message is filed under until someone listens to it: the caller has
   * not chosen one, and the helpline's triage re-files it.
   */
  categoryCode: string;
  /** the district of a caller Samvad does not know (the grievance row needs one) */
  fallbackDistrictCode: number;
}

/**
 * A caller's voice message becomes a grievance (channel `ivr_voice`) linked to the call, with
 * the recording's URI and the docket number from the grievances module's counter. The caller's
 * household is the one the flow settled on, or the only one on their number; the resident is
 * linked when exactly one member of it owns the number.
 */
export async function registerVoiceGrievance(
  deps: {
    prisma: PrismaClient;
    now: () => Date;
    settings: TVoiceGrievanceSettings;
    householdsOfCaller: (e164: string) => Promise<TCallerHousehold[]>;
  },
  request: TVoiceGrievanceRequest,
): Promise<TVoiceGrievanceReceipt> {
  const { prisma, now, settings } = deps;
  const households = request.caller === null ? [] : await deps.householdsOfCaller(request.caller);
  const household =
    request.householdId === null ? (households.length === 1 ? households[0] : undefined) : households.find((h) => h.householdId === request.householdId);
  const place =
    household ??
    (request.householdId === null
      ? null
      : await prisma.household.findUnique({ where: { id: request.householdId }, select: { districtCode: true, blockId: true } }));

  const category = await prisma.grievanceCategory.findUniqueOrThrow({ where: { code: settings.categoryCode } });
  const districtCode = place?.districtCode ?? settings.fallbackDistrictCode;
  const offices = await prisma.office.findMany({
    where: { departmentCode: category.departmentCode, OR: [{ level: 'state' }, { level: 'district', districtCode }] },
    select: { id: true, departmentCode: true, level: true, districtCode: true },
  });
  const office = chooseOffice(offices, category.departmentCode, districtCode);
  if (!office) throw new Error(`the ${category.departmentCode} department has no office to receive grievances`);

  const createdAt = now();
  const due = dueDate(createdAt, category.deadlineDays);
  const residentId = household?.callerResidentIds.length === 1 ? (household.callerResidentIds[0] ?? null) : null;
  const docketNo = await whenCallRowExists(() =>
    prisma.$transaction(async (tx) => {
      const docket = await nextDocketNo(tx, createdAt);
      const grievance = await tx.grievance.create({
        data: {
          docketNo: docket,
          categoryCode: category.code,
          departmentCode: category.departmentCode,
          officeId: office.id,
          districtCode,
          blockId: place?.blockId ?? null,
          residentId,
          householdId: request.householdId ?? household?.householdId ?? null,
          complainantPhone: request.caller,
          description: `Voice message left on the helpline IVR (${request.durationSec} s); listen to the recording to classify it.`,
          channel: 'ivr_voice',
          dueAt: due,
          callId: request.callId,
          voiceMessageUri: request.recordingUri,
          createdAt,
        },
      });
      await tx.grievanceEvent.createMany({
        data: [
          { grievanceId: grievance.id, type: 'registered', toStatus: 'registered', at: createdAt, data: { channel: 'ivr_voice', callId: request.callId } },
          {
            grievanceId: grievance.id,
            type: 'routed',
            at: createdAt,
            note: office.level === 'state' ? 'No district office: routed to the state office' : null,
            data: { officeId: office.id, level: office.level },
          },
        ],
      });
      return docket;
    }),
  );
  return { docketNo, dueOn: dateInIndia(due) };
}
