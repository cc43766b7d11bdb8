import { z } from 'zod';
import { SURVEY_QUESTION_TYPES } from '../surveys/survey-definition.js';

/** What the agent concludes about a campaign contact at the end of the call. */
export const CAMPAIGN_CALL_OUTCOMES = ['completed', 'partial', 'refused', 'wrong_person', 'dnd'] as const;
export const ZCampaignCallOutcome = z.enum(CAMPAIGN_CALL_OUTCOMES).meta({
  id: 'CampaignCallOutcome',
  description: 'completed: every question asked; partial: some; refused; wrong_person: not the beneficiary or not eligible; dnd: asked never to be called (the resident is marked do-not-disturb)',
});
export type TCampaignCallOutcome = z.infer<typeof ZCampaignCallOutcome>;

const ZTexts = z.object({ hi: z.string(), en: z.string() });
const ZAnswerValue = z.union([z.string(), z.number(), z.boolean()]);

export const ZCampaignCallQuestion = z.object({
  key: z.string(),
  type: z.enum(SURVEY_QUESTION_TYPES),
  text: ZTexts,
  options: z.array(z.object({ key: z.string(), value: z.string(), label: ZTexts })).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  maxLength: z.number().int().optional(),
});

export const ZCampaignCall = z
  .object({
    callId: z.string().nullable().meta({ description: 'null while the agent previews the contact before dialling' }),
    campaign: z.object({ id: z.number().int(), name: z.string(), mode: z.string(), schemeCode: z.string().nullable(), schemeName: ZTexts.nullable() }),
    contact: z.object({ id: z.number().int(), stratum: z.string(), status: z.string(), attemptNo: z.number().int(), residentId: z.number().int(), householdId: z.number().int() }),
    resident: z.object({ nameEn: z.string(), nameHi: z.string(), gender: z.string(), age: z.number().int(), language: z.string(), village: z.string() }),
    survey: z.object({ id: z.number().int(), code: z.string(), version: z.number().int(), title: ZTexts, questions: z.array(ZCampaignCallQuestion) }).nullable(),
    /** the opening rendered with this resident's data, in Hindi and English */
    script: ZTexts.nullable(),
    answers: z.record(z.string(), ZAnswerValue),
    /** the outcome the agent gave, once given */
    outcome: ZCampaignCallOutcome.nullable(),
  })
  .meta({ id: 'CampaignCall', description: 'a campaign call as the agent handles it: who was called and why, the script, the questions and the answers so far' });
export type TCampaignCall = z.infer<typeof ZCampaignCall>;

export const ZCampaignAnswers = z
  .object({
    answers: z
      .array(z.object({ questionKey: z.string().regex(/^[a-z0-9_]{1,64}$/), answer: ZAnswerValue }))
      .min(1)
      .max(30),
  })
  .meta({ id: 'CampaignAnswers', description: 'answers given so far; each is stored at once and a later answer to the same question replaces it' });
export type TCampaignAnswers = z.infer<typeof ZCampaignAnswers>;

export const ZCampaignAnswersSaved = z.object({ answers: z.record(z.string(), ZAnswerValue) }).meta({ id: 'CampaignAnswersSaved' });
