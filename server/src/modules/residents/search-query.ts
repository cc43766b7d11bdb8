/** What a free-text search box entry means. Pure, so every rule has a unit test. */
export type TSearchIntent =
  | { kind: 'name_latin'; prefix: string }
  | { kind: 'name_devanagari'; prefix: string }
  | { kind: 'number12'; digits: string }
  | { kind: 'aadhaar_last4'; last4: string; birthYear: number }
  | { kind: 'invalid'; message: string };

const DEVANAGARI = /[\u0900-\u097F]/;
const LATIN_NAME = /^[A-Za-z][A-Za-z .'-]*$/;
const DEVANAGARI_NAME = /^[\u0900-\u097F][\u0900-\u097F .-]*$/;

export function classifySearch(raw: string, birthYear?: number): TSearchIntent {
  const q = raw.trim().replace(/\s+/g, ' ');
  const digits = q.replace(/[\s-]/g, '');
  if (/^\d+$/.test(digits)) {
    if (digits.length === 12) return { kind: 'number12', digits };
    // "1234 1980": Aadhaar last four and birth year typed together
    if (digits.length === 8 && /^\d{4}[\s-]\d{4}$/.test(q) && birthYear === undefined) {
      return aadhaar(digits.slice(0, 4), Number(digits.slice(4)));
    }
    if (digits.length === 4) {
      if (birthYear === undefined) {
        return { kind: 'invalid', message: 'Aadhaar last four digits need the birth year too (birthYear)' };
      }
      return aadhaar(digits, birthYear);
    }
    return {
      kind: 'invalid',
      message: 'A number must be a 12-digit card or application number, or Aadhaar last four digits with the birth year',
    };
  }
  if (q.length < 2) return { kind: 'invalid', message: 'Type at least two letters of the name' };
  if (DEVANAGARI.test(q)) {
    return DEVANAGARI_NAME.test(q)
      ? { kind: 'name_devanagari', prefix: q }
      : { kind: 'invalid', message: 'A name is written in one script: Devanagari or Latin' };
  }
  if (LATIN_NAME.test(q)) return { kind: 'name_latin', prefix: q.toLowerCase() };
  return { kind: 'invalid', message: 'Search by name, card number, application number, or Aadhaar last four with birth year' };
}

function aadhaar(last4: string, birthYear: number): TSearchIntent {
  if (birthYear < 1900 || birthYear > 2100) return { kind: 'invalid', message: 'birth year is out of range' };
  return { kind: 'aadhaar_last4', last4, birthYear };
}

/** Escapes LIKE wildcards so that a typed "_" or "%" matches itself. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
