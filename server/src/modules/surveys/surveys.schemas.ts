import { z } from 'zod';
import { ZStoredSurvey } from './survey-definition.js';

export const ZSurveyCreate = z
  .object({
    code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and -').meta({ example: 'benefit-reached' }),
    title: z.string().trim().min(3).max(200),
    titleHi: z.string().trim().min(3).max(200),
    definition: ZStoredSurvey,
  })
  .meta({ id: 'SurveyCreate', description: 'a new survey, or a new version of one (same code): campaigns keep the version they were given' });
export type TSurveyCreate = z.infer<typeof ZSurveyCreate>;

const summaryShape = {
  id: z.number().int(),
  code: z.string(),
  version: z.number().int(),
  title: z.string(),
  titleHi: z.string(),
  questionCount: z.number().int(),
  createdAt: z.string(),
};
export const ZSurveySummary = z.object(summaryShape).meta({ id: 'SurveySummary' });
export const ZSurveyList = z.object({ surveys: z.array(ZSurveySummary) }).meta({ id: 'SurveyList' });
export const ZSurvey = z.object({ ...summaryShape, definition: ZStoredSurvey }).meta({ id: 'Survey' });
export type TSurvey = z.infer<typeof ZSurvey>;
