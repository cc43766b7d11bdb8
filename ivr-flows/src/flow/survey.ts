import { z } from 'zod';
import { ZPrompt } from './schema.js';

/**
 * A survey as an agentless campaign call asks it. The definition travels with the call (the
 * `survey` variable), so one flow file serves every survey; the server stores it in
 * `surveys.definition` and the dialer passes it in.
 */
const ZKey = z.string().regex(/^[1-9]$/, 'an option key is 1-9');

const base = { key: z.string().regex(/^[a-z0-9_]{1,64}$/, 'a question key is a-z, 0-9 and _'), prompt: ZPrompt };

export const ZSurveyQuestion = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('single'), options: z.record(ZKey, z.string().min(1)).refine((o) => Object.keys(o).length >= 2, 'at least two options') }).strict(),
  /** 1 yes, 2 no */
  z.object({ ...base, type: z.literal('yesno') }).strict(),
  /** a key from 1 to 5 */
  z.object({ ...base, type: z.literal('rating') }).strict(),
  z.object({ ...base, type: z.literal('number'), min: z.number().int().default(0), max: z.number().int().default(9999), maxDigits: z.number().int().min(1).max(9).default(4) }).strict(),
  z.object({ ...base, type: z.literal('voice'), maxSeconds: z.number().int().min(3).max(300).default(60) }).strict(),
]);

export const ZSurveyDefinition = z
  .object({
    surveyId: z.number().int().positive(),
    code: z.string().min(1),
    version: z.number().int().positive().default(1),
    questions: z.array(ZSurveyQuestion).min(1).max(30),
    thanks: ZPrompt,
  })
  .strict()
  .refine((d) => new Set(d.questions.map((q) => q.key)).size === d.questions.length, 'question keys must be unique');

export type TSurveyDefinition = z.output<typeof ZSurveyDefinition>;
export type TSurveyDefinitionInput = z.input<typeof ZSurveyDefinition>;
export type TSurveyQuestion = z.output<typeof ZSurveyQuestion>;
