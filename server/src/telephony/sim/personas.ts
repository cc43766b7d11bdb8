import type { SimRandom } from './random.js';
import type { TCitizenScriptInput } from './script.js';

/**
 * Plausible far ends for the demo: how a citizen treats a survey call, and how a caller moves
 * through the helpline's IVR. Only the draws live here; the network and the traffic generator
 * decide when to use them.
 */

/** answers to survey questions are single keys; most people press within a few seconds */
function surveyAnswers(random: SimRandom, questions: number): TCitizenScriptInput['presses'] {
  return Array.from({ length: questions }, () => ({ keys: String(random.int(1, 5)), from: 'collect' as const, afterSec: random.between(1.5, 6) }));
}

/** a citizen called by a feedback campaign, when no test has scripted the number */
export function outboundCitizen(random: SimRandom): TCitizenScriptInput {
  const kind = random.weighted([
    ['answer', 60],
    ['no_answer', 17],
    ['busy', 10],
    ['machine', 7],
    ['reject', 4],
    ['congestion', 2],
  ] as const);
  switch (kind) {
    case 'answer':
      return {
        pickup: { kind: 'answer', afterSec: random.between(2, 15) },
        presses: surveyAnswers(random, 8),
        // one in ten loses patience halfway through
        ...(random.chance(0.1) ? { hangupAfterSec: random.between(10, 60) } : {}),
      };
    case 'machine':
      return { pickup: { kind: 'machine', afterSec: random.between(10, 20) }, hangupAfterSec: 45 };
    case 'reject':
      return { pickup: { kind: 'reject', afterSec: random.between(2, 10) } };
    case 'no_answer':
    case 'busy':
    case 'congestion':
      return { pickup: { kind } };
  }
}

export interface TIvrKeys {
  /** the first question: the language (or keeping a known caller's own) */
  language: readonly string[];
  /** the main menu's self-service choices */
  menu: readonly string[];
  /** the key that asks for an agent */
  agent: string;
  /** digits in an application number */
  applicationDigits: number;
}

/** The helpline flow's keys (ivr-flows/flows/helpline.yaml). */
export const DEFAULT_IVR_KEYS: TIvrKeys = { language: ['1', '2', '3'], menu: ['1', '2', '3', '4'], agent: '0', applicationDigits: 12 };

/**
 * A caller to the helpline: most navigate the menu and maybe type an application number; some
 * ask for an agent and wait on hold; some hang up early; a few never press anything.
 */
export function inboundCaller(random: SimRandom, keys: TIvrKeys = DEFAULT_IVR_KEYS): TCitizenScriptInput {
  const persona = random.weighted([
    ['navigator', 50],
    ['wants-agent', 25],
    ['early-hangup', 12],
    ['silent', 8],
    ['impatient', 5],
  ] as const);
  // everyone who gets past the greeting first picks a language (most keep Hindi)
  const language = { keys: random.weighted(keys.language.map((key, i) => [key, i === 0 ? 6 : 2] as const)), from: 'collect' as const, afterSec: random.between(1, 4) };
  switch (persona) {
    case 'navigator': {
      const presses: NonNullable<TCitizenScriptInput['presses']> = [language, { keys: random.pick(keys.menu), from: 'collect', afterSec: random.between(2, 8) }];
      // an application number, then the terminator, read out from a slip of paper
      if (random.chance(0.6)) presses.push({ keys: `${random.digits(keys.applicationDigits)}#`, from: 'collect', afterSec: random.between(3, 10), gapMs: random.int(250, 700) });
      if (random.chance(0.3)) presses.push({ keys: random.pick(keys.menu), from: 'collect', afterSec: random.between(2, 6) });
      return random.chance(0.5) ? { presses } : { presses, hangupAfterSec: random.between(60, 300) };
    }
    case 'wants-agent':
      // patience in the queue: between half a minute and ten minutes
      return { presses: [language, { keys: keys.agent, from: 'collect', afterSec: random.between(1, 5) }], hangupAfterSec: random.between(30, 600) };
    case 'early-hangup':
      return { hangupAfterSec: random.between(3, 15) };
    case 'silent':
      return { hangupAfterSec: random.between(20, 90) };
    case 'impatient':
      // presses the agent key over and over during the welcome prompt
      return {
        presses: [
          { keys: keys.agent, from: 'prompt', afterSec: random.between(0.5, 2) },
          { keys: keys.agent, from: 'prompt', afterSec: random.between(0.5, 2) },
        ],
        hangupAfterSec: random.between(20, 120),
      };
  }
}
