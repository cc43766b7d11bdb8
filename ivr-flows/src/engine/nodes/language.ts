import { ZLanguage, type TNodeOf } from '../../flow/schema.js';
import { ask, counter, render, renderText, trace, type TRun } from '../run.js';
import type { TNodeHandler } from './handler.js';

/** sets the language if the flow speaks it; false otherwise (the call keeps its language) */
function choose(run: TRun, value: string): boolean {
  const parsed = ZLanguage.safeParse(value.trim());
  if (!parsed.success || !run.flow.languages.includes(parsed.data)) return false;
  run.s.language = parsed.data;
  run.s.variables.language = parsed.data;
  return true;
}

function question(run: TRun, node: TNodeOf<'language'>): null {
  if (!node.prompt) throw new Error('a language menu without a prompt passed validation');
  ask(run, { prompt: render(run, node.prompt), minDigits: 1, maxDigits: 1, timeoutMs: node.timeoutMs, terminator: null });
  return null;
}

/**
 * The call's language: set from a template (a known caller's stored preference), or asked as a
 * menu of languages. Silence or wrong keys, after the retries, keep the current language.
 */
export const languageNode: TNodeHandler<TNodeOf<'language'>> = {
  enter(run, node) {
    if (node.set !== undefined) {
      const value = renderText(run, node.set);
      trace(run, { language: value, applied: choose(run, value) });
      return node.next;
    }
    return question(run, node);
  },
  resume(run, node, event) {
    if (event.type !== 'digits') return null;
    const language = node.choices?.[event.digits.slice(0, 1)];
    if (language !== undefined && choose(run, language)) {
      trace(run, { digits: event.digits, language });
      return node.next;
    }
    const attempts = counter(run, 'attempts') + 1;
    run.s.local.attempts = attempts;
    trace(run, { digits: event.digits, language: null });
    return attempts > node.retries ? node.next : question(run, node);
  },
};
