import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFlow } from './flow/schema.js';
import { loadFlowFile } from './loader/load.js';
import { FlowWalker } from './engine/testing.js';

const flowsDir = fileURLToPath(new URL('../flows/', import.meta.url));
let helpline: TFlow;

beforeAll(async () => {
  const loaded = await loadFlowFile(`${flowsDir}helpline.yaml`);
  if (!loaded.ok) throw new Error(loaded.error.problem);
  expect(loaded.warnings).toEqual([]);
  helpline = loaded.flow;
});

/** Thursday 12 March 2026, 12:00 in India */
const OPEN = '2026-03-12T06:30:00.000Z';
const known = [{ householdId: 42, headNameEn: 'Ramesh Sahu', headNameHi: 'रमेश साहू', preferredLanguage: 'en' }];
const application = {
  applicationNo: '451236789012',
  serviceNameEn: 'Income certificate',
  serviceNameHi: 'आय प्रमाण पत्र',
  status: 'under_verification',
  since: '2026-03-02',
  expectedBy: '2026-03-20',
  nextStep: null,
};

/** a known English-speaking caller at the main menu */
function atMainMenu(): FlowWalker {
  const walk = new FlowWalker(helpline, { at: OPEN });
  expect(walk.last('lookup')?.name).toBe('householdByCaller');
  walk.answer(known);
  expect(walk.session.language).toBe('en');
  walk.press('1');
  expect(walk.session.nodeId).toBe('main_menu');
  return walk;
}

