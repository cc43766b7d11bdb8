import type { TRenderedPrompt } from './engine-contract.js';
import type { TMedia } from '../telephony/port.js';

/**
 * What the provider plays for a rendered prompt: the recorded file when there is one, speech
 * otherwise. Chhattisgarhi is written in Devanagari and spoken with the Hindi voice; Halbi and
 * Gondi have no voice at all, so a prompt in them without a recording is a short silence (the
 * flow loader should have refused it) rather than a wrong-language voice.
 */
export function promptToMedia(prompt: TRenderedPrompt): TMedia {
  if (prompt.file) return { kind: 'file', uri: prompt.file };
  switch (prompt.language) {
    case 'en':
      return { kind: 'speech', text: prompt.text, language: 'en' };
    case 'hi':
    case 'cg':
      return { kind: 'speech', text: prompt.text, language: 'hi' };
    case 'hlb':
    case 'gon':
      return { kind: 'silence', ms: MISSING_RECORDING_SILENCE_MS };
  }
}

const MISSING_RECORDING_SILENCE_MS = 300;

/** true when a prompt can only be played as silence (worth a warning in the logs) */
export function isUnplayable(prompt: TRenderedPrompt): boolean {
  return !prompt.file && (prompt.language === 'hlb' || prompt.language === 'gon');
}
