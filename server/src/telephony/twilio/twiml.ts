import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { TLanguage, TMedia } from '../port.js';
import type { TConferenceRole, TDocumentPurpose, TInstruction } from './instructions.js';
import type { TwilioUrls } from './urls.js';

export interface TVoice {
  language: NonNullable<VoiceResponse.SayAttributes['language']>;
  voice: NonNullable<VoiceResponse.SayAttributes['voice']>;
}

/** Text-to-speech voices by language; Chhattisgarhi has no voice of its own and is spoken by the Hindi one. */
export type TVoices = Record<'hi' | 'en', TVoice>;

export const DEFAULT_VOICES: TVoices = {
  hi: { language: 'hi-IN', voice: 'Google.hi-IN-Standard-A' },
  en: { language: 'en-IN', voice: 'Google.en-IN-Standard-A' },
};

export function voiceFor(language: TLanguage, voices: TVoices): TVoice {
  return language === 'en' ? voices.en : voices.hi;
}

export interface TTwimlContext {
  urls: TwilioUrls;
  callId: string;
  /** the step of this document: its Redirect / action URLs carry it back */
  step: number;
  voices: TVoices;
  /** music for the waiting room; null for Twilio's default */
  holdMusicUrl: string | null;
  /** how long an idle document stays silent before asking again */
  idlePauseSec: number;
}

/** Both <Response> and <Gather> take Say, Play and Pause. */
interface TMediaTarget {
  say(attributes: VoiceResponse.SayAttributes, message: string): unknown;
  play(attributes?: VoiceResponse.PlayAttributes, url?: string): unknown;
  pause(attributes?: VoiceResponse.PauseAttributes): unknown;
}

/** TwiML counts whole seconds; nothing here may round down to zero. */
export function wholeSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function addMedia(target: TMediaTarget, media: TMedia, voices: TVoices): void {
  switch (media.kind) {
    case 'speech': {
      const { language, voice } = voiceFor(media.language, voices);
      target.say({ language, voice }, media.text);
      return;
    }
    case 'file':
      target.play({}, media.uri);
      return;
    case 'silence':
      target.pause({ length: wholeSeconds(media.ms) });
      return;
  }
}

function addConference(response: VoiceResponse, instruction: Extract<TInstruction, { kind: 'conference' }>, ctx: TTwimlContext): void {
  // the Dial's action brings the leg back to us when it leaves the room (the other side left, or the room ended)
  const dial = response.dial({ action: ctx.urls.voice(ctx.callId, ctx.step), method: 'POST' });
  dial.conference({ ...conferenceAttributes(instruction.role, instruction, ctx) }, instruction.room);
}

function conferenceAttributes(
  role: TConferenceRole,
  instruction: Extract<TInstruction, { kind: 'conference' }>,
  ctx: TTwimlContext,
): VoiceResponse.ConferenceAttributes {
  // the room reports joins and leaves: that is when legs are bridged and unbridged
  const reported: VoiceResponse.ConferenceAttributes = {
    statusCallback: ctx.urls.conference(),
    statusCallbackMethod: 'POST',
    statusCallbackEvent: ['start', 'end', 'join', 'leave'],
  };
  switch (role) {
    case 'bridge':
      return {
        ...reported,
        beep: 'false',
        startConferenceOnEnter: true,
        // either party leaving ends the room, and the other comes back to us through the Dial action
        endConferenceOnExit: true,
        ...(instruction.muted ? { muted: true } : {}),
        ...(instruction.record && instruction.recordingUrl
          ? { record: 'record-from-start', recordingStatusCallback: instruction.recordingUrl, recordingStatusCallbackMethod: 'POST', recordingStatusCallbackEvent: ['completed'] }
          : {}),
      };
    case 'hold':
      // alone in a room that has not started: Twilio plays the wait music until we move the call
      return { beep: 'false', startConferenceOnEnter: false, endConferenceOnExit: true, ...(ctx.holdMusicUrl ? { waitUrl: ctx.holdMusicUrl, waitMethod: 'GET' } : {}) };
    case 'listen':
      return { ...reported, beep: 'false', startConferenceOnEnter: false, endConferenceOnExit: false, muted: true };
    case 'whisper':
      // a coach is heard by the coached participant (the agent) only
      return { ...reported, beep: 'false', startConferenceOnEnter: false, endConferenceOnExit: false, muted: false, ...(instruction.coachSid ? { coach: instruction.coachSid } : {}) };
    case 'barge':
      return { ...reported, beep: 'false', startConferenceOnEnter: false, endConferenceOnExit: false, muted: false };
  }
}

/** One document: the instruction, then the request that brings Twilio back when it is done. */
export function renderDocument(purpose: TDocumentPurpose, ctx: TTwimlContext): string {
  const response = new twilio.twiml.VoiceResponse();
  switch (purpose.kind) {
    case 'play':
      if (purpose.interruptible) {
        // a key press ends a nested prompt and posts the key; no key falls through to the Redirect
        const gather = response.gather({
          input: ['dtmf'],
          numDigits: 1,
          timeout: 1,
          finishOnKey: '',
          action: ctx.urls.gather(ctx.callId, ctx.step),
          method: 'POST',
        });
        addMedia(gather, purpose.media, ctx.voices);
      } else {
        addMedia(response, purpose.media, ctx.voices);
      }
      response.redirect({ method: 'POST' }, ctx.urls.voice(ctx.callId, ctx.step));
      break;
    case 'collect': {
      const gather = response.gather({
        input: ['dtmf'],
        numDigits: purpose.maxDigits,
        // Twilio's default finish key is '#': no terminator must say so
        finishOnKey: purpose.terminator ?? '',
        timeout: wholeSeconds(purpose.timeoutMs),
        action: ctx.urls.gather(ctx.callId, ctx.step),
        method: 'POST',
        // a timeout with no digits is an answer too (call.digits with reason timeout)
        actionOnEmptyResult: true,
      });
      if (purpose.prompt) addMedia(gather, purpose.prompt, ctx.voices);
      break;
    }
    case 'record':
      // the action comes even when the caller hangs up mid-message (Digits=hangup); with no
      // audio at all Twilio moves on to the next verb, and the Redirect reports that
      response.record({
        action: ctx.urls.record(ctx.callId, ctx.step),
        method: 'POST',
        maxLength: purpose.maxSeconds,
        finishOnKey: purpose.endKey,
        playBeep: purpose.beep,
        timeout: 10,
        trim: 'trim-silence',
      });
      response.redirect({ method: 'POST' }, ctx.urls.voice(ctx.callId, ctx.step));
      break;
    case 'conference':
      addConference(response, purpose, ctx);
      break;
    case 'digits':
      response.play({ digits: purpose.digits });
      response.redirect({ method: 'POST' }, ctx.urls.voice(ctx.callId, ctx.step));
      break;
    case 'hangup':
      response.hangup();
      break;
    case 'idle':
      response.pause({ length: ctx.idlePauseSec });
      response.redirect({ method: 'POST' }, ctx.urls.voice(ctx.callId, ctx.step));
      break;
  }
  return response.toString();
}

/** Ends a call; an inbound call not yet answered is refused instead, so it is never answered at all. */
export function renderHangup(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}

export function renderReject(reason: NonNullable<VoiceResponse.RejectAttributes['reason']>): string {
  const response = new twilio.twiml.VoiceResponse();
  response.reject({ reason });
  return response.toString();
}
