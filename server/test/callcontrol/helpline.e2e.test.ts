import { fileURLToPath } from 'node:url';
import { FlowRegistry, start, step, type TFlow } from '@samvad/ivr-flows';
import { afterAll, describe, expect, it } from 'vitest';
import type { TCitizenScriptInput } from '../../src/telephony/sim/index.js';
import { callControlRig, HELPLINE, pathOf, promptsOf } from './rig.js';
import { unknownNumber } from './support.js';

/**
 * The default helpline flow, end to end: the simulator's citizens call the toll-free number,
 * call control runs ivr-flows/flows/helpline.yaml with the real interpreter, lookups hit the
 * seeded test database. Assertions are on what the caller heard (the simulator keeps the spoken
 * text), the rows written (calls.ivr_path, grievances, callbacks) and the provider's events.
 *
 * The virtual clock starts on Thursday 12 March 2026 at 11:00 in India (open hours) unless a
 * test says otherwise. Most callers pick English (3) so the expected words read plainly.
 */

const flows = new FlowRegistry(fileURLToPath(new URL('../../../ivr-flows/flows/', import.meta.url)));
const problems = await flows.loadAll();
afterAll(() => flows.close());

const engine = { start, step };

const GREETING_HI = 'जन समवाद हेल्पलाइन में आपका स्वागत है।';
const CHOOSE_LANGUAGE = 'हिन्दी के लिए 1 दबाएँ। छत्तीसगढ़ी बर 2 दबावव। For English, press 3.';
const MAIN_MENU_EN =
  'For the status of an application press 1, of a grievance press 2. To register a grievance press 3, for scheme information press 4, and to speak to an agent press 0.';
const AFTER_ANSWER_EN = 'For the main menu press 9, to speak to an agent press 0.';
const GOODBYE_EN = 'Thank you for calling the Jan Samvad helpline.';
const ENTER_APPLICATION_EN = 'Enter your 12-digit application number, then press hash.';
const ENTER_DOCKET_EN = 'Enter your grievance docket: the four digits of the year, then the six-digit number, then hash.';

/** a key pressed a second into the question it answers */
const key = (keys: string) => ({ keys, from: 'collect' as const, afterSec: 1 });

/** "691299147677" → "6 9 1 2, 9 9 1 4, 7 6 7 7", as the prompts read numbers out */
const spelled12 = (n: string) => [n.slice(0, 4), n.slice(4, 8), n.slice(8)].map((g) => g.split('').join(' ')).join(', ');
/** "CG-2026-000123" → "C G, 2 0 2 6, 0 0 0, 1 2 3" */
const spelledDocket = (docket: string) => {
  const [, year = '', seq = ''] = docket.split('-');
  const spell = (digits: string) => digits.split('').join(' ');
  return ['C G', spell(year), spell(seq.slice(0, 3)), spell(seq.slice(3))].join(', ');
};
const longDate = (day: Date) => day.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Kolkata' });

