import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAnswer, templateProblems, toIvrDefinition, ZStoredSurvey } from './survey-definition.js';

const seeded = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../prisma/seed-data/surveys.json', import.meta.url)), 'utf8')) as { id: number; code: string; version: number; definition: unknown }[];

describe('stored survey definitions', () => {
  it('accepts every seeded survey, with templates Handlebars can read', () => {
    for (const row of seeded) {
      const definition = ZStoredSurvey.parse(row.definition);
      expect(templateProblems(definition)).toEqual([]);
    }
  });

  it('gives the IVR the questions it can ask, without the agent-only parts', () => {
    const row = seeded[0]!;
    const ivr = toIvrDefinition({ ...row, definition: ZStoredSurvey.parse(row.definition) });
    expect(ivr?.surveyId).toBe(row.id);
    expect(ivr?.questions.map((q) => q.key)).toEqual(['received', 'on_time', 'asked_money', 'satisfaction']);
    expect(JSON.stringify(ivr)).not.toMatch(/"ask"|"labels"/);
  });

  it('has no IVR form for a survey of typed answers only', () => {
    const definition = ZStoredSurvey.parse({ script: { hi: 'नमस्ते', en: 'Hello' }, questions: [{ key: 'note', type: 'text', prompt: { en: 'Note' } }], thanks: { en: 'Thanks' } });
    expect(toIvrDefinition({ id: 9, code: 'notes', version: 1, definition })).toBeNull();
  });

  it('names each broken template by its place', () => {
    const definition = ZStoredSurvey.parse({
      script: { hi: 'नमस्ते {{name}}', en: 'Hello {{#if name}}' },
      questions: [{ key: 'q', type: 'yesno', prompt: { en: '{{oops' }, ask: { hi: 'ठीक?', en: 'OK?' } }],
      thanks: { en: 'Thanks' },
    });
    expect(templateProblems(definition).map((p) => p.field)).toEqual(['definition.script.en', 'definition.questions.0.prompt.en']);
  });

  it('refuses duplicate keys, a label for a missing option, and a single choice of one option', () => {
    const base = { script: { hi: 'a', en: 'a' }, thanks: { en: 'Thanks' } };
    expect(ZStoredSurvey.safeParse({ ...base, questions: [{ key: 'a', type: 'yesno', prompt: { en: 'A' } }, { key: 'a', type: 'rating', prompt: { en: 'B' } }] }).success).toBe(false);
    expect(
      ZStoredSurvey.safeParse({ ...base, questions: [{ key: 'a', type: 'single', prompt: { en: 'A' }, options: { 1: 'x', 2: 'y' }, labels: { 3: { hi: 'z', en: 'z' } } }] }).success,
    ).toBe(false);
    expect(ZStoredSurvey.safeParse({ ...base, questions: [{ key: 'a', type: 'single', prompt: { en: 'A' }, options: { 1: 'x' } }] }).success).toBe(false);
  });

  it('checks an answer against its question', () => {
    const { questions } = ZStoredSurvey.parse(seeded[0]!.definition);
    const byKey = Object.fromEntries(questions.map((q) => [q.key, q]));
    expect(checkAnswer(byKey.received!, 'not_received')).toEqual({ value: 'not_received' });
    expect(checkAnswer(byKey.received!, '3')).toHaveProperty('error');
    expect(checkAnswer(byKey.on_time!, true)).toEqual({ value: true });
    expect(checkAnswer(byKey.on_time!, 1)).toHaveProperty('error');
    expect(checkAnswer(byKey.satisfaction!, 5)).toEqual({ value: 5 });
    expect(checkAnswer(byKey.satisfaction!, 0)).toHaveProperty('error');
    expect(checkAnswer(byKey.satisfaction!, 2.5)).toHaveProperty('error');
    expect(checkAnswer(byKey.comments!, '  fine  ')).toEqual({ value: 'fine' });
    expect(checkAnswer(byKey.comments!, '   ')).toHaveProperty('error');
    expect(checkAnswer(byKey.comments!, 'x'.repeat(1001))).toEqual({ error: 'must be at most 1000 characters' });
    const number = ZStoredSurvey.parse({ script: { hi: 'a', en: 'a' }, thanks: { en: 'T' }, questions: [{ key: 'kg', type: 'number', prompt: { en: 'kg?' }, min: 0, max: 50 }] }).questions[0]!;
    expect(checkAnswer(number, 35)).toEqual({ value: 35 });
    expect(checkAnswer(number, 51)).toEqual({ error: 'must be a whole number from 0 to 50' });
  });
});
