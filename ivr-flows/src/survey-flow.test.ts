import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFlow } from './flow/schema.js';
import type { TSurveyDefinitionInput } from './flow/survey.js';
import { loadFlowFile } from './loader/load.js';
import { asJson, FlowWalker } from './engine/testing.js';

let flow: TFlow;

beforeAll(async () => {
  const loaded = await loadFlowFile(fileURLToPath(new URL('../flows/survey.yaml', import.meta.url)));
  if (!loaded.ok) throw new Error(loaded.error.problem);
  expect(loaded.warnings).toEqual([]);
  flow = loaded.flow;
});

/** a public distribution survey as a campaign would send it, in Hindi and Chhattisgarhi */
const ration = {
  surveyId: 11,
  code: 'pds-2026-03',
  questions: [
    {
      key: 'received',
      type: 'yesno',
      prompt: { hi: 'क्या आपको इस महीने का राशन मिला? हाँ के लिए 1, नहीं के लिए 2 दबाएँ।', cg: 'का आपमन ल ए महीना के राशन मिलिस? हव बर 1, नहीं बर 2 दबावव।' },
    },
    { key: 'quality', type: 'rating', prompt: { hi: 'राशन की गुणवत्ता को 1 से 5 के बीच अंक दें।', cg: 'राशन के गुन ल 1 ले 5 के बीच नंबर देवव।' } },
    { key: 'kg', type: 'number', prompt: { hi: 'कितने किलो चावल मिला? अंक दबाकर हैश दबाएँ।', cg: 'कतका किलो चाउर मिलिस? अंक दबा के हैश दबावव।' }, min: 0, max: 100, maxDigits: 3 },
  ],
  thanks: { hi: 'आपके समय के लिए धन्यवाद।', cg: 'आपमन के समय बर धन्यवाद।' },
} satisfies TSurveyDefinitionInput;

function saved(walk: FlowWalker): unknown[] {
  return walk.commands.flatMap((c) => (c.type === 'lookup' && c.name === 'saveSurveyAnswer' ? [c.args] : []));
}

describe('the survey flow', () => {
  it('introduces the call, asks each question, saves each answer as it is given, and thanks the caller', () => {
    const walk = new FlowWalker(flow, { variables: { survey: asJson(ration), surveyId: 11, campaignId: 4, contactId: 870 } });
    expect(walk.heard[0]).toMatch(/^नमस्कार। यह छत्तीसगढ़ शासन की जन समवाद सेवा से कॉल है।/);
    expect(walk.heard[1]).toBe('क्या आपको इस महीने का राशन मिला? हाँ के लिए 1, नहीं के लिए 2 दबाएँ।');
    walk.press('1', 'max_digits');
    expect(saved(walk)).toEqual([{ surveyId: 11, questionKey: 'received', answer: true }]);
    walk.answer({ questionKey: 'received', created: true }).press('4', 'max_digits').answer({ questionKey: 'quality', created: true });
    expect(walk.last('collect')).toMatchObject({ maxDigits: 3, terminator: '#' });
    walk.press('35').answer({ questionKey: 'kg', created: true });
    expect(saved(walk)).toEqual([
      { surveyId: 11, questionKey: 'received', answer: true },
      { surveyId: 11, questionKey: 'quality', answer: 4 },
      { surveyId: 11, questionKey: 'kg', answer: 35 },
    ]);
    expect(walk.heard.at(-1)).toBe('आपके समय के लिए धन्यवाद।');
    expect(walk.last('hangup')?.reason).toBe('flow_end');
  });

  it('keeps the answers given before a hang-up at question 3', () => {
    const walk = new FlowWalker(flow, { variables: { survey: asJson(ration) } });
    walk.press('2').answer({}).press('3').answer({});
    expect(walk.heard.at(-1)).toBe('कितने किलो चावल मिला? अंक दबाकर हैश दबाएँ।');
    walk.hangup();
    expect(saved(walk).map((a) => (typeof a === 'object' && a !== null && 'questionKey' in a ? a.questionKey : null))).toEqual(['received', 'quality']);
    expect(walk.session.status).toBe('ended');
    expect(walk.commands.some((c) => c.type === 'hangup')).toBe(false);
  });

  it('speaks the language the campaign call arrives with, and skips a question after a wrong key is repeated', () => {
    const walk = new FlowWalker(flow, { variables: { survey: asJson(ration), language: 'cg' } });
    expect(walk.heard[0]).toMatch(/^जय जोहार।/);
    walk.press('7');
    expect(walk.heard.slice(-2)).toEqual(['ए जवाब सही नइ हे।', 'का आपमन ल ए महीना के राशन मिलिस? हव बर 1, नहीं बर 2 दबावव।']);
    walk.press('8');
    expect(walk.heard.at(-1)).toBe('राशन के गुन ल 1 ले 5 के बीच नंबर देवव।');
    expect(saved(walk)).toEqual([]);
  });

  it('apologises and ends when the call carries no usable survey', () => {
    const walk = new FlowWalker(flow, { variables: { survey: { surveyId: 11, questions: [] } } });
    expect(walk.heard.at(-1)).toBe('क्षमा करें, तकनीकी समस्या के कारण सर्वे पूरा नहीं हो सका। धन्यवाद।');
    expect(walk.last('hangup')?.reason).toBe('flow_end');
    expect(saved(walk)).toEqual([]);
  });
});
