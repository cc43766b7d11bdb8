import { describe, expect, it } from 'vitest';
import type { TSurveyDefinitionInput } from '../../flow/survey.js';
import { asJson, flowOf, FlowWalker } from '../testing.js';

const survey = {
  surveyId: 3,
  code: 'pds-feedback',
  questions: [
    { key: 'received', type: 'yesno', prompt: { en: 'Did you receive your ration? 1 yes, 2 no', hi: 'x' } },
    { key: 'quality', type: 'rating', prompt: { en: 'Rate the quality from 1 to 5', hi: 'x' } },
    { key: 'shop', type: 'single', prompt: { en: 'Was the shop 1 open, 2 closed, 3 not found', hi: 'x' }, options: { '1': 'open', '2': 'closed', '3': 'not_found' } },
    { key: 'kg', type: 'number', prompt: { en: 'How many kilograms? Then hash', hi: 'x' }, min: 0, max: 100, maxDigits: 3 },
    { key: 'comment', type: 'voice', prompt: { en: 'Say anything else after the beep', hi: 'x' }, maxSeconds: 30 },
  ],
  thanks: { en: 'Thank you for your answers', hi: 'x' },
} satisfies TSurveyDefinitionInput;

const flow = flowOf({
  start: 'questions',
  nodes: {
    questions: { type: 'survey', retries: 1, invalidPrompt: { en: 'Not a valid answer', hi: 'x' }, next: 'done' },
    done: { type: 'hangup' },
  },
});

function saved(walk: FlowWalker): { questionKey: unknown; answer: unknown }[] {
  return walk.commands.flatMap((c) => (c.type === 'lookup' && c.name === 'saveSurveyAnswer' ? [{ questionKey: c.args.questionKey, answer: c.args.answer }] : []));
}

describe('survey', () => {
  it('asks every question and saves each answer the moment it is given', () => {
    const walk = new FlowWalker(flow, { variables: { survey: asJson(survey) } });
    walk.press('1', 'max_digits').answer({ questionKey: 'received', created: true });
    walk.press('4', 'max_digits').answer({});
    walk.press('2', 'max_digits').answer({});
    walk.press('35').answer({});
    expect(walk.last('record')).toMatchObject({ maxSeconds: 30 });
    walk.recorded('recording:c1', 6).answer({});
    expect(saved(walk)).toEqual([
      { questionKey: 'received', answer: true },
      { questionKey: 'quality', answer: 4 },
      { questionKey: 'shop', answer: 'closed' },
      { questionKey: 'kg', answer: 35 },
      { questionKey: 'comment', answer: 'recording:c1' },
    ]);
    expect(walk.last('lookup')?.args.surveyId).toBe(3);
    expect(walk.heard.at(-1)).toBe('Thank you for your answers');
    expect(walk.session.status).toBe('ended');
  });

  it('a caller who hangs up at question 3 has answers 1 and 2 saved, and nothing more', () => {
    const walk = new FlowWalker(flow, { variables: { survey: asJson(survey) } });
    walk.press('2').answer({}).press('5').answer({});
    walk.hangup();
    expect(saved(walk)).toEqual([
      { questionKey: 'received', answer: false },
      { questionKey: 'quality', answer: 5 },
    ]);
    expect(walk.session.status).toBe('ended');
  });

  it('asks again after an invalid key, then skips the question', () => {
    const walk = new FlowWalker(flow, { variables: { survey: asJson(survey) } });
    walk.press('7');
    expect(walk.heard).toEqual(['Did you receive your ration? 1 yes, 2 no', 'Not a valid answer', 'Did you receive your ration? 1 yes, 2 no']);
    walk.press('9');
    expect(walk.heard.at(-1)).toBe('Rate the quality from 1 to 5');
    walk.press('6').press('3').answer({});
    expect(saved(walk)).toEqual([{ questionKey: 'quality', answer: 3 }]);
  });

  it('refuses a number out of range', () => {
    const walk = new FlowWalker(flow, { variables: { survey: asJson(survey) } });
    walk.press('1').answer({}).press('1').answer({}).press('1').answer({});
    walk.press('250');
    expect(walk.heard.at(-1)).toBe('How many kilograms? Then hash');
    expect(walk.heard.at(-2)).toBe('Not a valid answer');
  });

  it('a missing or malformed definition ends the call with an error', () => {
    const walk = new FlowWalker(flow, { variables: { survey: { questions: [] } } });
    expect(walk.last('hangup')?.reason).toBe('error');
  });
});
