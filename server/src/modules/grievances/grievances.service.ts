import type { Prisma, PrismaClient } from '@samvad/db';
import { Forbidden, Invalid, NotFound, Unavailable } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import { maskPhone } from '../../shared/phone.js';
import { dateInIndia } from '../../shared/time.js';
import type { TGrievance, TRegisterGrievance } from './grievances.schemas.js';
import { chooseOffice, dueDate, formatDocket } from './routing.js';

const grievanceInclude = {
  category: true,
  department: true,
  office: true,
  district: true,
  resident: { select: { nameEn: true, mobile: true } },
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.GrievanceInclude;

type TGrievanceRow = Prisma.GrievanceGetPayload<{ include: typeof grievanceInclude }>;

/** Officers see the grievances of their office, or of their department in their district. */
function officerMaySee(viewer: TAuthUser, g: TGrievanceRow): boolean {
  if (viewer.officeId !== null && g.officeId === viewer.officeId) return true;
  return g.departmentCode === viewer.departmentCode && g.districtCode === viewer.districtCode;
}

/** Shapes a grievance for one viewer. An officer never learns who filed an anonymous one. */
export function toGrievanceView(g: TGrievanceRow, viewer: TAuthUser): TGrievance {
  const isOfficer = viewer.role === 'officer';
  const phone = g.complainantPhone ?? g.resident?.mobile ?? null;
  return {
    docketNo: g.docketNo,
    category: { code: g.category.code, nameEn: g.category.nameEn, nameHi: g.category.nameHi, deadlineDays: g.category.deadlineDays },
    department: { code: g.department.code, nameEn: g.department.nameEn, nameHi: g.department.nameHi },
    office: { id: g.office.id, name: g.office.name, nameHi: g.office.nameHi, level: g.office.level },
    district: { code: g.district.lgdCode, name: g.district.name, nameHi: g.district.nameHi },
    blockId: g.blockId,
    status: g.status,
    anonymous: g.anonymous,
    complainant:
      isOfficer && g.anonymous
        ? null
        : {
            residentId: g.residentId,
            householdId: g.householdId,
            name: g.complainantName ?? g.resident?.nameEn ?? null,
            phone: isOfficer ? maskPhone(phone) : phone,
          },
    description: g.description,
    channel: g.channel,
    callId: isOfficer && g.anonymous ? null : g.callId,
    createdAt: g.createdAt.toISOString(),
    dueAt: g.dueAt.toISOString(),
    resolvedAt: g.resolvedAt?.toISOString() ?? null,
    events: g.events.map((e) => ({ type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, at: e.at.toISOString() })),
  };
}

/**
 * The next docket number of the year in India, inside the caller's transaction. One counter row
 * per year, incremented under its row lock: concurrent registrations queue here for a moment
 * and each gets its own number (the IVR's voice grievances take theirs here too).
 */
export async function nextDocketNo(tx: Prisma.TransactionClient, createdAt: Date): Promise<string> {
  const year = Number(dateInIndia(createdAt).slice(0, 4));
  const [counter] = await tx.$queryRaw<{ last_value: number }[]>`
    INSERT INTO docket_counters (year, last_value) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last_value = docket_counters.last_value + 1
    RETURNING last_value`;
  if (!counter) throw new Error('docket counter returned no row');
  return formatDocket(year, counter.last_value);
}

export function createGrievanceService(deps: { prisma: PrismaClient; now?: () => Date }) {
  const { prisma, now = () => new Date() } = deps;

  return {
    async register(input: TRegisterGrievance, actor: TAuthUser): Promise<TGrievance> {
      const [category, resident, call] = await Promise.all([
        prisma.grievanceCategory.findUnique({ where: { code: input.categoryCode } }),
        input.residentId === undefined
          ? null
          : prisma.resident.findUnique({ where: { id: input.residentId }, include: { household: true } }),
        input.callId === undefined ? null : prisma.call.findUnique({ where: { id: input.callId }, select: { id: true } }),
      ]);
      if (!category) throw Invalid('Unknown grievance category', [{ field: 'body.categoryCode', message: 'no such category' }]);
      if (input.residentId !== undefined && !resident) {
        throw Invalid('Unknown resident', [{ field: 'body.residentId', message: 'no such resident' }]);
      }
      if (input.callId !== undefined && !call) throw Invalid('Unknown call', [{ field: 'body.callId', message: 'no such call' }]);

      const districtCode = input.districtCode ?? resident?.household.districtCode;
      if (districtCode === undefined) throw Invalid('A district is required', [{ field: 'body.districtCode', message: 'is required' }]);
      const blockId = input.blockId ?? (input.districtCode === undefined ? resident?.household.blockId : undefined) ?? null;
      const [district, block, offices] = await Promise.all([
        prisma.district.findUnique({ where: { lgdCode: districtCode } }),
        blockId === null ? null : prisma.block.findUnique({ where: { id: blockId } }),
        prisma.office.findMany({
          where: { departmentCode: category.departmentCode, OR: [{ level: 'state' }, { level: 'district', districtCode }] },
          select: { id: true, departmentCode: true, level: true, districtCode: true },
        }),
      ]);
      if (!district) throw Invalid('Unknown district', [{ field: 'body.districtCode', message: 'no such LGD district code' }]);
      if (blockId !== null && (!block || block.districtCode !== districtCode)) {
        throw Invalid('The block is not in that district', [{ field: 'body.blockId', message: `not a block of district ${districtCode}` }]);
      }
      const office = chooseOffice(offices, category.departmentCode, districtCode);
      if (!office) throw Unavailable(`The ${category.departmentCode} department has no office to receive grievances`);

      const createdAt = now();
      const created = await prisma.$transaction(async (tx) => {
        const grievance = await tx.grievance.create({
          data: {
            docketNo: await nextDocketNo(tx, createdAt),
            categoryCode: category.code,
            departmentCode: category.departmentCode,
            officeId: office.id,
            districtCode,
            blockId,
            residentId: resident?.id ?? null,
            householdId: resident?.householdId ?? null,
            anonymous: input.anonymous,
            complainantName: input.complainantName ?? null,
            complainantPhone: input.complainantPhone ?? null,
            description: input.description,
            channel: input.channel,
            dueAt: dueDate(createdAt, category.deadlineDays),
            callId: input.callId ?? null,
            createdById: actor.id,
            createdAt,
          },
        });
        await tx.grievanceEvent.createMany({
          data: [
            { grievanceId: grievance.id, type: 'registered', toStatus: 'registered', actorId: actor.id, at: createdAt, data: { channel: input.channel } },
            {
              grievanceId: grievance.id,
              type: 'routed',
              actorId: actor.id,
              at: createdAt,
              note: office.level === 'state' ? 'No district office: routed to the state office' : null,
              data: { officeId: office.id, level: office.level },
            },
          ],
        });
        return tx.grievance.findUniqueOrThrow({ where: { id: grievance.id }, include: grievanceInclude });
      });
      return toGrievanceView(created, actor);
    },

    async byDocket(docketNo: string, viewer: TAuthUser): Promise<TGrievance> {
      const grievance = await prisma.grievance.findUnique({ where: { docketNo }, include: grievanceInclude });
      if (!grievance) throw NotFound('Grievance');
      if (viewer.role === 'officer' && !officerMaySee(viewer, grievance)) {
        throw Forbidden("This grievance belongs to another office's work");
      }
      return toGrievanceView(grievance, viewer);
    },
  };
}

export type TGrievanceService = ReturnType<typeof createGrievanceService>;
