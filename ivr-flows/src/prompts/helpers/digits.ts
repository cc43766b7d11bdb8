import { defineHelper, describe, onlyHashKeys, PromptHelperError, type TWordsLanguage } from './context.js';

/**
 * Numbers a caller must write down or key in (application numbers, dockets, phone numbers) are
 * read one digit at a time, in short groups with a pause between them: "4 5 1 2, 3 6 7 8, …".
 * Letters are spelt by name ("सी जी" in Hindi, which the Hindi voice reads reliably; Latin letters
 * would make it switch to English mid-sentence), and dashes, slashes, dots and spaces become pauses.
 */

/** Letter names as Hindi speakers say them; Chhattisgarhi uses the same. */
const HI_LETTERS: Record<string, string> = {
  A: 'ए', B: 'बी', C: 'सी', D: 'डी', E: 'ई', F: 'एफ़', G: 'जी', H: 'एच', I: 'आई', J: 'जे', K: 'के', L: 'एल', M: 'एम',
  N: 'एन', O: 'ओ', P: 'पी', Q: 'क्यू', R: 'आर', S: 'एस', T: 'टी', U: 'यू', V: 'वी', W: 'डब्ल्यू', X: 'एक्स', Y: 'वाई', Z: 'ज़ेड',
};

const PLUS: Record<TWordsLanguage, string> = { hi: 'प्लस', cg: 'प्लस', en: 'plus' };

/** A pause between groups: a comma is a short break for every TTS voice we use. */
const PAUSE = ', ';
const SEPARATORS = /[-/._\s]+/;
const LONGEST_GROUP = 12;

/**
 * How a run of digits is split: up to five digits stay together (so "98765 43210" keeps the
 * writer's groups); ten (an Indian mobile number) are read 5 + 5 as people write them; longer
 * runs are cut into even groups of three or four, larger first (12 → 4 4 4, 6 → 3 3, 7 → 4 3).
 */
export function groupSizes(length: number, group?: number): number[] {
  if (group !== undefined) {
    const sizes: number[] = [];
    for (let left = length; left > 0; left -= group) sizes.push(Math.min(group, left));
    return sizes;
  }
  if (length <= 5) return [length];
  if (length === 10) return [5, 5];
  const count = Math.ceil(length / 4);
  const base = Math.floor(length / count);
  return Array.from({ length: count }, (_, i) => base + (i < length % count ? 1 : 0));
}

function spellDigitRun(run: string, group?: number): string {
  const out: string[] = [];
  let at = 0;
  for (const size of groupSizes(run.length, group)) {
    out.push(run.slice(at, at + size).split('').join(' '));
    at += size;
  }
  return out.join(PAUSE);
}

function spellLetterRun(run: string, language: TWordsLanguage): string {
  const letters = run.toUpperCase().split('');
  return letters.map((letter) => (language === 'en' ? letter : HI_LETTERS[letter] ?? letter)).join(' ');
}

/**
 * `CG-2026-000123` → "सी जी, 2 0 2 6, 0 0 0, 1 2 3" (hi, cg) / "C G, 2 0 2 6, 0 0 0, 1 2 3" (en);
 * `+919876543210` → "प्लस, 9 1, 9 8 7 6 5, 4 3 2 1 0".
 * Accepts a whole number of 0 or more, or a string of Latin letters and digits with separators
 * (`-`, `/`, `.`, `_`, spaces) and an optional leading `+`.
 */
export function spellOut(value: unknown, language: TWordsLanguage, group?: number): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new PromptHelperError(`expected a whole number of 0 or more, got ${describe(value)}`);
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    throw new PromptHelperError(`expected a number or a string of digits, got ${describe(value)}`);
  }
  const plus = text.startsWith('+');
  if (plus) text = text.slice(1);
  // +919876543210, as callers' numbers are stored: the country code, then the mobile number 5 + 5.
  if (plus && /^91\d{10}$/.test(text)) text = `91 ${text.slice(2)}`;
  const bad = /[^A-Za-z0-9\-/._\s]/.exec(text);
  if (bad) throw new PromptHelperError(`cannot spell ${JSON.stringify(bad[0])} in ${describe(value)}: only digits, Latin letters and - / . _ or spaces`);
  const segments = text.split(SEPARATORS).filter(Boolean);
  if (!segments.length) throw new PromptHelperError(`nothing to spell in ${describe(value)}`);
  const spoken = segments.flatMap((segment) =>
    (segment.match(/[0-9]+|[A-Za-z]+/g) ?? []).map((run) => (/\d/.test(run) ? spellDigitRun(run, group) : spellLetterRun(run, language))),
  );
  return (plus ? [PLUS[language], ...spoken] : spoken).join(PAUSE);
}

function parseGroup(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > LONGEST_GROUP) {
    throw new PromptHelperError(`group= must be a whole number from 1 to ${LONGEST_GROUP}, got ${describe(value)}`);
  }
  return n;
}

/** `{{digits x}}`, `{{digits mobile group=5}}`: read out digit by digit. */
export const digitsHelper = defineHelper('digits', 1, ({ args, hash, words }) => {
  onlyHashKeys(hash, ['group']);
  return spellOut(args[0], words, parseGroup(hash.group));
});
