import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { FlowRegistry, start, step, type TFlow, type TSurveyDefinitionInput, type TVarValue } from '@samvad/ivr-flows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCitizenScriptInput } from '../../src/telephony/sim/index.js';
import { callControlRig, pathOf } from './rig.js';
import { unknownNumber } from './support.js';

/**
 * The default survey flow on agentless campaign calls, end to end: the call is placed and, on
 * its answer, call control runs ivr-flows/flows/survey.yaml with the survey definition the
 * dialer passes; every answer lands in survey_responses the moment it is given.
 */

const flows = new FlowRegistry(fileURLToPath(new URL('../../../ivr-flows/flows/', import.meta.url)));
await flows.loadAll();
afterAll(() => flows.close());

const INTRO_EN =
  "Hello. This is a call from the Government of Chhattisgarh's Jan Samvad service. We would like to know whether the scheme's benefit reached you. There are a few short questions; answer with the keys on your phone.";
const Q = {
  received: 'Did you receive this month’s ration? Press 1 for yes, 2 for no.',
  quality: 'Rate the quality of the ration from 1 to 5.',
  shop: 'Where did you collect it? Press 1 for the fair price shop, 2 for a mobile van.',
  kg: 'How many kilograms of rice did you get? Key the number, then hash.',
};
const THANKS_EN = 'Thank you for your time.';
const INVALID_EN = 'That is not a valid answer.';

const key = (keys: string) => ({ keys, from: 'collect' as const, afterSec: 1 });

describe('the survey flow on the simulator', async () => {
  const rig = await callControlRig<TFlow>({ engine: { start, step }, flows });
  let surveyId = 0;
  let definition: TSurveyDefinitionInput;
  let residentId = 0;

  beforeAll(async () => {
    const survey = await rig.prisma.survey.create({
      data: { code: `pds-${randomUUID().slice(0, 6)}`, title: 'Ration delivery', titleHi: 'राशन वितरण', definition: {} },
    });
    surveyId = survey.id;
    definition = {
      surveyId,
      code: survey.code,
      questions: [
        { key: 'received', type: 'yesno', prompt: { en: Q.received } },
        { key: 'quality', type: 'rating', prompt: { en: Q.quality } },
        { key: 'shop', type: 'single', prompt: { en: Q.shop }, options: { '1': 'fps', '2': 'van' } },
        { key: 'kg', type: 'number', prompt: { en: Q.kg }, min: 0, max: 100, maxDigits: 3 },
      ],
      thanks: { en: THANKS_EN },
    };
    await rig.prisma.survey.update({ where: { id: surveyId }, data: { definition } });
    residentId = (await rig.prisma.resident.findFirstOrThrow({ where: { mobile: { not: null } }, orderBy: { id: 'asc' } })).id;
  });

  /** an agentless campaign call: placed, and on its answer the survey flow starts, in English */
  async function surveyCall(script: TCitizenScriptInput, onEvent?: (callId: string) => void) {
    const callId = randomUUID();
    const to = unknownNumber();
    const variables: Record<string, TVarValue> = { survey: JSON.parse(JSON.stringify(definition)) as TVarValue, residentId, language: 'en' };
    const running = new Promise<void>((resolve, reject) => {
      const off = rig.telephony.onEvent((event) => {
        if (event.callId !== callId || event.type !== 'call.answered') return;
        off();
        rig.control.runFlow(callId, 'survey', variables).then(resolve, reject);
      });
    });
    rig.network.scriptNext(to, { pickup: { kind: 'answer', afterSec: 2 }, ...script });
    onEvent?.(callId);
    await rig.telephony.originate({ callId, to, callerId: '+911600233445', timeoutSec: 30 });
    await running;
    const row = await rig.callRow(callId);
    const answers = await rig.prisma.surveyResponse.findMany({ where: { callId }, orderBy: { id: 'asc' } });
    return { callId, row, heard: rig.network.heard(callId), answers: answers.map((a) => [a.questionKey, a.answer]), rows: answers };
  }

  it('asks every question, saves each answer with the survey and the resident, and thanks the caller', async () => {
    const { callId, heard, answers, rows, row } = await surveyCall({ presses: [key('1'), key('4'), key('2'), key('35#')] });
    expect(heard).toEqual([INTRO_EN, Q.received, Q.quality, Q.shop, Q.kg, THANKS_EN]);
    expect(answers).toEqual([
      ['received', true],
      ['quality', 4],
      ['shop', 'van'],
      ['kg', 35],
    ]);
    expect(rows.every((r) => r.surveyId === surveyId && r.residentId === residentId)).toBe(true);
    expect(pathOf(row.ivrPath)).toContainEqual(expect.objectContaining({ nodeId: 'questions', detail: { question: 'shop', answer: 'van' } }));
    expect(rig.events.findLast((e) => e.callId === callId)).toMatchObject({ type: 'call.hangup', by: 'local' });
  });

  it('a caller who hangs up at question 3 leaves answers 1 and 2 in the database', async () => {
    let digitsSeen = 0;
    const { heard, answers, row } = await surveyCall({ presses: [key('2'), key('5')] }, (callId) => {
      const off = rig.telephony.onEvent((event) => {
        if (event.callId !== callId) return;
        if (event.type === 'call.digits') digitsSeen += 1;
        // question 3 begins: the caller listens for a second, then hangs up
        if (event.type === 'media.started' && digitsSeen === 2) {
          off();
          rig.clock.setTimeout(() => rig.network.remoteHangup(callId), 1000);
        }
      });
    });
    expect(heard).toEqual([INTRO_EN, Q.received, Q.quality, Q.shop]);
    expect(answers).toEqual([
      ['received', false],
      ['quality', 5],
    ]);
    expect(row.hangupCause).toBe('normal');
    expect(pathOf(row.ivrPath).at(-1)).toMatchObject({ nodeId: 'questions', detail: { hangup: true } });
  });

  it('a key that is no answer is explained and the question asked again', async () => {
    const { heard, answers, row } = await surveyCall({ presses: [key('7'), key('1'), key('3'), key('1'), key('9#')] });
    expect(heard).toEqual([INTRO_EN, Q.received, INVALID_EN, Q.received, Q.quality, Q.shop, Q.kg, THANKS_EN]);
    expect(answers).toEqual([
      ['received', true],
      ['quality', 3],
      ['shop', 'fps'],
      ['kg', 9],
    ]);
    expect(pathOf(row.ivrPath)).toContainEqual(expect.objectContaining({ nodeId: 'questions', detail: { question: 'received', digits: '7', valid: false } }));
  });
});
