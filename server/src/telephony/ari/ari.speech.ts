import { createHash } from 'node:crypto';
import { Invalid } from '../../errors.js';
import type { TLanguage, TMedia } from '../port.js';

/**
 * Turns prompt text into something Asterisk can play. The server supplies the real one
 * (espeak-ng + sox into Asterisk's sounds directory, cached by hash); it resolves to a media URI.
 */
export type TSpeechToMediaUri = (text: string, language: TLanguage) => Promise<string>;

/** The hash that names a generated prompt: the same text in the same language is made once. */
export function speechKey(text: string, language: TLanguage): string {
  return createHash('sha256').update(`${language}\n${text}`).digest('hex').slice(0, 24);
}

/**
 * The naming convention without the synthesis: `sound:samvad-tts/<lang>/<hash>`, remembering
 * which text each URI stands for. Tests use it so the far side can report what was heard.
 */
export function hashedSpeech(prefix = 'samvad-tts'): { speechToMediaUri: TSpeechToMediaUri; textFor(uri: string): string | undefined } {
  const texts = new Map<string, string>();
  return {
    speechToMediaUri: async (text, language) => {
      const uri = `sound:${prefix}/${language}/${speechKey(text, language)}`;
      texts.set(uri, text);
      return uri;
    },
    textFor: (uri) => texts.get(uri),
  };
}

const SCHEMES = /^(sound|recording|number|digits|characters|tone):\S+$/;
/** Asterisk's stock sounds hold silence/1 … silence/10 (seconds). */
const LONGEST_SILENCE_S = 10;

/** The ARI media URIs for one port-level media item (silence may take several files). */
export async function mediaUris(media: TMedia, speech: TSpeechToMediaUri): Promise<string[]> {
  switch (media.kind) {
    case 'speech':
      if (!media.text.trim()) throw Invalid('speech text is empty');
      return [await speech(media.text, media.language)];
    case 'file':
      if (!SCHEMES.test(media.uri)) throw Invalid('media uri must be sound:, recording:, number:, digits:, characters: or tone:');
      return [media.uri];
    case 'silence': {
      if (!Number.isFinite(media.ms) || media.ms <= 0) throw Invalid('silence must last a positive number of ms');
      const uris: string[] = [];
      for (let left = Math.max(1, Math.round(media.ms / 1000)); left > 0; left -= LONGEST_SILENCE_S) {
        uris.push(`sound:silence/${Math.min(left, LONGEST_SILENCE_S)}`);
      }
      return uris;
    }
  }
}
