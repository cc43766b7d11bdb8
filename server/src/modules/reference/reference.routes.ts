import type { PrismaClient } from '@samvad/db';
import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZQueueList, ZSchemeList } from './reference.schemas.js';

/** Small lists that forms and pickers need: districts with blocks, grievance categories, queues, schemes. */
export function referenceRoutes(prisma: PrismaClient): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/queues',
      summary: 'Call queues, with their language and department',
      tag: 'reference',
      access: 'authenticated',
      response: { description: 'All queues, active ones first', schema: ZQueueList },
      handler: async () => {
        const queues = await prisma.queue.findMany({ include: { department: true }, orderBy: [{ active: 'desc' }, { code: 'asc' }] });
        return {
          queues: queues.map((q) => ({
            id: q.id,
            code: q.code,
            name: q.name,
            nameHi: q.nameHi,
            language: q.language,
            department: q.department ? { code: q.department.code, nameEn: q.department.nameEn, nameHi: q.department.nameHi } : null,
            active: q.active,
          })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/schemes',
      summary: 'Welfare schemes with their department and number of enrolments',
      tag: 'reference',
      access: 'authenticated',
      response: { description: 'All schemes, by code', schema: ZSchemeList },
      handler: async () => {
        const [schemes, counts] = await Promise.all([
          prisma.scheme.findMany({ include: { department: true }, orderBy: { code: 'asc' } }),
          prisma.enrolment.groupBy({ by: ['schemeCode', 'status'], _count: { _all: true } }),
        ]);
        const enrolments = new Map<string, { total: number; active: number }>();
        for (const c of counts) {
          const entry = enrolments.get(c.schemeCode) ?? { total: 0, active: 0 };
          entry.total += c._count._all;
          if (c.status === 'active') entry.active += c._count._all;
          enrolments.set(c.schemeCode, entry);
        }
        return {
          schemes: schemes.map((s) => ({
            code: s.code,
            nameEn: s.nameEn,
            nameHi: s.nameHi,
            level: s.level,
            status: s.status,
            department: { code: s.department.code, nameEn: s.department.nameEn, nameHi: s.department.nameHi },
            enrolments: enrolments.get(s.code) ?? { total: 0, active: 0 },
          })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/districts',
      summary: 'Districts with their blocks (LGD codes)',
      tag: 'reference',
      access: 'authenticated',
      response: {
        description: 'All districts',
        schema: z.array(
          z.object({
            code: z.number().int(),
            name: z.string(),
            nameHi: z.string(),
            blocks: z.array(z.object({ id: z.number().int(), lgdCode: z.number().int(), name: z.string(), nameHi: z.string() })),
          }),
        ),
      },
      handler: async () => {
        const districts = await prisma.district.findMany({ include: { blocks: { orderBy: { name: 'asc' } } }, orderBy: { name: 'asc' } });
        return districts.map((d) => ({
          code: d.lgdCode,
          name: d.name,
          nameHi: d.nameHi,
          blocks: d.blocks.map((b) => ({ id: b.id, lgdCode: b.lgdCode, name: b.name, nameHi: b.nameHi })),
        }));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/grievance-categories',
      summary: 'Grievance categories with their department and deadline',
      tag: 'reference',
      access: 'authenticated',
      response: {
        description: 'All categories',
        schema: z.array(
          z.object({
            code: z.string(),
            nameEn: z.string(),
            nameHi: z.string(),
            deadlineDays: z.number().int(),
            department: z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string() }),
          }),
        ),
      },
      handler: async () => {
        const categories = await prisma.grievanceCategory.findMany({ include: { department: true }, orderBy: { code: 'asc' } });
        return categories.map((c) => ({
          code: c.code,
          nameEn: c.nameEn,
          nameHi: c.nameHi,
          deadlineDays: c.deadlineDays,
          department: { code: c.department.code, nameEn: c.department.nameEn, nameHi: c.department.nameHi },
        }));
      },
    }),
  ];
}
