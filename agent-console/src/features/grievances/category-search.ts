import type { TGrievanceCategory } from './grievance.schemas.js';

/** Lower-cased, with Devanagari nukta and chandrabindu folded so "बिजली" finds "बिजली". */
function fold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('en-IN').replace(/\u093c/g, '').replace(/\u0901/g, '\u0902');
}

/**
 * Categories whose code, English or Hindi name, or department matches every word typed, in
 * either script. Pure, so the picker and a test can share it.
 */
export function searchCategories(categories: readonly TGrievanceCategory[], query: string): TGrievanceCategory[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...categories];
  return categories.filter((c) => {
    const haystack = fold([c.code, c.nameEn, c.nameHi, c.department.code, c.department.nameEn, c.department.nameHi].join(' '));
    return words.every((w) => haystack.includes(w));
  });
}
