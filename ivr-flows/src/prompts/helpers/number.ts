import { defineHelper, onlyHashKeys, parseWholeNumber, type TWordsLanguage } from './context.js';

/**
 * Whole numbers in words, in the Indian system (hazaar, lakh, crore) in every language: callers
 * hear "do lakh", never "two hundred thousand", and words leave nothing for a TTS voice to misread
 * (espeak-ng's English voice, for one, reads "1,25,000" as "one twenty-five thousand").
 */

/** 0–99: Hindi number names are not regular, so each has its own word. */
const HI_0_99 = [
  'शून्य', 'एक', 'दो', 'तीन', 'चार', 'पाँच', 'छह', 'सात', 'आठ', 'नौ',
  'दस', 'ग्यारह', 'बारह', 'तेरह', 'चौदह', 'पंद्रह', 'सोलह', 'सत्रह', 'अठारह', 'उन्नीस',
  'बीस', 'इक्कीस', 'बाईस', 'तेईस', 'चौबीस', 'पच्चीस', 'छब्बीस', 'सत्ताईस', 'अट्ठाईस', 'उनतीस',
  'तीस', 'इकतीस', 'बत्तीस', 'तैंतीस', 'चौंतीस', 'पैंतीस', 'छत्तीस', 'सैंतीस', 'अड़तीस', 'उनतालीस',
  'चालीस', 'इकतालीस', 'बयालीस', 'तैंतालीस', 'चवालीस', 'पैंतालीस', 'छियालीस', 'सैंतालीस', 'अड़तालीस', 'उनचास',
  'पचास', 'इक्यावन', 'बावन', 'तिरपन', 'चौवन', 'पचपन', 'छप्पन', 'सत्तावन', 'अट्ठावन', 'उनसठ',
  'साठ', 'इकसठ', 'बासठ', 'तिरसठ', 'चौंसठ', 'पैंसठ', 'छियासठ', 'सड़सठ', 'अड़सठ', 'उनहत्तर',
  'सत्तर', 'इकहत्तर', 'बहत्तर', 'तिहत्तर', 'चौहत्तर', 'पचहत्तर', 'छिहत्तर', 'सतहत्तर', 'अठहत्तर', 'उन्यासी',
  'अस्सी', 'इक्यासी', 'बयासी', 'तिरासी', 'चौरासी', 'पचासी', 'छियासी', 'सत्तासी', 'अट्ठासी', 'नवासी',
  'नब्बे', 'इक्यानवे', 'बानवे', 'तिरानवे', 'चौरानवे', 'पंचानवे', 'छियानवे', 'सत्तानवे', 'अट्ठानवे', 'निन्यानवे',
] as const;

const EN_0_19 = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
] as const;
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

const CRORE = 10_000_000;
const LAKH = 100_000;

interface TScale {
  hundred: string;
  thousand: string;
  lakh: string;
  crore: string;
}
const HI_SCALE: TScale = { hundred: 'सौ', thousand: 'हज़ार', lakh: 'लाख', crore: 'करोड़' };
const EN_SCALE: TScale = { hundred: 'hundred', thousand: 'thousand', lakh: 'lakh', crore: 'crore' };

function hindiUnder100(n: number): string {
  const word = HI_0_99[n];
  if (word === undefined) throw new RangeError(`not under 100: ${n}`);
  return word;
}

function englishUnder100(n: number): string {
  if (n < 20) return EN_0_19[n] ?? '';
  const units = n % 10;
  return `${EN_TENS[Math.floor(n / 10)]}${units ? `-${EN_0_19[units]}` : ''}`;
}

/**
 * The parts of a positive number, largest first: crores (themselves a number in words, so
 * 1,00,00,00,000 is "one hundred crore"), lakhs, thousands, hundreds, and the rest under 100.
 */
function parts(n: number, under100: (n: number) => string, scale: TScale): { words: string[]; rest: number } {
  const words: string[] = [];
  const crores = Math.floor(n / CRORE);
  if (crores) words.push(positive(crores, under100, scale), scale.crore);
  const lakhs = Math.floor((n % CRORE) / LAKH);
  if (lakhs) words.push(under100(lakhs), scale.lakh);
  const thousands = Math.floor((n % LAKH) / 1000);
  if (thousands) words.push(under100(thousands), scale.thousand);
  const hundreds = Math.floor((n % 1000) / 100);
  if (hundreds) words.push(under100(hundreds), scale.hundred);
  return { words, rest: n % 100 };
}

function positive(n: number, under100: (n: number) => string, scale: TScale): string {
  const { words, rest } = parts(n, under100, scale);
  if (rest) words.push(under100(rest));
  return words.join(' ');
}

/** 2500 → "दो हज़ार पाँच सौ" (hi, cg) / "two thousand five hundred" (en); 0 → "शून्य" / "zero". */
export function numberInWords(value: unknown, language: TWordsLanguage): string {
  const n = parseWholeNumber(value, 'a number');
  if (language === 'en') {
    if (n === 0) return 'zero';
    // British and Indian English say "and" before the last part: "one hundred and five".
    const { words, rest } = parts(n, englishUnder100, EN_SCALE);
    if (rest) words.push(...(words.length ? ['and'] : []), englishUnder100(rest));
    return words.join(' ');
  }
  // Chhattisgarhi speakers count with the Hindi number words on official lines: one set for both.
  return n === 0 ? hindiUnder100(0) : positive(n, hindiUnder100, HI_SCALE);
}

/** `{{number n}}`: a whole number (JSON number or digit string) in words. */
export const numberHelper = defineHelper('number', 1, ({ args, hash, words }) => {
  onlyHashKeys(hash, []);
  return numberInWords(args[0], words);
});
