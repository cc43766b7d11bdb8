import { defineHelper, onlyHashKeys, parseWholeNumber, type TWordsLanguage } from './context.js';
import { numberInWords } from './number.js';

/**
 * Money is stored in paise and spoken in words, rupees then paise: ₹1,500.50 is "एक हज़ार पाँच
 * सौ रुपये पचास पैसे". Words rather than numerals so that every voice says the same thing (a
 * numeral such as "1,25,000" is read differently, or wrongly, by different TTS engines).
 */

interface TUnits {
  rupee: (n: number) => string;
  paisa: (n: number) => string;
  /** between the rupees and the paise */
  joiner: string;
}

const UNITS: Record<TWordsLanguage, TUnits> = {
  hi: { rupee: (n) => (n === 1 ? 'रुपया' : 'रुपये'), paisa: (n) => (n === 1 ? 'पैसा' : 'पैसे'), joiner: ' ' },
  // Chhattisgarhi says रुपिया and पइसा, and does not change them for the plural.
  cg: { rupee: () => 'रुपिया', paisa: () => 'पइसा', joiner: ' ' },
  en: { rupee: (n) => (n === 1 ? 'rupee' : 'rupees'), paisa: (n) => (n === 1 ? 'paisa' : 'paise'), joiner: ' and ' },
};

/** 150000 paise → "एक हज़ार पाँच सौ रुपये" / "एक हज़ार पाँच सौ रुपिया" / "one thousand five hundred rupees". */
export function spokenRupees(paise: unknown, language: TWordsLanguage): string {
  const total = parseWholeNumber(paise, 'an amount in paise');
  const rupees = Math.floor(total / 100);
  const rest = total % 100;
  const units = UNITS[language];
  const parts: string[] = [];
  // Zero is "zero rupees"; an amount under a rupee is said in paise alone.
  if (rupees > 0 || rest === 0) parts.push(`${numberInWords(rupees, language)} ${units.rupee(rupees)}`);
  if (rest > 0) parts.push(`${numberInWords(rest, language)} ${units.paisa(rest)}`);
  return parts.join(units.joiner);
}

/** `{{rupees amountPaise}}`: an amount given in paise, in words. */
export const rupeesHelper = defineHelper('rupees', 1, ({ args, hash, words }) => {
  onlyHashKeys(hash, []);
  return spokenRupees(args[0], words);
});
