import type { TFlowSource, TIvrEngine, TStartedEvent } from '../../src/callcontrol/engine.js';
import type { TIvrCommand, TIvrEvent, TIvrSession, TStepResult, TVarValue } from '../../src/callcontrol/engine-contract.js';

/**
 * A stand-in interpreter for testing call control alone: a flow is a plain function from an
 * event to commands, and the engine records every event each call fed it. The real interpreter
 * lives in @samvad/ivr-flows; these tests are about carrying out commands, not about flows.
 */
export interface TScriptedFlow {
  id: string;
  react(event: TIvrEvent, state: TScriptState): TIvrCommand[];
}

export interface TScriptState {
  vars: Record<string, TVarValue>;
  /** the next engine id (m1, r2 …) */
  id(prefix: string): string;
}

export class ScriptedEngine implements TIvrEngine<TScriptedFlow>, TFlowSource<TScriptedFlow> {
  readonly seen = new Map<string, string[]>();
  private readonly flows = new Map<string, TScriptedFlow>();

  constructor(flows: TScriptedFlow[]) {
    for (const flow of flows) this.flows.set(flow.id, flow);
  }

  get(flowId: string): TScriptedFlow | undefined {
    return this.flows.get(flowId);
  }

  start(flow: TScriptedFlow, event: TStartedEvent): TStepResult {
    const session: TIvrSession = {
      flowId: flow.id,
      flowVersion: '1',
      callId: event.callId,
      status: 'running',
      nodeId: 'start',
      language: 'en',
      variables: { ...(event.variables ?? {}), caller: event.caller },
      steps: 0,
      seq: 0,
      waiting: null,
      local: {},
    };
    return this.run(flow, session, event);
  }

  step(flow: TScriptedFlow, session: TIvrSession, event: TIvrEvent): TStepResult {
    return this.run(flow, { ...session, steps: session.steps + 1 }, event);
  }

  private run(flow: TScriptedFlow, session: TIvrSession, event: TIvrEvent): TStepResult {
    const seen = this.seen.get(session.callId) ?? [];
    seen.push(describe(event));
    this.seen.set(session.callId, seen);
    const next = { ...session, variables: { ...session.variables } };
    const commands = flow.react(event, {
      vars: next.variables,
      id: (prefix) => {
        next.seq += 1;
        return `${prefix}${next.seq}`;
      },
    });
    if (event.type === 'hangup' || commands.some((c) => c.type === 'hangup' || c.type === 'transfer')) next.status = 'ended';
    else if (commands.some((c) => c.type === 'enqueue')) next.status = 'queued';
    return { session: next, commands };
  }
}

function describe(event: TIvrEvent): string {
  switch (event.type) {
    case 'digits':
      return `digits ${event.digits} ${event.reason}`;
    case 'lookup.result':
      return `lookup.result ${event.ok ? 'ok' : 'error'}`;
    case 'media.finished':
      return `media.finished ${event.reason}`;
    default:
      return event.type;
  }
}

export const say = (mediaId: string, text: string): TIvrCommand => ({
  type: 'play',
  mediaId,
  prompt: { language: 'en', text },
  interruptible: false,
});
