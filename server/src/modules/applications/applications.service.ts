import type { PrismaClient } from '@samvad/db';
import { Forbidden, NotFound } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import { dateInIndia } from '../../shared/time.js';
import type { TViewPurpose } from '../audit/audit.schemas.js';
import type { TAuditLog } from '../audit/audit.service.js';

export function createApplicationService(deps: { prisma: PrismaClient; audit: TAuditLog }) {
  const { prisma, audit } = deps;
  return {
    async byNumber(applicationNo: string, viewer: TAuthUser, purpose: TViewPurpose, ip?: string) {
      const application = await prisma.serviceApplication.findUnique({
        where: { applicationNo },
        include: {
          service: true,
          office: true,
          resident: { select: { id: true, householdId: true, nameEn: true, nameHi: true } },
          events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
        },
      });
      if (!application) throw NotFound('Application');
      // Officers work their own department's applications only.
      if (viewer.role === 'officer' && application.service.departmentCode !== viewer.departmentCode) {
        throw Forbidden("This application belongs to another department's service");
      }
      await audit.record(
        viewer,
        purpose,
        [{ action: 'application.view', subjectType: 'application', subjectId: application.applicationNo }],
        ip,
      );
      return {
        applicationNo: application.applicationNo,
        service: {
          code: application.service.code,
          nameEn: application.service.nameEn,
          nameHi: application.service.nameHi,
          departmentCode: application.service.departmentCode,
        },
        status: application.status,
        submittedAt: application.submittedAt.toISOString(),
        updatedAt: application.updatedAt.toISOString(),
        expectedBy: dateInIndia(application.expectedBy),
        nextStep: application.nextStep,
        office: application.office ? { id: application.office.id, name: application.office.name, nameHi: application.office.nameHi } : null,
        applicant: {
          residentId: application.resident.id,
          householdId: application.resident.householdId,
          nameEn: application.resident.nameEn,
          nameHi: application.resident.nameHi,
        },
        timeline: application.events.map((e) => ({ status: e.status, at: e.at.toISOString(), note: e.note })),
      };
    },
  };
}

export type TApplicationService = ReturnType<typeof createApplicationService>;
