import type { TPrompt } from '../../flow/schema.js';
import { counter, render, say, type TRun } from '../run.js';

/**
 * After a wrong key or silence: 'exhausted' once the retries are used up; otherwise the
 * reprompt is said ('reprompting', the node asks again when it ends) or, with none, 'again'.
 */
export function retry(
  run: TRun,
  node: { retries: number; invalidPrompt?: TPrompt; timeoutPrompt?: TPrompt },
  why: 'invalid' | 'timeout',
): 'exhausted' | 'reprompting' | 'again' {
  const attempts = counter(run, 'attempts') + 1;
  run.s.local.attempts = attempts;
  if (attempts > node.retries) return 'exhausted';
  const reprompt = why === 'invalid' ? node.invalidPrompt : node.timeoutPrompt;
  if (!reprompt) return 'again';
  say(run, render(run, reprompt), 'reprompt');
  return 'reprompting';
}