describe('the helpline flow on the simulator', async () => {
  const rig = await callControlRig<TFlow>({ engine, flows });

  async function call(from: string, script: TCitizenScriptInput) {
    const callId = rig.network.dialIn(from, HELPLINE, script);
    const row = await rig.callRow(callId);
    return { callId, row, heard: rig.network.heard(callId), path: pathOf(row.ivrPath) };
  }

  it('loads the default flows without a problem', () => {
    expect(problems).toEqual([]);
    expect(flows.ids().sort()).toEqual(['helpline', 'survey']);
  });

  it('a known caller is recognised: the call row gets their household and resident, the menu offers their language', async () => {
    const caller = await rig.prisma.$queryRaw<{ mobile: string; household_id: number; id: number }[]>`
      SELECT r.mobile, r.household_id, r.id FROM residents r
       WHERE r.language = 'hi' AND r.mobile IS NOT NULL
         AND (SELECT count(*) FROM residents o WHERE o.mobile = r.mobile) = 1
         AND EXISTS (SELECT 1 FROM enrolments e JOIN benefit_payments p ON p.enrolment_id = e.id
                      WHERE e.household_id = r.household_id AND e.status = 'active' AND p.amount_paise > 0)
       ORDER BY r.id LIMIT 1`;
    const [known] = caller;
    if (!known) throw new Error('the seed has no Hindi-speaking caller with paid schemes');
    // keep Hindi? no (2); English (3); scheme information (4); then nothing more
    const { callId, row, heard, path } = await call(known.mobile, { presses: [key('2'), key('3'), key('4')] });

    expect(row).toMatchObject({ householdId: known.household_id, residentId: known.id });
    expect(heard.slice(0, 4)).toEqual([
      GREETING_HI,
      'हिन्दी में बात जारी रखने के लिए 1 दबाएँ। कोई दूसरी भाषा चुनने के लिए 2 दबाएँ।',
      CHOOSE_LANGUAGE,
      MAIN_MENU_EN,
    ]);
    const schemes = await rig.prisma.enrolment.findMany({ where: { householdId: known.household_id, status: 'active' }, include: { scheme: true }, orderBy: { id: 'asc' } });
    const told = heard[4] ?? '';
    expect(told.startsWith('Your household receives these schemes. ')).toBe(true);
    for (const enrolment of schemes) expect(told).toContain(enrolment.scheme.nameEn);
    expect(told).toMatch(/last payment [a-z ]+ rupees, (credited|failed|pending)/);
    expect(heard.slice(5)).toEqual([AFTER_ANSWER_EN, AFTER_ANSWER_EN, GOODBYE_EN]);
    expect(path).toContainEqual(expect.objectContaining({ nodeId: 'find_caller', detail: { lookup: 'householdByCaller', ok: true, found: true } }));
    expect(rig.typesOf(callId).at(-1)).toBe('call.hangup');
    expect(row.hangupCause).toBe('normal');
  });

  it('an unknown caller chooses a language and hears the status of a real application', async () => {
    const application = await rig.prisma.serviceApplication.findFirstOrThrow({
      where: { status: 'under_verification' },
      include: { service: true, events: { where: { status: 'under_verification' }, orderBy: { at: 'desc' }, take: 1 } },
      orderBy: { id: 'asc' },
    });
    const { heard, row, path } = await call(unknownNumber(), { presses: [key('3'), key('1'), key(`${application.applicationNo}#`)] });

    const since = application.events[0]?.at ?? application.submittedAt;
    const next = application.nextStep ? ` Next: ${application.nextStep}` : '';
    expect(heard).toEqual([
      GREETING_HI,
      CHOOSE_LANGUAGE,
      MAIN_MENU_EN,
      ENTER_APPLICATION_EN,
      `Your application number ${spelled12(application.applicationNo)}, ${application.service.nameEn}, has been under verification since ${longDate(since)}.${next} Expected by ${longDate(application.expectedBy)}.`,
      AFTER_ANSWER_EN,
      AFTER_ANSWER_EN,
      GOODBYE_EN,
    ]);
    expect(row).toMatchObject({ householdId: null, residentId: null });
    // the path tells the story: no household, the digits keyed, the lookup that found it
    expect(path).toContainEqual(expect.objectContaining({ nodeId: 'find_caller', detail: { lookup: 'householdByCaller', ok: true, found: false } }));
    expect(path).toContainEqual(expect.objectContaining({ nodeId: 'app_number', detail: expect.objectContaining({ digits: application.applicationNo, valid: true }) }));
    expect(path).toContainEqual(expect.objectContaining({ nodeId: 'app_lookup', detail: { lookup: 'applicationStatus', ok: true, found: true } }));
    expect(promptsOf(row.ivrPath)).toEqual(heard);
  });

  it('a malformed application number is explained and asked for again', async () => {
    const { heard, path } = await call(unknownNumber(), { presses: [key('3'), key('1'), key('12345#')] });
    expect(heard.slice(3, 6)).toEqual([ENTER_APPLICATION_EN, 'An application number has 12 digits.', ENTER_APPLICATION_EN]);
    expect(path).toContainEqual(expect.objectContaining({ nodeId: 'app_number', detail: expect.objectContaining({ digits: '12345', valid: false }) }));
    expect(path.some((e) => e.nodeId === 'app_lookup')).toBe(false);
  });

  it('an unknown application number is read back as not found', async () => {
    const { heard, path } = await call(unknownNumber(), { presses: [key('3'), key('1'), key('000000000000#')] });
    expect(heard[4]).toBe('We could not find application number 0 0 0 0, 0 0 0 0, 0 0 0 0.');
    expect(path).toContainEqual(expect.objectContaining({ nodeId: 'app_lookup', detail: { lookup: 'applicationStatus', ok: true, found: false } }));
  });

  describe('grievances', () => {
    let docket = '';

    it('records a voice message, files it with its docket and books a call-back', async () => {
      const phone = unknownNumber();
      // English, register a grievance (3), record a message (2), speak for 6 s, then #
      const { callId, heard, row } = await call(phone, { presses: [key('3'), key('3'), key('2'), { keys: '#', from: 'record', afterSec: 6 }] });
      const grievance = await rig.prisma.grievance.findFirstOrThrow({ where: { callId } });
      docket = grievance.docketNo;
      expect(grievance).toMatchObject({ channel: 'ivr_voice', complainantPhone: phone, categoryCode: 'GEN-01', householdId: null, residentId: null });
      expect(grievance.voiceMessageUri).toMatch(/^sim:recording\//);
      expect(grievance.description).toContain('(6 s)');
      expect(heard.slice(3)).toEqual([
        'To tell an agent about your grievance press 1. To record a message press 2.',
        'After the beep, tell us your grievance, your name and your village. Press hash when you are done.',
        `Your grievance is registered. Your docket is ${spelledDocket(docket)}. Again: ${spelledDocket(docket)}. An agent will call you back.`,
        GOODBYE_EN,
      ]);
      const callback = await rig.prisma.callback.findFirstOrThrow({ where: { callId } });
      expect(callback).toMatchObject({ phone, queueCode: 'general-en', status: 'pending' });
      expect(pathOf(row.ivrPath)).toContainEqual(expect.objectContaining({ nodeId: 'file_voice_grievance', detail: { lookup: 'registerVoiceGrievance', ok: true, found: true } }));
      expect(rig.typesOf(callId)).toContain('recording.finished');
    });

    it('a caller keys that docket and hears its status and office', async () => {
      expect(docket).toMatch(/^CG-2026-\d{6}$/);
      const grievance = await rig.prisma.grievance.findUniqueOrThrow({ where: { docketNo: docket }, include: { office: true } });
      const { heard } = await call(unknownNumber(), { presses: [key('3'), key('2'), key(`${docket.replace(/\D/g, '')}#`)] });
      expect(heard.slice(3, 5)).toEqual([
        ENTER_DOCKET_EN,
        `Grievance ${spelledDocket(docket)} is registered. Office: ${grievance.office.name}. Due by ${longDate(grievance.dueAt)}.`,
      ]);
    });

    it('a malformed docket is explained; an unknown one is not found', async () => {
      const malformed = await call(unknownNumber(), { presses: [key('3'), key('2'), key('123#')] });
      expect(malformed.heard.slice(3, 6)).toEqual([ENTER_DOCKET_EN, 'A docket has ten digits, for example 2 0 2 6 0 0 0 1 2 3.', ENTER_DOCKET_EN]);
      const unknown = await call(unknownNumber(), { presses: [key('3'), key('2'), key('2026999999#')] });
      expect(unknown.heard[4]).toBe('We could not find grievance 2 0 2 6 9, 9 9 9 9 9.');
      expect(unknown.path).toContainEqual(expect.objectContaining({ nodeId: 'docket_lookup', detail: { lookup: 'grievanceStatus', ok: true, found: false } }));
    });
  });

  it('a silent caller is asked again, then the call ends politely', async () => {
    const { callId, heard, row } = await call(unknownNumber(), {});
    const menuHi =
      'आवेदन की स्थिति के लिए 1, शिकायत की स्थिति के लिए 2, नई शिकायत दर्ज करने के लिए 3, योजनाओं की जानकारी के लिए 4, और हमारे प्रतिनिधि से बात करने के लिए 0 दबाएँ।';
    const noKeyHi = 'हमें कोई बटन दबाया हुआ नहीं मिला।';
    // the language asked three times, then the menu in Hindi (the language kept) three times
    expect(heard).toEqual([
      GREETING_HI,
      CHOOSE_LANGUAGE,
      CHOOSE_LANGUAGE,
      CHOOSE_LANGUAGE,
      menuHi,
      noKeyHi,
      menuHi,
      noKeyHi,
      menuHi,
      'हमें कोई चयन नहीं मिला। कृपया बाद में कॉल करें। धन्यवाद।',
    ]);
    expect(rig.typesOf(callId).at(-1)).toBe('call.hangup');
    const end = rig.events.findLast((e) => e.callId === callId);
    expect(end).toMatchObject({ type: 'call.hangup', by: 'local' });
    expect(row.endedAt).not.toBeNull();
  });

  it('a caller who hangs up during a prompt: nothing more is said or done, quietly', async () => {
    const phone = unknownNumber();
    const callId = rig.network.dialIn(phone, HELPLINE, { presses: [key('3')] });
    // a second into the main menu, the caller hangs up
    const off = rig.telephony.onEvent((event) => {
      if (event.callId !== callId || event.type !== 'media.started') return;
      const playing = rig.network.transcript(callId).at(-1);
      if (playing?.content !== MAIN_MENU_EN) return;
      off();
      rig.clock.setTimeout(() => rig.network.remoteHangup(callId), 1000);
    });
    const row = await rig.callRow(callId);
    const transcript = rig.network.transcript(callId);
    expect(transcript.at(-1)).toMatchObject({ content: MAIN_MENU_EN, reason: 'hangup' });
    expect(rig.typesOf(callId).at(-1)).toBe('call.hangup');
    expect(pathOf(row.ivrPath).at(-1)).toMatchObject({ kind: 'node', nodeId: 'main_menu', detail: { hangup: true } });
    expect(row).toMatchObject({ hangupCause: 'normal' });
    expect(rig.problems(callId)).toEqual([]);
  });

  it('a caller who asks for an agent waits in the queue and may take a call-back that keeps their place', async () => {
    const phone = unknownNumber();
    const { callId, heard } = await call(phone, { presses: [key('3'), key('0'), key('1')] });
    expect(heard.slice(3)).toEqual([
      'You are number 1 in the queue. The expected wait is 3 minutes.',
      'Instead of waiting, press 1 for a call-back; you keep your place.',
      'Thank you. We will call you when it is your turn.',
    ]);
    const callback = await rig.prisma.callback.findFirstOrThrow({ where: { callId } });
    const enqueued = rig.events.find((e) => e.callId === callId && e.type === 'call.dtmf' && e.digit === '0');
    expect(callback.queueCode).toBe('general-en');
    // the place kept is the moment the caller joined the queue, before they asked
    expect(callback.waitingSince.getTime()).toBeLessThan(callback.requestedAt.getTime());
    expect(callback.waitingSince.getTime()).toBeGreaterThanOrEqual(Date.parse(enqueued?.at ?? ''));
    expect(rig.waitingRoom.waiting('general-en')).toEqual([]);
  });
});

describe('the helpline out of hours', async () => {
  // Thursday 12 March 2026, 21:30 in India
  const rig = await callControlRig<TFlow>({ engine, flows, startAt: '2026-03-12T16:00:00Z' });

  it('says when it is open and books a call-back for the next working day', async () => {
    const phone = unknownNumber();
    const callId = rig.network.dialIn(phone, HELPLINE, { presses: [key('1')] });
    const row = await rig.callRow(callId);
    expect(rig.network.heard(callId)).toEqual([
      GREETING_HI,
      'हेल्पलाइन सोमवार से शनिवार सुबह 8 बजे से रात 8 बजे तक खुली रहती है।',
      'हम आपको अगले कार्य दिवस पर कॉल करें, इसके लिए 1 दबाएँ।',
      'धन्यवाद। हम आपको वापस कॉल करेंगे।',
    ]);
    expect(await rig.prisma.callback.findFirstOrThrow({ where: { callId } })).toMatchObject({ phone, queueCode: 'general-hi' });
    expect(pathOf(row.ivrPath)).toContainEqual(expect.objectContaining({ nodeId: 'hours', detail: { case: -1 } }));
  });

  it('a caller who does not want a call-back is thanked, and nothing is booked', async () => {
    const callId = rig.network.dialIn(unknownNumber(), HELPLINE, {});
    await rig.callRow(callId);
    expect(rig.network.heard(callId).at(-1)).toBe('जन समवाद हेल्पलाइन पर कॉल करने के लिए धन्यवाद।');
    expect(await rig.prisma.callback.count({ where: { callId } })).toBe(0);
  });
});
