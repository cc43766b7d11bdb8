import { describe, expect, it } from 'vitest';
import type { TInstruction } from './instructions.js';
import { DEFAULT_VOICES, renderDocument, renderReject, voiceFor, wholeSeconds, type TTwimlContext } from './twiml.js';
import { TwilioUrls } from './urls.js';

const BASE = 'https://samvad.example.gov.in/api/telephony/twilio';
const ctx: TTwimlContext = {
  urls: new TwilioUrls('https://samvad.example.gov.in/'),
  callId: 'c1',
  step: 3,
  voices: DEFAULT_VOICES,
  holdMusicUrl: 'https://cdn.example.gov.in/hold.mp3',
  idlePauseSec: 30,
};
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
const redirect = `<Redirect method="POST">${BASE}/voice?callId=c1&amp;step=3</Redirect>`;
const conference = (role: 'bridge' | 'hold' | 'listen' | 'whisper' | 'barge', extra: Partial<Extract<TInstruction, { kind: 'conference' }>> = {}) =>
  renderDocument({ kind: 'conference', room: 'room-1', role, record: false, coachSid: null, recordingUrl: null, muted: false, ...extra }, ctx);
const reported = `statusCallback="${BASE}/conference" statusCallbackMethod="POST" statusCallbackEvent="start end join leave"`;
const dial = (attrs: string) => `<Dial action="${BASE}/voice?callId=c1&amp;step=3" method="POST"><Conference ${attrs}>room-1</Conference></Dial>`;

