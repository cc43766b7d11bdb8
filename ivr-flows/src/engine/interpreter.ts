import { ZLanguage, type TFlow, type TNode } from '../flow/schema.js';
import type { TFlowLanguage, TIvrEvent, TIvrSession, TStepResult, TVarValue } from './contract.js';
import { enterNode, resumeNode } from './nodes/index.js';
import { end, FlowRuntimeError, hangUp, newRun, trace, type TRun } from './run.js';

type TStarted = Extract<TIvrEvent, { type: 'started' }>;

/**
 * The interpreter: pure functions from (flow, session, event) to (session, commands). No I/O,
 * no clock (time comes from the `started` event), no randomness (ids from the session's counter),
 * so a recorded call replays exactly and every path is testable without a phone network.
 */
export function start(flow: TFlow, event: TStarted): TStepResult {
  const language = startingLanguage(flow, event.variables?.language);
  const variables: Record<string, TVarValue> = {
    ...(event.variables ?? {}),
    caller: event.caller,
    called: event.called,
    callId: event.callId,
    callStartedAt: event.at,
    language,
  };
  const session: TIvrSession = {
    flowId: flow.id,
    flowVersion: flow.version,
    callId: event.callId,
    status: 'running',
    nodeId: null,
    language,
    variables,
    steps: 0,
    seq: 0,
    waiting: null,
    local: {},
  };
  const run = newRun(flow, session);
  drive(run, () => flow.start);
  return { session: run.s, commands: run.out };
}

/** a call may arrive with its language (a campaign knows the resident's); one the flow does not speak is ignored */
function startingLanguage(flow: TFlow, requested: TVarValue | undefined): TFlowLanguage {
  const parsed = ZLanguage.safeParse(requested);
  return parsed.success && flow.languages.includes(parsed.data) ? parsed.data : flow.defaultLanguage;
}

export function step(flow: TFlow, session: TIvrSession, event: TIvrEvent): TStepResult {
  if (session.status === 'ended') return { session, commands: [] };
  if (event.type === 'hangup') {
    const run = newRun(flow, session);
    trace(run, { hangup: true });
    end(run);
    return { session: run.s, commands: run.out };
  }
  if (!matches(session, event)) return { session, commands: [] };
  const nodeId = session.nodeId;
  const node = nodeId === null ? undefined : flow.nodes[nodeId];
  if (!node) return { session, commands: [] };
  const run = newRun(flow, session);
  run.s.waiting = null;
  drive(run, () => resumeNode(run, node, event));
  return { session: run.s, commands: run.out };
}

/** the event the session waits for, and nothing else (a stale prompt's end, a late lookup) */
function matches(session: TIvrSession, event: TIvrEvent): boolean {
  const waiting = session.waiting;
  if (!waiting) return false;
  switch (event.type) {
    case 'digits':
      return waiting.kind === 'digits' && waiting.id === event.requestId;
    case 'media.finished':
      return waiting.kind === 'media' && waiting.id === event.mediaId;
    case 'lookup.result':
      return waiting.kind === 'lookup' && waiting.id === event.requestId;
    case 'recording.finished':
      return waiting.kind === 'recording' && waiting.id === event.requestId;
    case 'enqueued':
      return waiting.kind === 'enqueued' && waiting.id === event.requestId;
    default:
      return false;
  }
}

/**
 * Runs nodes until one waits or the flow ends. Every node entered counts toward the step cap,
 * so a flow that loops without waiting (or loops through retries forever) is stopped. A
 * runtime failure goes to the flow's onError node once; a second one ends the call.
 */
function drive(run: TRun, first: () => string | null): void {
  let failedOver = false;
  let next: () => string | null = first;
  for (;;) {
    let target: string | null;
    try {
      target = next();
    } catch (error) {
      if (!(error instanceof FlowRuntimeError)) throw error;
      trace(run, { error: error.message });
      const onError = run.flow.onError;
      if (onError && !failedOver && run.s.nodeId !== onError) {
        failedOver = true;
        target = onError;
      } else {
        hangUp(run, 'error');
        return;
      }
    }
    if (target === null || run.s.status !== 'running') return;
    const node: TNode | undefined = run.flow.nodes[target];
    if (!node) throw new Error(`node "${target}" is missing from a validated flow`);
    run.s.steps += 1;
    run.s.nodeId = target;
    run.s.local = {};
    run.s.waiting = null;
    if (run.s.steps > run.flow.maxSteps) {
      trace(run, { stepCap: run.flow.maxSteps });
      hangUp(run, 'step_cap');
      return;
    }
    trace(run, { entered: true });
    next = (): string | null => enterNode(run, node);
  }
}
