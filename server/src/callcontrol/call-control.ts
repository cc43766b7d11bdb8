import { randomUUID } from 'node:crypto';
import { NotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TTelephonyEvent } from '../telephony/port.js';
import type { TelephonyService } from '../telephony/telephony.service.js';
import { carryOut, type TCommandContext } from './commands.js';
import type { TIvrEvent, TStepResult, TVarValue } from './engine-contract.js';
import type { TFlowSource, TIvrEngine, TStartedEvent } from './engine.js';
import { toIvrEvent, type TIvrCall } from './ivr-call.js';
import type { IvrPathWriter } from './ivr-path.js';
import type { TIvrLookups } from './ivr-lookups.js';
import type { TQueueHandoff } from './queue-handoff.js';

/** a caller's number as the flows may use it; anything else ('anonymous', '') is a withheld number */
const E164 = /^\+[1-9]\d{6,14}$/;

export interface TCallControlDeps<F> {
  telephony: Pick<TelephonyService, 'provider' | 'originate' | 'registry' | 'onEvent'>;
  engine: TIvrEngine<F>;
  flows: TFlowSource<F>;
  lookups: TIvrLookups;
  queues: TQueueHandoff;
  path: IvrPathWriter;
  logger: Logger;
  /** calls to this number get the helpline flow */
  helplineNumber: string;
  /** caller ID on the leg a transfer dials */
  transferCallerId: string;
  /** the flow inbound helpline calls run */
  helplineFlowId?: string;
  now?: () => Date;
  newId?: () => string;
}

/**
 * Binds telephony to the IVR. Every event of a call, and every command the interpreter returns
 * for it, runs on that call's own promise chain, so two events of one call never interleave
 * while different calls proceed in parallel. A lookup that fails becomes an error the flow
 * hears; a command that fails because the caller has gone is expected and quiet.
 */
