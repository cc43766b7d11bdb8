import type { TCallInfo, THangupCause, TProviderName, TTelephonyEvent } from './port.js';

/** One leg as Samvad knows it while it lives. */
export interface TLiveCall extends TCallInfo {
  provider: TProviderName;
  state: 'offered' | 'ringing' | 'answered' | 'bridged' | 'ended';
  offeredAt: string;
  answeredAt: string | null;
  bridgedAt: string | null;
  endedAt: string | null;
  bridgeId: string | null;
  cause: THangupCause | null;
  q850: number | null;
}

export type TCallChange =
  | { kind: 'created'; call: TLiveCall }
  | { kind: 'updated'; call: TLiveCall }
  | { kind: 'ended'; call: TLiveCall }
  | { kind: 'ignored'; reason: string };

/**
 * The live calls and their legs, updated from provider events. Pure bookkeeping: no I/O, so
 * every transition is unit-tested; ended calls leave the registry (they live on in the database).
 */
export class CallRegistry {
  private readonly calls = new Map<string, TLiveCall>();

  constructor(private readonly provider: TProviderName) {}

  get(callId: string): TLiveCall | undefined {
    return this.calls.get(callId);
  }

  list(): TLiveCall[] {
    return [...this.calls.values()];
  }

  /** An outbound leg is known before the provider says anything about it. */
  originating(info: TCallInfo, at: string): TCallChange {
    if (this.calls.has(info.callId)) return { kind: 'ignored', reason: 'call already known' };
    const call = this.newCall(info, at);
    this.calls.set(call.callId, call);
    return { kind: 'created', call };
  }

  apply(event: TTelephonyEvent): TCallChange {
    if (event.type === 'call.incoming') {
      if (this.calls.has(event.callId)) return { kind: 'ignored', reason: 'duplicate call.incoming' };
      const call = this.newCall(event.call, event.at);
      this.calls.set(call.callId, call);
      return { kind: 'created', call };
    }
    const call = this.calls.get(event.callId);
    if (!call) return { kind: 'ignored', reason: `unknown call for ${event.type}` };
    switch (event.type) {
      case 'call.ringing':
        if (call.state === 'offered') call.state = 'ringing';
        return { kind: 'updated', call };
      case 'call.answered':
        call.answeredAt ??= event.at;
        if (call.state === 'offered' || call.state === 'ringing') call.state = 'answered';
        return { kind: 'updated', call };
      case 'call.bridged':
        call.bridgedAt ??= event.at;
        call.bridgeId = event.bridgeId;
        call.state = 'bridged';
        return { kind: 'updated', call };
      case 'call.unbridged':
        call.bridgeId = null;
        if (call.state === 'bridged') call.state = 'answered';
        return { kind: 'updated', call };
      case 'call.failed':
        return this.end(call, event.at, event.reason, event.q850);
      case 'call.hangup':
        return this.end(call, event.at, event.cause, event.q850);
      default:
        return { kind: 'updated', call };
    }
  }

  private end(call: TLiveCall, at: string, cause: THangupCause, q850: number | null): TCallChange {
    call.state = 'ended';
    call.endedAt = at;
    call.cause = cause;
    call.q850 = q850;
    this.calls.delete(call.callId);
    return { kind: 'ended', call };
  }

  private newCall(info: TCallInfo, at: string): TLiveCall {
    return {
      ...info,
      provider: this.provider,
      state: 'offered',
      offeredAt: at,
      answeredAt: null,
      bridgedAt: null,
      endedAt: null,
      bridgeId: null,
      cause: null,
      q850: null,
    };
  }
}