describe('the helpline flow', () => {
  it('greets, offers a known caller their own language, and reads an application status', () => {
    const walk = atMainMenu();
    expect(walk.heard[0]).toContain('जन समवाद हेल्पलाइन में आपका स्वागत है');
    expect(walk.heard[1]).toBe('To continue in English, press 1. To choose another language, press 2.');
    walk.press('1').press('451236789012');
    expect(walk.last('lookup')).toMatchObject({ name: 'applicationStatus', args: { applicationNo: '451236789012' } });
    walk.answer(application);
    expect(walk.heard.at(-2)).toBe(
      'Your application number 4 5 1 2, 3 6 7 8, 9 0 1 2, Income certificate, has been under verification since 2 March 2026. Expected by 20 March 2026.',
    );
    expect(walk.heard.at(-1)).toBe('For the main menu press 9, to speak to an agent press 0.');
  });

  it('speaks Hindi for an unknown caller who chooses it, and says when an application is not found', () => {
    const walk = new FlowWalker(helpline, { at: OPEN, caller: null });
    walk.answer([]);
    expect(walk.heard.at(-1)).toBe('हिन्दी के लिए 1 दबाएँ। छत्तीसगढ़ी बर 2 दबावव। For English, press 3.');
    walk.press('1').press('1').press('999999999999').answer(null);
    expect(walk.heard.at(-2)).toBe('आवेदन क्रमांक 9 9 9 9, 9 9 9 9, 9 9 9 9 हमें नहीं मिला।');
  });

  it('asks again for a malformed application number, then returns to the menu', () => {
    const walk = atMainMenu();
    walk.press('1').press('4512');
    expect(walk.heard.at(-2)).toBe('An application number has 12 digits.');
    walk.press('45');
    walk.press('451');
    expect(walk.session.nodeId).toBe('main_menu');
    expect(walk.commands.filter((c) => c.type === 'lookup' && c.name === 'applicationStatus')).toEqual([]);
  });

  it('reads a grievance status in Chhattisgarhi, and says when a docket is unknown', () => {
    const walk = new FlowWalker(helpline, { at: OPEN });
    walk.answer([{ ...known[0], preferredLanguage: 'cg' }]).press('1').press('2').press('2026000123');
    expect(walk.last('lookup')).toMatchObject({ name: 'grievanceStatus', args: { docketNo: '2026000123' } });
    walk.answer({ docketNo: 'CG-2026-000123', status: 'in_progress', officeNameEn: 'District Food Office, Raipur', officeNameHi: 'जिला खाद्य कार्यालय, रायपुर', dueOn: '2026-04-01' });
    expect(walk.heard.at(-2)).toBe('सिकायत क्रमांक सी जी, 2 0 2 6, 0 0 0, 1 2 3 के स्थिति: कार्यवाही जारी। कार्यालय: जिला खाद्य कार्यालय, रायपुर। निराकरण के आखिरी तारीख 1 अप्रैल 2026।');
    walk.press('9').press('2').press('2026999999').answer(null);
    expect(walk.heard.at(-2)).toBe('सिकायत क्रमांक 2 0 2 6 9, 9 9 9 9 9 हमन ल नइ मिलिस।');
  });

  it('turns a voice message into a grievance with a call-back and reads the docket twice', () => {
    const walk = atMainMenu();
    walk.press('3').press('2');
    expect(walk.last('record')).toMatchObject({ maxSeconds: 120, endKey: '#' });
    walk.recorded('recording:vm-7', 23);
    expect(walk.last('lookup')).toMatchObject({ name: 'registerVoiceGrievance', args: { recordingUri: 'recording:vm-7', durationSec: 23, householdId: 42 } });
    walk.answer({ docketNo: 'CG-2026-000124', dueOn: '2026-04-11' });
    expect(walk.last('lookup')).toMatchObject({ name: 'requestCallback', args: { queue: 'general-en' } });
    walk.answer({ callbackId: 9, position: 1, dueAt: '2026-03-12T08:30:00.000Z' });
    expect(walk.heard.at(-2)).toBe('Your grievance is registered. Your docket is C G, 2 0 2 6, 0 0 0, 1 2 4. Again: C G, 2 0 2 6, 0 0 0, 1 2 4. An agent will call you back.');
    expect(walk.last('hangup')?.reason).toBe('flow_end');
  });

  it("tells a known household its schemes and last payments; an unknown caller goes to an agent", () => {
    const walk = atMainMenu().press('4');
    expect(walk.last('lookup')).toMatchObject({ name: 'schemeInfo', args: { householdId: 42 } });
    walk.answer([
      { schemeCode: 'MMAY', nameEn: 'Mahtari Vandan', nameHi: 'महतारी वंदन', lastPayment: { period: '2026-02', amountPaise: 100000, status: 'failed', failureReason: 'account closed' } },
      { schemeCode: 'PDS', nameEn: 'Public distribution', nameHi: 'सार्वजनिक वितरण', lastPayment: null },
    ]);
    expect(walk.heard.at(-2)).toBe('Your household receives these schemes. Mahtari Vandan: last payment one thousand rupees, failed. Public distribution.');

    const stranger = new FlowWalker(helpline, { at: OPEN }).answer([]).press('3').press('4');
    expect(stranger.last('enqueue')).toMatchObject({ queue: 'general-en', skills: ['en'] });
  });

  it('puts a caller who asks for an agent in the queue, tells their place, and offers a call-back', () => {
    const walk = atMainMenu().press('0');
    walk.enqueued(3, 420);
    expect(walk.heard.at(-2)).toBe('You are number 3 in the queue. The expected wait is 7 minutes.');
    expect(walk.heard.at(-1)).toBe('Instead of waiting, press 1 for a call-back; you keep your place.');
    walk.silence();
    expect(walk.session.status).toBe('queued');
  });

  it('says goodbye after silence at the main menu', () => {
    const walk = atMainMenu().silence().silence().silence();
    expect(walk.heard.at(-1)).toBe('We did not receive a choice. Please call again later. Thank you.');
    expect(walk.last('hangup')?.reason).toBe('flow_end');
  });

  it('ends quietly when the caller hangs up during a prompt', () => {
    const walk = new FlowWalker(helpline, { at: OPEN, autoMedia: false });
    expect(walk.waiting?.kind).toBe('media');
    walk.hangup();
    expect(walk.session.status).toBe('ended');
    expect(walk.commands.at(-1)).toMatchObject({ type: 'trace', nodeId: 'greeting', detail: { hangup: true } });
    expect(walk.commands.filter((c) => c.type === 'hangup')).toEqual([]);
  });

  it('keeps a queued caller waiting when the call-back they asked for cannot be booked', () => {
    const walk = atMainMenu().press('0').enqueued(2, 200).press('1');
    expect(walk.last('lookup')).toMatchObject({ name: 'requestCallback', args: { queue: 'general-en' } });
    walk.fail('database unavailable');
    expect(walk.heard.at(-1)).toBe('Sorry, we could not book a call-back just now. Please stay on the line; you keep your place.');
    expect(walk.heard).not.toContain('Thank you. We will call you when it is your turn.');
    expect(walk.session.status).toBe('queued');
  });

  it('out of hours (a Sunday, or Republic Day): says so and offers a call-back', () => {
    const sunday = new FlowWalker(helpline, { at: '2026-03-15T06:30:00.000Z' });
    expect(sunday.heard[1]).toBe('हेल्पलाइन सोमवार से शनिवार सुबह 8 बजे से रात 8 बजे तक खुली रहती है।');
    sunday.press('1');
    expect(sunday.last('lookup')).toMatchObject({ name: 'requestCallback' });
    sunday.answer({ callbackId: 1, position: 1, dueAt: '2026-03-16T04:30:00.000Z' });
    expect(sunday.heard.at(-1)).toBe('धन्यवाद। हम आपको वापस कॉल करेंगे।');
    expect(sunday.last('hangup')?.reason).toBe('flow_end');
    expect(sunday.commands.some((c) => c.type === 'lookup' && c.name === 'householdByCaller')).toBe(false);
    const republicDay = new FlowWalker(helpline, { at: '2026-01-26T06:30:00.000Z' }).silence();
    expect(republicDay.heard.at(-1)).toBe('जन समवाद हेल्पलाइन पर कॉल करने के लिए धन्यवाद।');
    // 20:00 on a Saturday is after closing
    const lateSaturday = new FlowWalker(helpline, { at: '2026-03-14T14:30:00.000Z' }).press('1').fail('database unavailable');
    expect(lateSaturday.heard.slice(-2)).toEqual(['क्षमा करें, अभी कॉल-बैक दर्ज नहीं हो सका। कृपया कार्य समय में फिर से कॉल करें।', 'जन समवाद हेल्पलाइन पर कॉल करने के लिए धन्यवाद।']);
  });
});
