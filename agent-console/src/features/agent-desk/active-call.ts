import type { TAgentDesk } from '../../api/acd.schemas.js';

/** The call the desk is about, whatever its stage: ringing, on the line, or being wrapped up. */
export interface TActiveCall {
  stage: 'ringing' | 'connected' | 'wrap_up';
  /** the caller's leg; null while a call-back rings the agent (the citizen is not dialled yet) */
  callId: string | null;
  /** keeps the screen-pop in place from the offer to the end of wrap-up */
  key: string;
  kind: 'call' | 'callback';
  caller: string | null;
  householdId: number | null;
  queue: string | null;
  queueName: string | null;
}

export function activeCallOf(desk: TAgentDesk): TActiveCall | null {
  const { offer, call, agent, wrapUp } = desk;
  if (offer) {
    return {
      stage: 'ringing',
      callId: offer.callId,
      key: offer.callId ?? offer.agentLegId,
      kind: offer.kind,
      caller: offer.caller,
      householdId: offer.householdId,
      queue: offer.queue,
      queueName: offer.queueName,
    };
  }
  if (call) {
    return {
      stage: 'connected',
      callId: call.callId,
      key: call.callId ?? call.agentLegId,
      kind: call.kind,
      caller: call.caller,
      householdId: call.householdId,
      queue: call.queue,
      queueName: null,
    };
  }
  const wrapUpCall = wrapUp?.callId ?? (agent.state === 'wrap_up' ? agent.callId : null);
  if (agent.state === 'wrap_up' && wrapUpCall) {
    return { stage: 'wrap_up', callId: wrapUpCall, key: wrapUpCall, kind: 'call', caller: null, householdId: null, queue: agent.queue, queueName: null };
  }
  return null;
}
