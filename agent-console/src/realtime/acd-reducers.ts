import type {
  TAgentDesk,
  TAgentView,
  TBoard,
  TBoardUpdate,
  TCallEnded,
  TCallHeld,
  TConnectedCall,
  TOffer,
  TOfferEnded,
} from '../api/acd.schemas.js';

/**
 * How the console keeps an agent's desk and a supervisor's board from what the server sends:
 * snapshots (on every connection, and an action's answer) and the pushes between them. Pure,
 * so the ordering rules are tested without a browser.
 */

export type TDeskEvent =
  /** the whole desk: a snapshot, or the answer to one of the agent's actions */
  | { type: 'desk'; desk: TAgentDesk }
  | { type: 'state'; agent: TAgentView }
  | { type: 'offer'; offer: TOffer }
  | { type: 'offer-ended'; ended: TOfferEnded }
  | { type: 'call-connected'; call: TConnectedCall }
  | { type: 'call-held'; held: TCallHeld }
  | { type: 'call-ended'; ended: TCallEnded };

const time = (iso: string) => Date.parse(iso);

/**
 * A whole desk replaces what is known unless it is older: an HTTP answer can arrive after the
 * socket already told of a later state. The agent's `since` orders them. The household the
 * server found for the call arrives a moment after the offer, so a snapshot taken in between
 * does not take it away again.
 */
function replaceDesk(current: TAgentDesk | null, next: TAgentDesk): TAgentDesk {
  if (!current) return next;
  if (time(next.agent.since) < time(current.agent.since)) return current;
  const sameOffer = next.offer && current.offer?.agentLegId === next.offer.agentLegId ? current.offer : null;
  const sameCall = next.call && current.call?.agentLegId === next.call.agentLegId ? current.call : null;
  return {
    ...next,
    offer: next.offer ? { ...next.offer, householdId: next.offer.householdId ?? sameOffer?.householdId ?? null } : null,
    call: next.call ? { ...next.call, householdId: next.call.householdId ?? sameCall?.householdId ?? null } : null,
  };
}

export function reduceDesk(desk: TAgentDesk | null, event: TDeskEvent): TAgentDesk | null {
  if (event.type === 'desk') return replaceDesk(desk, event.desk);
  if (event.type === 'state') {
    const { agent } = event;
    if (!desk) return { agent, offer: null, call: null, wrapUp: null };
    if (time(agent.since) < time(desk.agent.since)) return desk;
    // what belongs to one state goes with it: no offer left ringing once the agent is on a call
    return {
      agent,
      offer: agent.state === 'reserved' ? desk.offer : null,
      call: agent.state === 'on_call' ? desk.call : null,
      wrapUp: agent.state === 'wrap_up' ? desk.wrapUp : null,
    };
  }
  // the rest refine a desk; before the first snapshot there is nothing to refine
  if (!desk) return desk;
  switch (event.type) {
    case 'offer':
      return { ...desk, offer: event.offer };
    case 'offer-ended':
      return desk.offer?.agentLegId === event.ended.agentLegId ? { ...desk, offer: null } : desk;
    case 'call-connected':
      return { ...desk, offer: desk.offer?.agentLegId === event.call.agentLegId ? null : desk.offer, call: event.call };
    case 'call-held':
      return desk.call && desk.call.callId === event.held.callId ? { ...desk, call: { ...desk.call, held: event.held.held } } : desk;
    case 'call-ended':
      return desk.call?.agentLegId === event.ended.agentLegId ? { ...desk, call: null } : desk;
  }
}

/** The desk lacks something only a snapshot can tell (the wrap-up's deadline, after the caller hung up). */
export function deskNeedsSnapshot(desk: TAgentDesk | null): boolean {
  return desk?.agent.state === 'wrap_up' && desk.wrapUp === null;
}

function mergeAgents(current: readonly TAgentView[], changed: readonly TAgentView[]): TAgentView[] {
  const byId = new Map(current.map((a) => [a.userId, a]));
  for (const agent of changed) byId.set(agent.userId, agent);
  return [...byId.values()];
}

/**
 * The supervisors' board: a snapshot replaces it, a push replaces the queues and the agents it
 * names. Something older than what is shown (a snapshot answered while a push was on its way)
 * only adds agents the board did not have.
 */
export function reduceBoard(board: TBoard | null, update: TBoard | TBoardUpdate): TBoard {
  const full = !('full' in update) || update.full;
  if (!board) return { at: update.at, queues: update.queues, agents: [...update.agents] };
  if (time(update.at) < time(board.at)) {
    const known = new Set(board.agents.map((a) => a.userId));
    const missing = update.agents.filter((a) => !known.has(a.userId));
    return missing.length > 0 ? { ...board, agents: [...board.agents, ...missing] } : board;
  }
  return { at: update.at, queues: update.queues, agents: full ? [...update.agents] : mergeAgents(board.agents, update.agents) };
}
