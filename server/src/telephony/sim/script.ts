import { z } from 'zod';

/**
 * What the far end of a simulated leg does: a citizen's phone, an answering machine or an
 * agent's endpoint. Declarative so tests, the demo's traffic and (later) the console can write
 * one in a line; validated with zod because scripts may come from outside the process.
 */

const ZKeys = z.string().regex(/^[0-9*#]+$/, 'keys are 0-9, * and #');
const ZSeconds = z.number().min(0).max(86_400);

/** how the far end responds to an outbound call (ignored for inbound calls) */
export const ZPickup = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), afterSec: ZSeconds.default(3) }),
  /** voicemail picks up; with `detectMachine` the provider reports `call.machine: machine` */
  z.object({ kind: z.literal('machine'), afterSec: ZSeconds.default(12) }),
  /** rings, then the citizen declines */
  z.object({ kind: z.literal('reject'), afterSec: ZSeconds.default(5) }),
  z.object({ kind: z.literal('busy') }),
  /** rings until the originate times out */
  z.object({ kind: z.literal('no_answer') }),
  z.object({ kind: z.literal('congestion') }),
  /** rings until a test or the console answers or rejects it (agent endpoints) */
  z.object({ kind: z.literal('manual') }),
]);

export const ZPress = z.object({
  keys: ZKeys,
  /** seconds after the anchor */
  afterSec: ZSeconds,
  /**
   * what the wait counts from: the answer; the next prompt the leg hears; or the next time
   * Samvad starts collecting digits (the caller answers the question they were asked). Presses
   * run in order; a press anchored on a prompt or collection waits for one that begins after
   * the previous press. `record`: the next time Samvad starts recording a voice message
   * (the caller speaks for `afterSec`, then presses the end key or hangs up).
   */
  from: z.enum(['answer', 'prompt', 'collect', 'record']).default('answer'),
  /** milliseconds between the keys of this press (network default otherwise) */
  gapMs: z.number().int().min(0).max(10_000).optional(),
});

export const ZCitizenScript = z.object({
  pickup: ZPickup.optional(),
  presses: z.array(ZPress).max(200).default([]),
  /** the far end hangs up this long after the answer; absent: it stays until Samvad hangs up */
  hangupAfterSec: ZSeconds.optional(),
  /** an inbound caller gives up if nobody answers within this long of dialling */
  abandonAfterSec: ZSeconds.optional(),
});

/** a script as written */
export type TCitizenScriptInput = z.input<typeof ZCitizenScript>;
/** a script with its defaults applied */
export type TCitizenScript = z.output<typeof ZCitizenScript>;
export type TPickup = z.output<typeof ZPickup>;
export type TPress = z.output<typeof ZPress>;

export function parseScript(input: TCitizenScriptInput): TCitizenScript {
  return ZCitizenScript.parse(input);
}

/** the behaviours the contract harness names */
export type TOutboundBehaviour = 'answer' | 'busy' | 'no_answer' | 'machine';

export const scripts = {
  answers: (afterSec = 3): TCitizenScriptInput => ({ pickup: { kind: 'answer', afterSec } }),
  busy: (): TCitizenScriptInput => ({ pickup: { kind: 'busy' } }),
  noAnswer: (): TCitizenScriptInput => ({ pickup: { kind: 'no_answer' } }),
  machine: (afterSec = 12): TCitizenScriptInput => ({ pickup: { kind: 'machine', afterSec }, hangupAfterSec: 60 }),
  manual: (): TCitizenScriptInput => ({ pickup: { kind: 'manual' } }),
  /** answers (outbound) and never presses a key nor hangs up */
  silent: (): TCitizenScriptInput => ({}),
  fromBehaviour(behaviour: TOutboundBehaviour): TCitizenScriptInput {
    switch (behaviour) {
      case 'answer':
        return scripts.answers();
      case 'busy':
        return scripts.busy();
      case 'no_answer':
        return scripts.noAnswer();
      case 'machine':
        return scripts.machine();
    }
  },
};
