import { Invalid } from '../../errors.js';
import type { TMedia } from '../port.js';

const KEY = /^[0-9*#]$/;

/** Refuses, before anything is sent, media Twilio could not play. */
export function checkMedia(media: TMedia): void {
  switch (media.kind) {
    case 'speech':
      if (media.text.trim() === '') throw Invalid('speech needs some text');
      return;
    case 'file':
      // <Play> fetches a URL; Asterisk's sound:/recording: names mean nothing to Twilio
      if (!/^https?:\/\//.test(media.uri)) throw Invalid('on Twilio a file is an http(s) URL');
      return;
    case 'silence':
      if (!Number.isFinite(media.ms) || media.ms < 0) throw Invalid('silence needs a length of zero or more milliseconds');
      return;
  }
}

/** The same rules as every adapter: 1–64 digits, a positive timeout, one key as terminator. */
export function checkCollect(options: { maxDigits: number; timeoutMs: number; terminator?: string }): {
  maxDigits: number;
  timeoutMs: number;
  terminator: string | null;
} {
  const { maxDigits, timeoutMs, terminator } = options;
  if (!Number.isInteger(maxDigits) || maxDigits < 1 || maxDigits > 64) throw Invalid('maxDigits must be an integer from 1 to 64');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw Invalid('timeoutMs must be a positive number');
  if (terminator !== undefined && !KEY.test(terminator)) throw Invalid('terminator must be one key: 0-9, * or #');
  return { maxDigits, timeoutMs, terminator: terminator ?? null };
}
