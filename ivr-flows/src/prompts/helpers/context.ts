import type Handlebars from 'handlebars';
import type { TFlowLanguage } from '../../engine/contract.js';

/** Languages the helpers have words for. Halbi and Gondi prompts fall back to the Hindi wording. */
export type TWordsLanguage = 'hi' | 'cg' | 'en';

const FLOW_LANGUAGES: readonly TFlowLanguage[] = ['hi', 'cg', 'en', 'hlb', 'gon'];

/** A prompt helper was given something it cannot speak. The message names the helper and the input. */
export class PromptHelperError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PromptHelperError';
  }
}

export function isFlowLanguage(value: unknown): value is TFlowLanguage {
  return typeof value === 'string' && (FLOW_LANGUAGES as readonly string[]).includes(value);
}

export function wordsLanguage(language: TFlowLanguage): TWordsLanguage {
  return language === 'en' || language === 'cg' ? language : 'hi';
}

/** How a value appears in an error message: `undefined` usually means an unset variable. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined (is the variable set?)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** Whole numbers arrive as JSON numbers or as digit strings (optionally grouped with commas: 2,500 or 1,25,000). */
export function parseWholeNumber(value: unknown, what: string): number {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\d{1,3}(,\d{2,3})*$|^\d+$/.test(value.trim())) n = Number(value.trim().replaceAll(',', ''));
  if (n === undefined || !Number.isSafeInteger(n) || n < 0) {
    throw new PromptHelperError(`expected ${what} as a whole number of 0 or more, got ${describe(value)}`);
  }
  return n;
}

export interface THelperCall {
  /** the positional arguments, without Handlebars' options object */
  args: unknown[];
  /** named arguments (`group=5`) */
  hash: Record<string, unknown>;
  /** the session's language (`@root.language`) */
  language: TFlowLanguage;
  /** the language whose words are spoken */
  words: TWordsLanguage;
}

function isHelperOptions(value: unknown): value is Handlebars.HelperOptions {
  return typeof value === 'object' && value !== null && 'hash' in value && 'data' in value;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Where the helper sits in its template, for error messages: "line 1, column 12". */
function location(options: Handlebars.HelperOptions): string {
  const start = field(field(options, 'loc'), 'start');
  const line = field(start, 'line');
  const column = field(start, 'column');
  return typeof line === 'number' && typeof column === 'number' ? ` (line ${line}, column ${column + 1})` : '';
}

/**
 * Wraps a speaking function as a Handlebars helper: checks the number of arguments, finds the
 * session's language, and turns every failure into one PromptHelperError that names the helper
 * and where it is used, so a bad value stops the render instead of being spoken as "undefined".
 */
export function defineHelper(name: string, arity: number, speak: (call: THelperCall) => string): Handlebars.HelperDelegate {
  return (...params: unknown[]): string => {
    const options = params.at(-1);
    if (!isHelperOptions(options)) throw new PromptHelperError(`{{${name}}} was called outside a template`);
    const where = location(options);
    const args = params.slice(0, -1);
    if (args.length !== arity) {
      // A bare {{date}} calls the helper, not a variable of that name: say how to reach the variable.
      const hint = args.length === 0 ? `; a variable named "${name}" is written {{this.${name}}}` : '';
      throw new PromptHelperError(`{{${name}}}${where} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}${hint}`);
    }
    const language = field(field(options.data, 'root'), 'language');
    if (!isFlowLanguage(language)) throw new PromptHelperError(`{{${name}}}${where}: the template was rendered without a language`);
    const hash: Record<string, unknown> = typeof options.hash === 'object' && options.hash !== null ? { ...options.hash } : {};
    try {
      return speak({ args, hash, language, words: wordsLanguage(language) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new PromptHelperError(`{{${name}}}${where}: ${message}`, { cause: error });
    }
  };
}

/** Rejects named arguments a helper does not take, so that a misspelt one is not silently ignored. */
export function onlyHashKeys(hash: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(hash)) {
    if (!allowed.includes(key)) {
      throw new PromptHelperError(allowed.length ? `unknown option ${key}= (takes ${allowed.map((k) => `${k}=`).join(', ')})` : `takes no options, got ${key}=`);
    }
  }
}
