import { describe, expect, it } from 'vitest';
import { ZSurveyDefinition } from './survey.js';

const question = { key: 'received', type: 'yesno', prompt: { hi: 'क्या राशन मिला?' } };

describe('ZSurveyDefinition', () => {
  it('accepts every question type and fills the defaults', () => {
    const parsed = ZSurveyDefinition.parse({
      surveyId: 1,
      code: 'pds',
      questions: [
        question,
        { key: 'shop', type: 'single', prompt: { en: 'Shop open?' }, options: { '1': 'open', '2': 'closed' } },
        { key: 'quality', type: 'rating', prompt: { en: 'Rate 1 to 5' } },
        { key: 'kg', type: 'number', prompt: { en: 'Kilograms' } },
        { key: 'comment', type: 'voice', prompt: { en: 'After the beep' } },
      ],
      thanks: { en: 'Thank you' },
    });
    expect(parsed.version).toBe(1);
    expect(parsed.questions[3]).toMatchObject({ min: 0, max: 9999, maxDigits: 4 });
    expect(parsed.questions[4]).toMatchObject({ maxSeconds: 60 });
  });

  it('refuses duplicate keys, a single choice with one option, and option keys outside 1-9', () => {
    const base = { surveyId: 1, code: 'pds', thanks: { en: 'Thank you' } };
    expect(ZSurveyDefinition.safeParse({ ...base, questions: [question, question] }).success).toBe(false);
    const single = (options: Record<string, string>) => ({ ...base, questions: [{ key: 'shop', type: 'single', prompt: { en: 'x' }, options }] });
    expect(ZSurveyDefinition.safeParse(single({ '1': 'open' })).success).toBe(false);
    expect(ZSurveyDefinition.safeParse(single({ '0': 'open', '1': 'closed' })).success).toBe(false);
    expect(ZSurveyDefinition.safeParse({ ...base, questions: [] }).success).toBe(false);
  });
});