export class CallControl<F> {
  private readonly calls = new Map<string, TIvrCall<F>>();
  /** transfer legs → the IVR call they were dialled for */
  private readonly transfers = new Map<string, string>();
  private readonly finished = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  private readonly ctx: TCommandContext;
  private readonly now: () => Date;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: TCallControlDeps<F>) {
    this.now = deps.now ?? (() => new Date());
    this.ctx = {
      telephony: deps.telephony,
      lookups: deps.lookups,
      queues: deps.queues,
      path: deps.path,
      now: this.now,
      newId: deps.newId ?? randomUUID,
      transferCallerId: deps.transferCallerId,
      transferring: (legId, callId) => this.transfers.set(legId, callId),
    };
  }

  start(): void {
    this.unsubscribe ??= this.deps.telephony.onEvent((event) => this.onEvent(event));
  }

  /** stops listening and writes every call's IVR path */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.allSettled([...this.calls.values()].map((call) => call.lane));
    await this.deps.path.finishAll();
  }

  /**
   * Runs a flow on an answered call that is not in one (an agentless survey call the dialer
   * placed). Resolves once the flow's first commands are under way.
   */
  async runFlow(callId: string, flowId: string, variables: Record<string, TVarValue> = {}): Promise<void> {
    const live = this.deps.telephony.registry.get(callId);
    if (!live || live.state === 'ended') throw NotFound('Call');
    if (this.calls.has(callId)) throw new Error(`call ${callId} is already in a flow`);
    if (!this.deps.flows.get(flowId)) throw NotFound(`Flow ${flowId}`);
    const citizen = live.direction === 'outbound' ? live.to : live.from;
    const called = live.direction === 'outbound' ? live.from : live.to;
    const call = this.track(callId, citizen, called, live.answeredAt ?? live.offeredAt, flowId, variables);
    await this.enqueue(call, () => this.startFlow(call));
  }

  /** the queues took the call (the waiting room's hand-off): the flow stops driving it */
  handedOff(callId: string): void {
    const call = this.calls.get(callId);
    if (call) call.handedOff = true;
  }

  /** resolves when call control is done with the call: flow over, IVR path written */
  whenFinished(callId: string): Promise<void> {
    return this.finishedOf(callId).promise;
  }

  /** calls in the IVR now */
  active(): string[] {
    return [...this.calls.keys()];
  }

  private onEvent(event: TTelephonyEvent): void {
    if (event.type === 'call.incoming') {
      if (event.call.direction === 'inbound' && event.call.to === this.deps.helplineNumber) this.incoming(event);
      return;
    }
    const transferOf = this.transfers.get(event.callId);
    if (transferOf !== undefined) {
      this.onTransferLeg(transferOf, event);
      return;
    }
    const call = this.calls.get(event.callId);
    if (!call) return;
    // known at once, so commands already running for this call stop talking to the provider
    if (event.type === 'call.hangup' || event.type === 'call.failed') call.gone = true;
    void this.enqueue(call, () => this.onCallEvent(call, event));
  }

  private incoming(event: Extract<TTelephonyEvent, { type: 'call.incoming' }>): void {
    const flowId = this.deps.helplineFlowId ?? 'helpline';
    const call = this.track(event.callId, E164.test(event.call.from) ? event.call.from : null, event.call.to, event.at, flowId, {});
    void this.enqueue(call, async () => {
      if (!this.deps.flows.get(flowId)) {
        call.log.error({ flowId }, 'no helpline flow is loaded; the call is refused');
        await this.quietly(call, () => this.deps.telephony.provider.hangup(call.callId, 'congestion'));
        return;
      }
      await this.quietly(call, () => this.deps.telephony.provider.answer(call.callId));
      if (!call.gone) await this.startFlow(call);
    });
  }

  private async onCallEvent(call: TIvrCall<F>, event: TTelephonyEvent): Promise<void> {
    const ivrEvent = toIvrEvent(call, event);
    if (ivrEvent?.type === 'hangup') {
      if (call.session && call.session.status !== 'ended' && !call.handedOff) await this.step(call, ivrEvent);
      await this.finish(call);
      return;
    }
    if (ivrEvent && !call.handedOff) await this.step(call, ivrEvent);
  }

  private async startFlow(call: TIvrCall<F>): Promise<void> {
    const flow = this.deps.flows.get(call.flowId);
    if (!flow) throw new Error(`no flow ${call.flowId} is loaded`);
    call.flow = flow;
    const started: TStartedEvent = {
      type: 'started',
      at: call.startedAt,
      callId: call.callId,
      caller: call.caller,
      called: call.called,
      variables: call.variables,
    };
    await this.advance(call, () => this.deps.engine.start(flow, started));
  }

  private async step(call: TIvrCall<F>, event: TIvrEvent): Promise<void> {
    const { flow, session } = call;
    if (flow === null || session === null || session.status === 'ended') return;
    await this.advance(call, () => this.deps.engine.step(flow, session, event));
  }

  /** one interpreter step and its commands, then the steps their immediate answers cause */
  private async advance(call: TIvrCall<F>, first: () => TStepResult): Promise<void> {
    let next: (() => TStepResult) | null = first;
    while (next) {
      let result: TStepResult;
      try {
        result = next();
      } catch (error) {
        call.log.error({ err: error, flowId: call.flowId, nodeId: call.session?.nodeId }, 'the flow failed; the call is ended');
        await this.quietly(call, () => this.deps.telephony.provider.hangup(call.callId, 'failed'));
        return;
      }
      next = null;
      call.session = result.session;
      const answers: TIvrEvent[] = [];
      for (const command of result.commands) {
        const answer = await this.quietly(call, () => carryOut(this.ctx, call, command));
        if (answer) answers.push(answer);
      }
      // a step waits for one thing at a time, so at most one immediate answer is expected
      const [answer] = answers;
      const { flow, session } = call;
      if (answer && flow !== null && session !== null && session.status !== 'ended') next = () => this.deps.engine.step(flow, session, answer);
    }
  }

  /** runs a provider command; failures on a call that has ended are expected and stay quiet */
  private async quietly<T>(call: TIvrCall<F>, command: () => Promise<T>): Promise<T | null> {
    try {
      return await command();
    } catch (error) {
      // the provider may refuse a command a moment before its hang-up event reaches us
      await new Promise((resolve) => setImmediate(resolve));
      const live = this.deps.telephony.registry.get(call.callId);
      if (call.gone || !live || live.state === 'ended') {
        call.log.debug({ err: error }, 'command on a call that has ended');
        return null;
      }
      call.log.warn({ err: error }, 'telephony command failed; the call is ended');
      call.gone = true;
      await this.deps.telephony.provider.hangup(call.callId, 'failed').catch(() => undefined);
      return null;
    }
  }

  private onTransferLeg(callId: string, event: TTelephonyEvent): void {
    const call = this.calls.get(callId);
    const provider = this.deps.telephony.provider;
    const legId = event.callId;
    if (event.type === 'call.hangup' || event.type === 'call.failed') this.transfers.delete(legId);
    if (!call) {
      if (event.type === 'call.answered') void provider.hangup(legId, 'normal').catch(() => undefined);
      return;
    }
    void this.enqueue(call, async () => {
      if (event.type === 'call.answered') {
        if (call.gone) await this.quietly(call, () => provider.hangup(legId, 'normal'));
        else await this.quietly(call, () => provider.bridge(call.callId, legId));
      } else if (event.type === 'call.hangup' || event.type === 'call.failed') {
        call.transferLeg = null;
        // nobody to talk to: the caller is not left in silence
        call.log.info({ legId, type: event.type }, 'transfer leg ended; ending the call');
        await this.quietly(call, () => provider.hangup(call.callId, 'normal'));
      }
    });
  }

  private async finish(call: TIvrCall<F>): Promise<void> {
    this.deps.queues.leave(call.callId);
    if (call.transferLeg) {
      const leg = call.transferLeg;
      call.transferLeg = null;
      await this.deps.telephony.provider.hangup(leg, 'normal').catch(() => undefined);
    }
    this.calls.delete(call.callId);
    await this.deps.path.finish(call.callId);
    this.finishedOf(call.callId).resolve();
    this.finished.delete(call.callId);
  }

  private track(callId: string, caller: string | null, called: string, startedAt: string, flowId: string, variables: Record<string, TVarValue>): TIvrCall<F> {
    const call: TIvrCall<F> = {
      callId,
      caller,
      called,
      startedAt,
      flowId,
      flow: null,
      session: null,
      variables,
      lane: Promise.resolve(),
      gone: false,
      handedOff: false,
      media: new Map(),
      requests: new Map(),
      transferLeg: null,
      log: this.deps.logger.child({ callId, flowId }),
    };
    this.calls.set(callId, call);
    return call;
  }

  private enqueue(call: TIvrCall<F>, task: () => Promise<void>): Promise<void> {
    call.lane = call.lane.then(task).catch((error: unknown) => call.log.error({ err: error }, 'call control failed on this call'));
    return call.lane;
  }

  private finishedOf(callId: string): { promise: Promise<void>; resolve: () => void } {
    let entry = this.finished.get(callId);
    if (!entry) {
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      entry = { promise, resolve };
      this.finished.set(callId, entry);
    }
    return entry;
  }
}
