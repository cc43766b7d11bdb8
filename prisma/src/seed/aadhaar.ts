import { hash } from 'node:crypto';

// Synthetic Aadhaar numbers: 12 digits, first digit 2–9, last digit a Verhoeff check digit, as
// real ones are. Only a salted SHA-256 and the last four digits ever leave this module.

const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 8, 7, 6, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function table(t: readonly (readonly number[])[], i: number, j: number): number {
  const v = t[i]?.[j];
  if (v === undefined) throw new Error('Verhoeff table index out of range');
  return v;
}

function verhoeffChecksum(digits: string, withCheckDigit: boolean): number {
  let c = 0;
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    const digit = digits.charCodeAt(n - 1 - i) - 48;
    const pos = withCheckDigit ? i : i + 1;
    c = table(D, c, table(P, pos % 8, digit));
  }
  return c;
}

export function verhoeffDigit(digits: string): number {
  return INV[verhoeffChecksum(digits, false)] ?? 0;
}

export function isValidVerhoeff(digits: string): boolean {
  return /^\d+$/.test(digits) && verhoeffChecksum(digits, true) === 0;
}

/** Possible 11-digit prefixes: first digit 2–9, then ten digits. */
export const AADHAAR_PREFIX_RANGE = 8e10;

/** builds a 12-digit number from an index in [0, AADHAAR_PREFIX_RANGE) */
export function aadhaarFromIndex(index: number): string {
  const first = 2 + Math.floor(index / 1e10);
  const prefix = `${first}${String(index % 1e10).padStart(10, '0')}`;
  return prefix + String(verhoeffDigit(prefix));
}

export function aadhaarHash(salt: string, aadhaar: string): string {
  // one-shot crypto.hash is several times faster than createHash for millions of short inputs
  return hash('sha256', salt + aadhaar, 'hex');
}
