import type { PrismaClient } from '@samvad/db';
import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';

/** Small lists that forms and pickers need: districts with blocks, grievance categories. */
export function referenceRoutes(prisma: PrismaClient): TRoute[] {
  return [
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
