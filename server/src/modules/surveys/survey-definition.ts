import { checkTemplate, ZPrompt, ZSurveyDefinition, type TSurveyDefinition } from '@samvad/ivr-flows';
import { z } from 'zod';

/**
 * A survey as `surveys.definition` stores it: the questions both the agent's script and the IVR
 * survey flow ask, the opening the agent reads (Handlebars, filled with the resident's data), and
 * the thanks. One definition serves both kinds of campaign call; `toIvrDefinition` takes what the
 * IVR can ask (a question typed in by the agent has no IVR form).
 */
const ZQuestionKey = z.string().regex(/^[a-z0-9_]{1,64}$/, 'a question key is a-z, 0-9 and _');
const ZOptionKey = z.string().regex(/^[1-9]$/, 'an option key is 1-9');
const ZText = z.string().trim().min(1).max(2000);
/** what the agent reads and sees: Hindi always, English for agents who work in it */
const ZAgentText = z.object({ hi: ZText, en: ZText }).strict();
const ZOptionLabel = z.object({ hi: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).strict();

const base = {
  key: ZQuestionKey,
  /** what the IVR plays (and the agent reads when `ask` is missing) */
  prompt: ZPrompt,
  /** how the agent asks it in conversation; the IVR's wording names keys to press */
  ask: ZAgentText.optional(),
};
const ZStoredQuestion = z.discriminatedUnion('type', [
  z
    .object({
      ...base,
      type: z.literal('single'),
      /** the key a caller presses → the value stored as the answer */
      options: z.record(ZOptionKey, z.string().regex(/^[a-z0-9_]{1,64}$/, 'an option value is a-z, 0-9 and _')),
      /** how the agent's form shows each option, by the option's key */
      labels: z.record(ZOptionKey, ZOptionLabel).optional(),
    })
    .strict()
    .refine((q) => Object.keys(q.options).length >= 2, 'at least two options')
    .refine((q) => !q.labels || Object.keys(q.labels).every((k) => k in q.options), 'every label names an option key'),
  z.object({ ...base, type: z.literal('yesno') }).strict(),
  z.object({ ...base, type: z.literal('rating') }).strict(),
  z.object({ ...base, type: z.literal('number'), min: z.number().int().default(0), max: z.number().int().default(9999), maxDigits: z.number().int().min(1).max(9).default(4) }).strict(),
  z.object({ ...base, type: z.literal('voice'), maxSeconds: z.number().int().min(3).max(300).default(60) }).strict(),
  /** free text the agent types; the IVR skips it */
  z.object({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(2000).default(500) }).strict(),
]);

export const SURVEY_QUESTION_TYPES = ['single', 'yesno', 'rating', 'number', 'voice', 'text'] as const;

export const ZStoredSurvey = z
  .object({
    script: ZAgentText.optional().meta({ description: 'the opening the agent reads; Handlebars with the resident\'s data (name, village, scheme, lastPayment …); an IVR-only survey needs none' }),
    questions: z.array(ZStoredQuestion).min(1).max(30),
    thanks: ZPrompt,
  })
  .strict()
  .refine((d) => new Set(d.questions.map((q) => q.key)).size === d.questions.length, { message: 'question keys must be unique', path: ['questions'] })
  .meta({ id: 'SurveyDefinition' });

export type TStoredSurvey = z.output<typeof ZStoredSurvey>;
export type TStoredQuestion = TStoredSurvey['questions'][number];

/** every template of the survey that Handlebars cannot parse, by its place in the definition */
export function templateProblems(definition: TStoredSurvey): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const check = (field: string, template: string | undefined) => {
    if (template === undefined) return;
    const error = checkTemplate(template);
    if (error) problems.push({ field, message: error });
  };
  check('definition.script.hi', definition.script?.hi);
  check('definition.script.en', definition.script?.en);
  definition.questions.forEach((q, i) => {
    check(`definition.questions.${i}.ask.hi`, q.ask?.hi);
    check(`definition.questions.${i}.ask.en`, q.ask?.en);
    for (const language of ['hi', 'cg', 'en'] as const) check(`definition.questions.${i}.prompt.${language}`, q.prompt[language]);
  });
  return problems;
}

/** the survey as the IVR survey flow asks it; null when it has no question the IVR can ask */
export function toIvrDefinition(row: { id: number; code: string; version: number; definition: TStoredSurvey }): TSurveyDefinition | null {
  const questions = row.definition.questions
    .filter((q) => q.type !== 'text')
    .map((q) => {
      const { ask: _ask, ...ivr } = q;
      if (ivr.type !== 'single') return ivr;
      const { labels: _labels, ...asked } = ivr;
      return asked;
    });
  if (questions.length === 0) return null;
  return ZSurveyDefinition.parse({ surveyId: row.id, code: row.code, version: row.version, questions, thanks: row.definition.thanks });
}

/** An answer as the agent's form sends it, checked against its question; the error text, or the value to store. */
export function checkAnswer(question: TStoredQuestion, answer: unknown): { value: string | number | boolean } | { error: string } {
  switch (question.type) {
    case 'single':
      return typeof answer === 'string' && Object.values(question.options).includes(answer)
        ? { value: answer }
        : { error: `must be one of ${Object.values(question.options).join(', ')}` };
    case 'yesno':
      return typeof answer === 'boolean' ? { value: answer } : { error: 'must be true or false' };
    case 'rating':
      return Number.isInteger(answer) && (answer as number) >= 1 && (answer as number) <= 5 ? { value: answer as number } : { error: 'must be a whole number from 1 to 5' };
    case 'number':
      return Number.isInteger(answer) && (answer as number) >= question.min && (answer as number) <= question.max
        ? { value: answer as number }
        : { error: `must be a whole number from ${question.min} to ${question.max}` };
    case 'voice':
    case 'text': {
      const max = question.type === 'text' ? question.maxLength : 2000;
      if (typeof answer !== 'string' || answer.trim().length === 0) return { error: 'must be some text' };
      return answer.trim().length <= max ? { value: answer.trim() } : { error: `must be at most ${max} characters` };
    }
  }
}
