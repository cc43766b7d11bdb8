import type { TAgentDesk, TAgentView, TConnectedCallView, TOfferView, TQueueStatsView } from './acd.schemas.js';
import { expectedWaitSec, type HandlingTimes } from './handling-times.js';
import type { LiveCalls, TLiveConnection, TLiveOffer } from './live.js';
import { personalSkill, type TAgentStatus } from './model.js';
import type { DailyQueueStats } from './queue-stats.js';
import type { AcdRouter } from './router.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function agentView(agent: TAgentStatus, live: LiveCalls, present: boolean): TAgentView {
  return {
    userId: agent.userId,
    username: agent.username,
    displayName: agent.displayName,
    // the personal skill routes; it is not something a supervisor assigns or needs to read
    skills: agent.skills.filter((skill) => skill !== personalSkill(agent.username)),
    state: agent.state,
    reason: agent.reason,
    since: iso(agent.since),
    callId: live.callOf(agent.userId, agent.entryId),
    queue: live.queueOf(agent.userId, agent.entryId),
    present,
  };
}

export function offerView(offer: TLiveOffer, queueName: string): TOfferView {
  return {
    callId: offer.call.callId,
    agentLegId: offer.agentLegId,
    kind: offer.call.kind,
    callbackId: offer.call.callbackId,
    caller: offer.call.caller,
    householdId: offer.householdId,
    queue: offer.call.queue,
    queueName,
    waitingSince: iso(offer.call.waitingSince),
    ringDeadline: iso(offer.deadline),
  };
}

export function connectionView(connection: TLiveConnection): TConnectedCallView {
  return {
    callId: connection.callerLegId,
    agentLegId: connection.agentLegId,
    kind: connection.kind,
    caller: connection.caller,
    householdId: connection.householdId,
    queue: connection.queue,
    connectedAt: connection.connectedAt === null ? null : iso(connection.connectedAt),
    held: connection.held,
    muted: connection.muted,
  };
}

export function deskView(
  agent: TAgentStatus,
  live: LiveCalls,
  context: { router: AcdRouter; wrapUpSec: number; dispositionRequired: boolean; present: boolean },
): TAgentDesk {
  const offer = live.offerOf(agent.userId);
  const connection = live.connections.get(agent.userId);
  const wrapUp = live.wrapUps.get(agent.userId);
  return {
    agent: agentView(agent, live, context.present),
    offer: offer ? offerView(offer, context.router.queue(offer.call.queue)?.name ?? offer.call.queue) : null,
    call: connection ? connectionView(connection) : null,
    wrapUp:
      wrapUp && agent.state === 'wrap_up'
        ? {
            callId: wrapUp.callId,
            since: iso(wrapUp.since),
            deadline: iso(wrapUp.since + context.wrapUpSec * 1000),
            dispositionRequired: context.dispositionRequired,
          }
        : null,
  };
}

/** the wait a caller joining the queue at `position` is told */
export function queueExpectedWait(router: AcdRouter, handling: HandlingTimes, queue: string, position: number): number {
  const staffing = router.staffing(queue);
  return expectedWaitSec(position, { ready: staffing.ready, busy: staffing.reserved + staffing.onCall + staffing.wrapUp }, handling.averageSec(queue));
}

export function queueStatsViews(router: AcdRouter, stats: DailyQueueStats, handling: HandlingTimes, now: number): TQueueStatsView[] {
  return router.queueList().map((queue) => {
    const day = stats.view(queue.code, now);
    const oldest = router.oldestWaitingSince(queue.code);
    const waiting = router.waitingCount(queue.code);
    return {
      code: queue.code,
      name: queue.name,
      priority: queue.priority,
      waiting,
      oldestWaitingSince: oldest === null ? null : iso(oldest),
      answeredToday: day.answered,
      abandonedToday: day.abandoned,
      serviceLevelSec: queue.serviceLevelSec,
      serviceLevelPct: day.serviceLevelPct,
      expectedWaitSec: queueExpectedWait(router, handling, queue.code, waiting + 1),
      agents: router.staffing(queue.code),
    };
  });
}
