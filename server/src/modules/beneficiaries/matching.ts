/**
 * Matching an imported row to a resident of the registry. The registry keeps every name in both
 * scripts (name_en, name_hi), so a name is compared with the resident's name in the script it was
 * written in, as the resident search does, rather than transliterated.
 */
const DEVANAGARI = /[\u0900-\u097F]/;

export function isDevanagari(name: string): boolean {
  return DEVANAGARI.test(name);
}

/** "Smt. Sunita  Sahu" → "sunita sahu": honorifics and punctuation do not make two names differ. */
export function foldName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\s]+/gu, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && !HONORIFICS.has(t))
    .join(' ');
}
const HONORIFICS = new Set(['shri', 'smt', 'sri', 'km', 'kum', 'mr', 'mrs', 'ms', 'श्री', 'श्रीमती', 'कु', 'सुश्री']);

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...s.replace(/\s+/g, ' ')];
  for (let i = 0; i < chars.length - 1; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient on character pairs, 0..1: tolerant of a dropped vowel or a different spelling. */
export function nameSimilarity(a: string, b: string): number {
  const fa = foldName(a);
  const fb = foldName(b);
  if (fa === '' || fb === '') return 0;
  if (fa === fb) return 1;
  const ga = bigrams(fa);
  const gb = bigrams(fb);
  let shared = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

export const NAME_THRESHOLD = 0.7;

export interface TCandidate {
  residentId: number;
  nameEn: string;
  nameHi: string;
  birthYear: number;
}

/** The residents on that phone whose name (in the row's script) and birth year (±1) agree. */
export function phoneNameCandidates(row: { name: string; birthYear: number }, onPhone: readonly TCandidate[]): TCandidate[] {
  const devanagari = isDevanagari(row.name);
  return onPhone.filter((c) => Math.abs(c.birthYear - row.birthYear) <= 1 && nameSimilarity(row.name, devanagari ? c.nameHi : c.nameEn) >= NAME_THRESHOLD);
}

export type TMatch =
  | { outcome: 'matched'; method: 'beneficiary_id' | 'phone_name'; residentId: number; enrolmentId: number | null; candidateCount: number }
  | { outcome: 'ambiguous'; method: 'phone_name'; candidateCount: number }
  | { outcome: 'unmatched'; method: null; candidateCount: 0 };

/** Exactly one candidate is a match; several are flagged, never guessed between. */
export function decideMatch(enrolment: { id: number; residentId: number } | undefined, candidates: readonly TCandidate[]): TMatch {
  if (enrolment) return { outcome: 'matched', method: 'beneficiary_id', residentId: enrolment.residentId, enrolmentId: enrolment.id, candidateCount: 1 };
  const [only] = candidates;
  if (candidates.length === 1 && only) return { outcome: 'matched', method: 'phone_name', residentId: only.residentId, enrolmentId: null, candidateCount: 1 };
  if (candidates.length > 1) return { outcome: 'ambiguous', method: 'phone_name', candidateCount: candidates.length };
  return { outcome: 'unmatched', method: null, candidateCount: 0 };
}
