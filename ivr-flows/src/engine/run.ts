import type { TFlow, TPrompt } from '../flow/schema.js';
import { renderPrompt } from '../prompts/render.js';
import { SPEECH_LANGUAGES, type TFlowLanguage, type TIvrCommand, type TIvrSession, type TRenderedPrompt, type TVarValue } from './contract.js';

/** A failure inside the flow (a prompt that cannot be rendered, a malformed survey): the flow's onError takes over. */
export class FlowRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowRuntimeError';
  }
}

/** One step of one call: the flow, the session being advanced (a private copy) and the commands so far. */
export interface TRun {
  readonly flow: TFlow;
  readonly s: TIvrSession;
  readonly out: TIvrCommand[];
}

export function newRun(flow: TFlow, session: TIvrSession): TRun {
  return { flow, s: structuredClone(session), out: [] };
}

export function nextId(run: TRun, prefix: string): string {
  run.s.seq += 1;
  return `${prefix}-${run.s.seq}`;
}

export function trace(run: TRun, detail: Record<string, string | number | boolean | null>): void {
  const nodeId = run.s.nodeId ?? '';
  const node = run.flow.nodes[nodeId];
  run.out.push({ type: 'trace', nodeId, nodeType: node?.type ?? 'flow', detail });
}

/** what templates see: the variables, the language, and the node-local counters */
function templateScope(run: TRun, extra: Record<string, TVarValue>): Record<string, TVarValue> {
  return { ...run.s.variables, ...extra };
}

/** a template with the call's variables; a failure is the flow's error, not the process's */
export function renderText(run: TRun, template: string, extra: Record<string, TVarValue> = {}): string {
  try {
    return renderPrompt(template, run.s.language, templateScope(run, extra));
  } catch (error) {
    throw new FlowRuntimeError(`node "${run.s.nodeId ?? ''}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The prompt in the call's language. Flow prompts are checked at load for every language the
 * flow speaks; prompts that arrive with a call (survey questions) fall back to the flow's
 * default language, then to any text there is.
 */
export function render(run: TRun, prompt: TPrompt, extra: Record<string, TVarValue> = {}): TRenderedPrompt {
  const language = run.s.language;
  const file = prompt.files?.[language];
  const own = prompt[language];
  if (own !== undefined) return { language, text: renderText(run, own, extra), ...(file ? { file } : {}) };
  if (file) return { language, text: '', file };
  const fallback = [run.flow.defaultLanguage, ...SPEECH_LANGUAGES].find((l): l is TFlowLanguage => prompt[l] !== undefined);
  if (fallback === undefined) throw new FlowRuntimeError(`node "${run.s.nodeId ?? ''}": a prompt has nothing for ${language}`);
  const text = prompt[fallback] ?? '';
  return { language: fallback, text: renderPrompt(text, fallback, templateScope(run, extra)) };
}

/** says a prompt and waits for it to finish; `phase` tells the node where it was */
export function say(run: TRun, prompt: TRenderedPrompt, phase: string, interruptible = false): void {
  const mediaId = nextId(run, 'media');
  run.out.push({ type: 'play', mediaId, prompt, interruptible });
  run.s.waiting = { kind: 'media', id: mediaId };
  run.s.local.phase = phase;
}

/** asks for digits (the prompt plays until the first key) and waits for them */
export function ask(
  run: TRun,
  options: { prompt: TRenderedPrompt | null; minDigits: number; maxDigits: number; timeoutMs: number; terminator: '#' | null },
): void {
  const requestId = nextId(run, 'digits');
  run.out.push({ type: 'collect', requestId, ...options });
  run.s.waiting = { kind: 'digits', id: requestId };
  run.s.local.phase = 'asking';
}

export function lookup(run: TRun, name: Extract<TIvrCommand, { type: 'lookup' }>['name'], args: Record<string, string | number | boolean | null>, phase = 'lookup'): void {
  const requestId = nextId(run, 'lookup');
  run.out.push({ type: 'lookup', requestId, name, args });
  run.s.waiting = { kind: 'lookup', id: requestId };
  run.s.local.phase = phase;
}

/** ends the flow with a hang-up */
export function hangUp(run: TRun, reason: 'flow_end' | 'step_cap' | 'error'): void {
  run.out.push({ type: 'hangup', reason });
  end(run);
}

export function end(run: TRun): void {
  run.s.status = 'ended';
  run.s.waiting = null;
  run.s.nodeId = null;
}

/** the caller stays in the queue: nothing more for the flow to do until the call is taken or ends */
export function park(run: TRun): void {
  run.s.status = 'queued';
  run.s.waiting = null;
}

export function counter(run: TRun, name: string): number {
  const value = run.s.local[name];
  return typeof value === 'number' ? value : 0;
}

export function setVar(run: TRun, path: string, value: TVarValue): void {
  run.s.variables[path] = value;
}
