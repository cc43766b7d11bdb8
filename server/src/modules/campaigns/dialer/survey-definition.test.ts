import { ZSurveyDefinition } from '@samvad/ivr-flows';
import { describe, expect, it } from 'vitest';
import { ivrSurveyDefinition } from './survey-definition.js';

describe('ivrSurveyDefinition', () => {
  const prompt = { hi: 'प्रश्न', en: 'Question' };
  const row = {
    id: 7,
    code: 'benefit-reached',
    version: 2,
    definition: {
      script: { hi: 'नमस्ते {{name}}', en: 'Hello {{name}}' },
      questions: [
        { key: 'received', type: 'single', prompt, options: { '1': 'full', '2': 'none' }, labels: { '1': { hi: 'पूरा', en: 'Full' } } },
        { key: 'remarks', type: 'text', prompt },
        { key: 'kg', type: 'number', prompt, min: 0, max: 50 },
      ],
      thanks: { hi: 'धन्यवाद', en: 'Thanks' },
    },
  };

  it('keeps the questions a caller can answer, in the IVR format, with the row identity', () => {
    const built = ivrSurveyDefinition(row);
    expect(built?.questions).toBe(2);
    const parsed = ZSurveyDefinition.parse(built?.definition);
    expect(parsed).toMatchObject({ surveyId: 7, code: 'benefit-reached', version: 2, thanks: { en: 'Thanks' } });
    expect(parsed.questions.map((q) => q.key)).toEqual(['received', 'kg']);
    expect(parsed.questions[0]).not.toHaveProperty('labels');
  });

  it('has nothing to ask when every question is for agents only', () => {
    expect(ivrSurveyDefinition({ ...row, definition: { ...row.definition, questions: [{ key: 'remarks', type: 'text', prompt }] } })).toBeNull();
  });

  it('has nothing to ask from a definition it cannot read', () => {
    expect(ivrSurveyDefinition({ ...row, definition: { questions: 'none' } })).toBeNull();
  });
});
