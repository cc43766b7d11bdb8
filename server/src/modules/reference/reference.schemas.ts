import { z } from 'zod';

const ZNamedDepartment = z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string() });

/** A call queue as a picker shows it: campaigns name the queue their answered calls go to. */
export const ZQueueSummary = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    nameHi: z.string(),
    language: z.enum(['hi', 'cg', 'en']).nullable().describe('the language its agents speak; null for any'),
    department: ZNamedDepartment.nullable().describe("the department whose calls it takes; null for the general helpline"),
    active: z.boolean(),
  })
  .meta({ id: 'QueueSummary' });

/** A welfare scheme as a picker shows it, with how many enrolments a campaign could sample from. */
export const ZSchemeSummary = z
  .object({
    code: z.string(),
    nameEn: z.string(),
    nameHi: z.string(),
    level: z.string().describe('who runs it: central, state or both'),
    status: z.string().describe('active, or legacy with its years'),
    department: ZNamedDepartment,
    enrolments: z.object({
      total: z.number().int(),
      active: z.number().int().describe('the enrolments a campaign samples from'),
    }),
  })
  .meta({ id: 'SchemeSummary' });

export const ZQueueList = z.object({ queues: z.array(ZQueueSummary) }).meta({ id: 'QueueList' });
export type TQueueList = z.infer<typeof ZQueueList>;

export const ZSchemeList = z.object({ schemes: z.array(ZSchemeSummary) }).meta({ id: 'SchemeList' });
export type TSchemeList = z.infer<typeof ZSchemeList>;