describe('TwiML documents', () => {
  it('speaks Hindi and Chhattisgarhi with the hi-IN voice, English with en-IN, escaping the text', () => {
    const say = (language: 'hi' | 'cg' | 'en', text: string) =>
      renderDocument({ kind: 'play', mediaId: 'm1', media: { kind: 'speech', text, language }, interruptible: false }, ctx);
    expect(say('hi', 'नमस्ते')).toBe(doc(`<Say language="hi-IN" voice="Google.hi-IN-Standard-A">नमस्ते</Say>${redirect}`));
    expect(say('cg', 'जोहार & <स्वागत>')).toBe(doc(`<Say language="hi-IN" voice="Google.hi-IN-Standard-A">जोहार &amp; &lt;स्वागत&gt;</Say>${redirect}`));
    expect(say('en', 'Welcome')).toBe(doc(`<Say language="en-IN" voice="Google.en-IN-Standard-A">Welcome</Say>${redirect}`));
    expect(voiceFor('cg', DEFAULT_VOICES)).toEqual(voiceFor('hi', DEFAULT_VOICES));
  });

  it('plays files and silences in whole seconds, never zero', () => {
    const play = (media: Extract<TInstruction, { kind: 'play' }>['media']) =>
      renderDocument({ kind: 'play', mediaId: 'm1', media, interruptible: false }, ctx);
    expect(play({ kind: 'file', uri: 'https://cdn.example.gov.in/welcome.mp3' })).toBe(doc(`<Play>https://cdn.example.gov.in/welcome.mp3</Play>${redirect}`));
    expect(play({ kind: 'silence', ms: 1200 })).toBe(doc(`<Pause length="2"/>${redirect}`));
    expect([0, 1, 1000, 1001, 5000].map(wholeSeconds)).toEqual([1, 1, 1, 2, 5]);
  });

  it('nests an interruptible prompt in a one-key Gather that any key (# too) ends, falling through to the Redirect', () => {
    const xml = renderDocument({ kind: 'play', mediaId: 'm1', media: { kind: 'speech', text: 'Welcome', language: 'en' }, interruptible: true }, ctx);
    expect(xml).toBe(
      doc(
        `<Gather input="dtmf" numDigits="1" timeout="1" finishOnKey="" action="${BASE}/gather?callId=c1&amp;step=3" method="POST">` +
          `<Say language="en-IN" voice="Google.en-IN-Standard-A">Welcome</Say></Gather>${redirect}`,
      ),
    );
  });

  it('collects with numDigits, finishOnKey, a timeout in seconds and an action even for no input', () => {
    const collect = (terminator: string | null, timeoutMs: number) =>
      renderDocument(
        { kind: 'collect', requestId: 'r1', maxDigits: 12, timeoutMs, terminator, prompt: { kind: 'speech', text: 'अपना आवेदन क्रमांक', language: 'hi' } },
        ctx,
      );
    const gather = (finish: string, timeout: number) =>
      `<Gather input="dtmf" numDigits="12" finishOnKey="${finish}" timeout="${timeout}" action="${BASE}/gather?callId=c1&amp;step=3" method="POST" actionOnEmptyResult="true">`;
    const prompt = '<Say language="hi-IN" voice="Google.hi-IN-Standard-A">अपना आवेदन क्रमांक</Say></Gather>';
    expect(collect('#', 5000)).toBe(doc(`${gather('#', 5)}${prompt}`));
    // Twilio's default finish key is '#': no terminator must be said out loud
    expect(collect(null, 2500)).toBe(doc(`${gather('', 3)}${prompt}`));
  });

  it('bridges in a room that either leg ends, reporting joins and leaves, recording when asked', () => {
    expect(conference('bridge')).toBe(doc(dial(`${reported} beep="false" startConferenceOnEnter="true" endConferenceOnExit="true"`)));
    expect(conference('bridge', { record: true, recordingUrl: `${BASE}/recording?bridgeId=b` })).toBe(
      doc(
        dial(
          `${reported} beep="false" startConferenceOnEnter="true" endConferenceOnExit="true" record="record-from-start" ` +
            `recordingStatusCallback="${BASE}/recording?bridgeId=b" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed"`,
        ),
      ),
    );
  });

  it('joins a muted leg to its bridge muted, and plays keys as tones before coming back', () => {
    expect(conference('bridge', { muted: true })).toContain('muted="true"');
    expect(conference('bridge')).not.toContain('muted');
    expect(renderDocument({ kind: 'digits', digits: '12#' }, ctx)).toBe(doc(`<Play digits="12#"/>${redirect}`));
  });

  it('holds alone in a room that never starts, with the configured music', () => {
    expect(conference('hold')).toBe(
      doc(dial('beep="false" startConferenceOnEnter="false" endConferenceOnExit="true" waitUrl="https://cdn.example.gov.in/hold.mp3" waitMethod="GET"')),
    );
    expect(renderDocument({ kind: 'conference', room: 'room-1', role: 'hold', record: false, coachSid: null, recordingUrl: null, muted: false }, { ...ctx, holdMusicUrl: null })).toBe(
      doc(dial('beep="false" startConferenceOnEnter="false" endConferenceOnExit="true"')),
    );
  });

  it('lets a supervisor listen muted, whisper as the agent’s coach, or barge in, silently and without ending the room', () => {
    const supervisor = `${reported} beep="false" startConferenceOnEnter="false" endConferenceOnExit="false"`;
    expect(conference('listen')).toBe(doc(dial(`${supervisor} muted="true"`)));
    expect(conference('whisper', { coachSid: 'CA0123456789abcdef0123456789abcdef' })).toBe(
      doc(dial(`${supervisor} muted="false" coach="CA0123456789abcdef0123456789abcdef"`)),
    );
    expect(conference('barge')).toBe(doc(dial(`${supervisor} muted="false"`)));
  });

  it('idles in silence and asks again; hangs up; refuses', () => {
    expect(renderDocument({ kind: 'idle' }, ctx)).toBe(doc(`<Pause length="30"/>${redirect}`));
    expect(renderDocument({ kind: 'hangup', cause: 'normal' }, ctx)).toBe(doc('<Hangup/>'));
    expect(renderReject('busy')).toBe(doc('<Reject reason="busy"/>'));
  });
});

describe('<Record> for a voice message', () => {
  it('records with the limit, end key and beep, posts its action with the step, and redirects when nothing was recorded', () => {
    const xml = renderDocument({ kind: 'record', recordingId: 'vm-1', maxSeconds: 120, endKey: '#', beep: true }, ctx);
    expect(xml).toContain('<Record action="https://samvad.example.gov.in/api/telephony/twilio/record?callId=');
    expect(xml).toMatch(/<Record [^>]*maxLength="120"[^>]*finishOnKey="#"[^>]*playBeep="true"/);
    expect(xml).toMatch(/<\/Record>|<Record [^>]*\/><Redirect method="POST">https:\/\/samvad\.example\.gov\.in\/api\/telephony\/twilio\/voice\?callId=/);
  });
});
