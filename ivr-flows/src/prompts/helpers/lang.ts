import type { TFlowLanguage } from '../../engine/contract.js';
import { defineHelper, describe, isFlowLanguage, PromptHelperError } from './context.js';

/**
 * `{{lang hi="…" cg="…" en="…"}}`: a few words chosen by the session's language, for a short
 * phrase inside a template shared by every language. Chhattisgarhi, Halbi and Gondi fall back to
 * the Hindi text when they have none of their own; English and Hindi must be given when spoken.
 */

const FALLBACK: Record<TFlowLanguage, TFlowLanguage[]> = {
  hi: ['hi'],
  en: ['en'],
  cg: ['cg', 'hi'],
  hlb: ['hlb', 'hi'],
  gon: ['gon', 'hi'],
};

export function chooseText(texts: Record<string, unknown>, language: TFlowLanguage): string {
  const keys = Object.keys(texts);
  if (!keys.length) throw new PromptHelperError('needs the text for each language, e.g. hi="…" en="…"');
  for (const key of keys) {
    if (!isFlowLanguage(key)) throw new PromptHelperError(`unknown language ${key}= (hi, cg, en, hlb, gon)`);
    if (typeof texts[key] !== 'string') throw new PromptHelperError(`${key}= must be a quoted text, got ${describe(texts[key])}`);
  }
  for (const candidate of FALLBACK[language]) {
    const text = texts[candidate];
    if (typeof text === 'string') return text;
  }
  throw new PromptHelperError(`has no text for ${language}${language === 'hi' || language === 'en' ? '' : ' (nor for hi)'}`);
}

export const langHelper = defineHelper('lang', 0, ({ hash, language }) => chooseText(hash, language));
