import { randomUUID } from 'node:crypto';
import type { TQueuedCall, TQueueHandoff, TQueuePlace, TQueueRequest } from '../callcontrol/queue-handoff.js';
import { Conflict, Invalid, NotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { DTMF_DIGITS, type TTelephonyEvent } from '../telephony/port.js';
import type { TelephonyService } from '../telephony/telephony.service.js';
import type { TAgentPhone } from './agent-phone.js';
import { CALLBACK_MAX_DAYS, type TAcdSnapshotReply, type TAgentDesk, type TBoard, type TBoardUpdate, type TChooseState, type TFinishWrapUp } from './acd.schemas.js';
import { silentOutbox, BoardPublisher, type TAcdOutbox } from './acd.outbox.js';
import { DEFAULT_ACD_SETTINGS, type TAcdSettings } from './acd.settings.js';
import type { TAcdStore, TAgentRow, TQueueEventType, TQueueRow } from './acd.store.js';
import { systemClock, type TAcdClock } from './clock.js';
import { HandlingTimes } from './handling-times.js';
import { LiveCalls, type TLiveConnection, type TLiveOffer } from './live.js';
import { agentEndpoint, callbackEntryId, personalSkill, type TAgentProfile, type TAgentStatus, type TPlacedCall, type TQueueDef, type TWaitingCall } from './model.js';
import { AgentPresence } from './presence.js';
import { DailyQueueStats, startOfDayInIndia } from './queue-stats.js';
import { planRebuild } from './rebuild.js';
import { AcdRouter, type TAgentChange, type TOffer } from './router.js';
import { agentView, connectionView, deskView, offerView, queueExpectedWait, queueStatsViews } from './views.js';

export interface TAcdDeps {
  telephony: Pick<TelephonyService, 'provider' | 'originate' | 'registry' | 'onEvent'>;
  store: TAcdStore;
  phone: TAgentPhone;
  logger: Logger;
  settings?: Partial<TAcdSettings>;
  clock?: TAcdClock;
  newId?: () => string;
}

/** another module's say on the end of a wrap-up: throws to keep the agent in wrap-up */
export type TWrapUpHook = (wrap: { userId: number; callId: string; body: TFinishWrapUp }) => Promise<void>;

const DAY_MS = 86_400_000;
/** the longest single timer for a booked call-back */
const BOOKED_STEP_MS = 6 * 3_600_000;

/** profile of a `users` row: languages and extra skills are both routing skills */
function profileOf(row: TAgentRow): TAgentProfile {
  return { userId: row.userId, username: row.username, displayName: row.displayName, skills: [...row.languages, ...row.skills, personalSkill(row.username)] };
}

function queueDefOf(row: TQueueRow): TQueueDef {
  const skills = [row.language, row.departmentCode].filter((s): s is string => s !== null);
  return { code: row.code, id: row.id, name: row.name, priority: row.priority, skills, serviceLevelSec: row.serviceLevelSec };
}

/**
 * The ACD at run time: callers wait here (music on hold) after the IVR hands them over; agents
 * are offered calls by ringing their endpoint, are bridged to the caller when they answer, wrap
 * up when the call ends. Every decision is the router's, in memory; this class carries it out
 * on telephony, writes what happened (agent state events, queue events, the call row) in the
 * background, and tells the console. `start()` rebuilds everything from the database and the
 * provider's live calls, so a restart loses neither waiting callers nor calls in progress.
 */
export class AcdService implements TQueueHandoff {
  readonly settings: TAcdSettings;
  readonly presence: AgentPresence;
  private router: AcdRouter;
  private readonly live = new LiveCalls();
  private readonly stats = new DailyQueueStats();
  private readonly handling: HandlingTimes;
  private readonly board: BoardPublisher;
  private readonly clock: TAcdClock;
  private readonly newId: () => string;
  private readonly log: Logger;
  private outbox: TAcdOutbox = silentOutbox;
  private wrapUpHook: TWrapUpHook | null = null;
  private readonly takenListeners = new Set<(callId: string) => void>();
  private readonly callbackRetries = new Map<number, { cancel(): void }>();
  /** calls agents dialled themselves, still ringing: call → agent, and each agent's expiry timer */
  private readonly ownCalls = new Map<string, number>();
  private readonly ownCallTimers = new Map<number, { cancel(): void }>();
  private readonly callbackAttempts = new Map<number, number>();
  /** events that arrive while the state is being rebuilt, replayed after */
  private buffered: TTelephonyEvent[] | null = [];
  private started: Promise<void> | null = null;
  /** resolves once `start()` has rebuilt the state: work that arrives earlier waits for it */
  private readonly whenStarted: Promise<void>;
  private markStarted: () => void = () => undefined;
  private unsubscribe: (() => void) | null = null;
  private routingSoon = false;
  private stopped = false;

  constructor(private readonly deps: TAcdDeps) {
    this.settings = { ...DEFAULT_ACD_SETTINGS, ...deps.settings };
    this.clock = deps.clock ?? systemClock;
    this.newId = deps.newId ?? randomUUID;
    this.log = deps.logger.child({ module: 'acd' });
    this.handling = new HandlingTimes(this.settings.defaultHandlingSec);
    this.whenStarted = new Promise((resolve) => {
      this.markStarted = resolve;
    });
    this.router = new AcdRouter((change) => this.agentChanged(change));
    this.presence = new AgentPresence({
      timeoutMs: this.settings.presenceTimeoutSec * 1000,
      clock: this.clock,
      onAbsent: (userId) => this.absent(userId),
    });
    this.board = new BoardPublisher({
      intervalMs: this.settings.boardIntervalMs,
      clock: this.clock,
      build: (changed) => this.boardUpdate(changed),
      send: (update) => this.outbox.toSupervisors(update),
    });
  }

  /** where events for consoles go (Socket.IO, once it exists) */
  setOutbox(outbox: TAcdOutbox): void {
    this.outbox = outbox;
  }

  /** asked before an agent leaves wrap-up; it may refuse (a campaign call without its outcome) */
  setWrapUpHook(hook: TWrapUpHook): void {
    this.wrapUpHook = hook;
  }

  /** call control hears here when a caller is connected to an agent and the IVR must let go */
  onTaken(listener: (callId: string) => void): () => void {
    this.takenListeners.add(listener);
    return () => this.takenListeners.delete(listener);
  }

  /**
   * Rebuilds from the database and the provider's live calls, then starts routing. Until then
   * hand-overs and agents' actions wait. Rejects when the database cannot be read; call it again.
   */
  start(): Promise<void> {
    this.started ??= this.rebuild().then(
      () => this.markStarted(),
      (error: unknown) => {
        this.started = null;
        throw error;
      },
    );
    return this.started;
  }

  /** stops routing and timers; calls stay as they are, for the next start to pick up */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.live.cancelTimers();
    for (const retry of this.callbackRetries.values()) retry.cancel();
    for (const timer of this.ownCallTimers.values()) timer.cancel();
    this.presence.stop();
    this.board.stop();
    await this.deps.store.flush();
  }

  /** reads the queues again (an administrator added or changed one) */
  async reloadQueues(): Promise<void> {
    await this.ready();
    for (const row of await this.deps.store.loadQueues()) if (row.active) this.router.defineQueue(queueDefOf(row));
    this.board.touch();
    this.routeSoon();
  }

  // ───────────── the hand-off from call control ─────────────

  async enqueue(call: TQueuedCall, request: TQueueRequest): Promise<TQueuePlace> {
    await this.ready();
    const queue = this.queueFor(request.queue);
    // the flow may hand a caller over again (after a menu): one ringing an agent stays so, one
    // already waiting in this queue keeps their place, one moved to another queue keeps their wait
    if (this.live.offers.has(call.callId)) return { position: 1, expectedWaitSec: 0 };
    const previous = this.router.waitingCall(call.callId);
    const place = previous?.queue === queue.code ? this.placeOf(call.callId) : null;
    if (place) return place;
    // music while waiting; refused when the caller has already gone
    await this.deps.telephony.provider.hold(call.callId);
    const live = this.deps.telephony.registry.get(call.callId);
    if (!live || live.state === 'ended') throw Conflict('The caller has hung up');
    const now = this.clock.now();
    const entry: TWaitingCall = {
      id: call.callId,
      kind: 'call',
      callId: call.callId,
      callbackId: null,
      queue: queue.code,
      skills: request.skills,
      priority: request.priority,
      caller: call.caller,
      waitingSince: previous?.waitingSince ?? now,
    };
    // the caller's earlier place (another queue), or one another hand-over took while this one held
    this.router.remove(call.callId);
    const position = this.router.enqueue(entry);
    this.deps.store.callQueue(call.callId, queue.id);
    this.callEvent(call.callId, 'queue.joined', {
      queue: queue.code,
      skills: [...request.skills],
      priority: request.priority,
      caller: call.caller,
      waitingSince: entry.waitingSince,
    });
    this.board.touch();
    this.routeSoon();
    return { position, expectedWaitSec: queueExpectedWait(this.router, this.handling, queue.code, position) };
  }

  leave(callId: string): void {
    if (this.buffered) return;
    const offer = this.live.offers.get(callId);
    if (offer) this.offerLeft(offer);
    else this.callerLeft(callId);
  }

  waitingSince(callId: string): string | null {
    const waiting = this.router.waitingCall(callId) ?? this.live.offers.get(callId)?.call ?? null;
    return waiting ? new Date(waiting.waitingSince).toISOString() : null;
  }

  /** a caller's place in their queue now, for the IVR's periodic announcement */
  placeOf(callId: string): TQueuePlace | null {
    const waiting = this.router.waitingCall(callId);
    const position = this.router.position(callId);
    if (!waiting || position === null) return null;
    return { position, expectedWaitSec: queueExpectedWait(this.router, this.handling, waiting.queue, position) };
  }

  /** a call-back was requested outside a waiting call (or after it left): it joins its queue */
  async callbackRequested(callbackId: number): Promise<void> {
    await this.ready();
    const entryId = callbackEntryId(callbackId);
    if (this.router.waitingCall(entryId) || this.live.offers.has(entryId)) return;
    const callback = (await this.deps.store.openCallbacks()).find((c) => c.id === callbackId && c.status === 'pending');
    if (!callback) return;
    this.queueCallback({ id: callback.id, phone: callback.phone, queue: callback.queueCode, waitingSince: callback.waitingSince, attempts: callback.attempts });
  }

  // ───────────── agents ─────────────

  /**
   * An agent dials a contact themselves (preview mode): nothing else is offered to them while
   * the call rings, so an inbound caller cannot take the agent the answer is meant for. The hold
   * ends when the call is put through to them, when it ends unanswered (`placed` names it), when
   * `cancel` is called (it was never placed), or after `seconds`.
   */
  awaitOwnCall(userId: number, seconds: number): { placed(callId: string): void; cancel(): void } {
    this.releaseOwn(userId);
    this.router.awaitOwnCall(userId, this.clock.now() + seconds * 1000);
    // when the hold lapses, anything waiting may be offered to the agent at once
    this.ownCallTimers.set(userId, this.clock.setTimeout(() => this.releaseOwn(userId), seconds * 1000));
    return {
      placed: (callId) => this.ownCalls.set(callId, userId),
      cancel: () => this.releaseOwn(userId),
    };
  }

  private releaseOwn(userId: number): void {
    this.ownCallTimers.get(userId)?.cancel();
    this.ownCallTimers.delete(userId);
    for (const [callId, owner] of this.ownCalls) if (owner === userId) this.ownCalls.delete(callId);
    if (this.router.releaseOwnCall(userId)) this.routeSoon();
  }

  /** an agent (or a supervisor for them) chooses ready, not ready with a reason, or offline */
  async setState(userId: number, choice: TChooseState): Promise<TAgentDesk> {
    await this.ready();
    const agent = await this.agentOf(userId);
    const now = this.clock.now();
    const reason = choice.state === 'not_ready' ? choice.reason : null;
    switch (agent.state) {
      case 'on_call':
        throw Conflict('The agent is on a call: hang up first');
      case 'reserved': {
        if (choice.state === 'ready') throw Conflict('A call is ringing for the agent: accept it, or become not ready');
        const offer = this.live.offerOf(userId);
        if (offer && this.live.dropOffer(offer)) this.offerEnded(offer, 'withdrawn', choice.state === 'offline' ? 'missed' : (reason ?? 'missed'), now);
        if (choice.state === 'offline') this.router.choose(userId, 'offline', null, now);
        break;
      }
      case 'wrap_up':
        if (this.settings.dispositionRequired) throw Conflict('A disposition is required before leaving wrap-up');
        this.leaveWrapUp(userId, choice.state, reason, now);
        break;
      default:
        this.router.choose(userId, choice.state, reason, now);
    }
    return this.deskOf(userId);
  }

  /** the agent accepts the call ringing for them */
  async accept(userId: number): Promise<TAgentDesk> {
    await this.ready();
    const offer = this.live.offerOf(userId);
    if (!offer) throw Conflict('No call is ringing for you');
    await this.deps.phone.answer(offer.agentLegId);
    return this.deskOf(userId);
  }

  async hangup(userId: number): Promise<TAgentDesk> {
    await this.ready();
    const connection = this.live.connections.get(userId);
    if (!connection) throw Conflict('You are not on a call');
    this.endConnection(connection, 'agent');
    return this.deskOf(userId);
  }

  /** the caller hears music on hold; the agent's leg stays up */
  async hold(userId: number): Promise<TAgentDesk> {
    await this.ready();
    const connection = this.connected(userId);
    if (!connection.held) {
      await this.onTheLine(connection.callerLegId, () => this.deps.telephony.provider.hold(connection.callerLegId));
      connection.held = true;
      this.outbox.toAgent(userId, { event: 'acd:call-held', payload: { callId: connection.callerLegId, held: true } });
    }
    return this.deskOf(userId);
  }

  /** the port has no "unhold": joining the two legs again takes the caller off hold */
  async unhold(userId: number): Promise<TAgentDesk> {
    await this.ready();
    const connection = this.connected(userId);
    if (connection.held) {
      const { callerLegId, agentLegId } = connection;
      await this.onTheLine(callerLegId, () => this.deps.telephony.provider.bridge(callerLegId, agentLegId, { record: this.settings.recordCalls }));
      connection.held = false;
      this.outbox.toAgent(userId, { event: 'acd:call-held', payload: { callId: connection.callerLegId, held: false } });
    }
    return this.deskOf(userId);
  }

  /** the agent's microphone: the caller hears silence from the agent (not music), the agent still hears the caller */
  async mute(userId: number): Promise<TAgentDesk> {
    return this.setMuted(userId, true);
  }

  async unmute(userId: number): Promise<TAgentDesk> {
    return this.setMuted(userId, false);
  }

  /** keys played as tones towards the caller's side: a department's IVR after a transfer, an extension */
  async sendDtmf(userId: number, digits: string): Promise<TAgentDesk> {
    await this.ready();
    if (!DTMF_DIGITS.test(digits)) throw Invalid('Keys are 0-9, * and #, at most 32', [{ field: 'body.digits', message: '1 to 32 of 0-9, * and #' }]);
    const connection = this.connected(userId);
    await this.onTheLine(connection.callerLegId, () => this.deps.telephony.provider.sendDtmf(connection.callerLegId, digits));
    this.callEvent(connection.callerLegId, 'agent.dtmf', { userId, agentLegId: connection.agentLegId, digits });
    return this.deskOf(userId);
  }

  private async setMuted(userId: number, muted: boolean): Promise<TAgentDesk> {
    await this.ready();
    const connection = this.connected(userId);
    if (connection.muted !== muted) {
      await this.onTheLine(connection.agentLegId, () => this.deps.telephony.provider.mute(connection.agentLegId, muted));
      connection.muted = muted;
      this.callEvent(connection.callerLegId, muted ? 'agent.muted' : 'agent.unmuted', { userId, agentLegId: connection.agentLegId });
    }
    return this.deskOf(userId);
  }

  /** the caller goes to another queue (on hold, keeping the time they have waited); the agent wraps up */
  async transfer(userId: number, queueCode: string): Promise<TAgentDesk> {
    await this.ready();
    const connection = this.connected(userId);
    if (connection.kind !== 'call') throw Conflict('A call-back cannot be transferred to a queue');
    const queue = this.router.queue(queueCode);
    if (!queue) throw Invalid(`No queue ${queueCode}`, [{ field: 'body.queue', message: 'no such queue' }]);
    await this.onTheLine(connection.callerLegId, () => this.deps.telephony.provider.hold(connection.callerLegId));
    if (!this.live.dropConnection(connection)) return this.deskOf(userId);
    const now = this.clock.now();
    const entry: TWaitingCall = {
      id: connection.callerLegId,
      kind: 'call',
      callId: connection.callerLegId,
      callbackId: null,
      queue: queue.code,
      skills: [],
      priority: connection.priority,
      caller: connection.caller,
      waitingSince: connection.waitingSince,
    };
    this.beginWrapUp(connection, now);
    this.router.enqueue(entry);
    this.callEvent(connection.callerLegId, 'queue.transferred', {
      from: connection.queue,
      queue: queue.code,
      skills: [],
      priority: connection.priority,
      caller: connection.caller,
      waitingSince: connection.waitingSince,
      userId,
    });
    this.deps.store.callQueue(connection.callerLegId, queue.id);
    this.hangUpQuietly(connection.agentLegId);
    this.outbox.toAgent(userId, {
      event: 'acd:call-ended',
      payload: { callId: connection.callerLegId, agentLegId: connection.agentLegId, by: 'transfer', at: new Date(now).toISOString() },
    });
    this.board.touch(userId);
    this.routeSoon();
    return this.deskOf(userId);
  }

  /** the disposition (and notes) go on the call row; the agent leaves wrap-up */
  async finishWrapUp(userId: number, body: TFinishWrapUp): Promise<TAgentDesk> {
    await this.ready();
    const agent = await this.agentOf(userId);
    if (agent.state !== 'wrap_up') throw Conflict('You are not in wrap-up');
    if (this.settings.dispositionRequired && !body.disposition) {
      throw Invalid('A disposition is required before leaving wrap-up', [{ field: 'body.disposition', message: 'is required' }]);
    }
    const wrapUp = this.live.wrapUps.get(userId);
    // checked before anything is written, so a refused call-back leaves the wrap-up as it was
    const callbackAt = body.callback ? this.callbackTime(body.callback.at) : null;
    if (callbackAt !== null && !wrapUp?.callId) throw Conflict('This wrap-up has no call to call back');
    if (wrapUp?.callId && this.wrapUpHook) await this.wrapUpHook({ userId, callId: wrapUp.callId, body });
    if (body.disposition && wrapUp?.callId) await this.deps.store.disposition(wrapUp.callId, body.disposition, body.notes ?? null);
    if (callbackAt !== null && wrapUp?.callId) await this.bookCallback(userId, wrapUp.callId, callbackAt, body.callback?.note ?? null);
    // the write took a moment: wrap-up may have ended meanwhile
    const then = body.then;
    if (this.router.agent(userId)?.state === 'wrap_up') this.leaveWrapUp(userId, then.state, then.state === 'not_ready' ? then.reason : null, this.clock.now());
    return this.deskOf(userId);
  }

  /** a booked call-back's time: in the future, and not beyond the booking horizon */
  private callbackTime(at: string): number {
    const when = Date.parse(at);
    const now = this.clock.now();
    if (when <= now) throw Invalid('The call-back must be in the future', [{ field: 'body.callback.at', message: 'must be in the future' }]);
    if (when > now + CALLBACK_MAX_DAYS * DAY_MS) {
      throw Invalid(`The call-back must be within ${CALLBACK_MAX_DAYS} days`, [{ field: 'body.callback.at', message: `must be within ${CALLBACK_MAX_DAYS} days` }]);
    }
    return when;
  }

  /** the call-back row joins its queue at its time, by the path IVR call-backs take (offer, then dial) */
  private async bookCallback(userId: number, callId: string, at: number, note: string | null): Promise<void> {
    const row = await this.deps.store.scheduleCallback(callId, new Date(at), new Date(this.clock.now()));
    if (!row) throw Invalid('This call has no number or queue to call back', [{ field: 'body.callback', message: 'the call has no number to call back' }]);
    this.callEvent(callId, 'agent.callback_scheduled', { userId, callbackId: row.id, at: new Date(at).toISOString(), note });
    this.queueCallback({ id: row.id, phone: row.phone, queue: row.queueCode, waitingSince: row.waitingSince, attempts: row.attempts });
  }

  /** an administrator changes an agent's department skills */
  async setSkills(userId: number, skills: readonly string[]): Promise<TAgentDesk> {
    await this.ready();
    const row = await this.deps.store.setSkills(userId, skills);
    if (!row) throw NotFound('Agent');
    this.router.upsertAgent(profileOf(row), this.clock.now());
    this.board.touch(userId);
    this.routeSoon();
    return this.deskOf(userId);
  }

  /** presence hooks, called by the realtime layer for every agent socket */
  agentConnected(userId: number, socketId: string): void {
    this.presence.connected(userId, socketId);
    this.board.touch(userId);
  }

  agentDisconnected(userId: number, socketId: string): void {
    this.presence.disconnected(userId, socketId);
    this.board.touch(userId);
  }

  // ───────────── views ─────────────

  async desk(userId: number): Promise<TAgentDesk> {
    await this.ready();
    await this.agentOf(userId);
    return this.deskOf(userId);
  }

  async boardNow(): Promise<TBoard> {
    await this.ready();
    const now = this.clock.now();
    return {
      at: new Date(now).toISOString(),
      queues: queueStatsViews(this.router, this.stats, this.handling, now),
      agents: this.router.agentList().map((a) => agentView(a, this.live, this.presence.isPresent(a.userId))),
    };
  }

  /** what a console gets on connecting: an agent their desk, a supervisor or admin the board */
  async snapshotFor(user: { id: number; role: string }): Promise<TAcdSnapshotReply> {
    if (user.role === 'agent') return { desk: await this.desk(user.id), board: null };
    if (user.role === 'supervisor' || user.role === 'admin') return { desk: null, board: await this.boardNow() };
    return { desk: null, board: null };
  }

  /** the waiting callers of a queue, in the order they will be served (tests, diagnostics) */
  waiting(queue: string): TPlacedCall[] {
    return this.router.waiting(queue);
  }

  agent(userId: number): TAgentStatus | null {
    return this.router.agent(userId);
  }

  // ───────────── routing and offers ─────────────

  private routeSoon(): void {
    if (this.routingSoon || this.buffered || this.stopped) return;
    this.routingSoon = true;
    // at the end of this turn: a burst of changes makes one decision
    queueMicrotask(() => {
      this.routingSoon = false;
      if (this.stopped) return;
      for (const offer of this.router.decide(this.clock.now())) void this.makeOffer(offer);
    });
  }

  private async makeOffer({ call, agent }: TOffer): Promise<void> {
    const now = this.clock.now();
    const agentLegId = this.newId();
    const offer: TLiveOffer = {
      entryId: call.id,
      call,
      userId: agent.userId,
      agentLegId,
      deadline: now + this.settings.ringTimeoutSec * 1000,
      timer: null,
      householdId: null,
    };
    this.live.addOffer(offer);
    offer.timer = this.clock.setTimeout(() => this.offerTimedOut(offer), this.settings.ringTimeoutSec * 1000);
    if (call.callId) this.callEvent(call.callId, 'queue.offered', { userId: agent.userId, agentLegId, queue: call.queue });
    this.board.touch(agent.userId);
    const endpoint = agentEndpoint(agent.username);
    this.deps.phone.ringing(endpoint);
    const household = call.callId ? this.deps.store.householdOf(call.callId).catch(() => null) : Promise.resolve(null);
    try {
      await this.deps.telephony.originate({
        callId: agentLegId,
        to: endpoint,
        callerId: call.caller ?? this.settings.callerId,
        timeoutSec: this.settings.ringTimeoutSec,
        variables: { samvadQueue: call.queue, samvadCallId: call.callId ?? '' },
      });
    } catch (error) {
      this.log.warn({ err: error, callId: call.callId, userId: agent.userId }, "could not ring the agent's endpoint");
      if (this.live.dropOffer(offer)) this.offerEnded(offer, 'missed', 'missed', this.clock.now());
      return;
    }
    offer.householdId = await household;
    if (this.live.offers.get(offer.entryId) !== offer) return;
    this.outbox.toAgent(agent.userId, { event: 'acd:offer', payload: offerView(offer, this.router.queue(call.queue)?.name ?? call.queue) });
  }

  private offerTimedOut(offer: TLiveOffer): void {
    offer.timer = null;
    if (!this.live.dropOffer(offer)) return;
    this.hangUpQuietly(offer.agentLegId);
    this.offerEnded(offer, 'missed', 'missed', this.clock.now());
  }

  /**
   * An offer that ended without the agent taking it: the call goes back to the head of its queue
   * and the agent is not ready (`reason`).
   */
  private offerEnded(offer: TLiveOffer, why: 'missed' | 'withdrawn', reason: string, now: number): void {
    this.router.miss(offer.entryId, now, reason);
    if (why === 'withdrawn') this.hangUpQuietly(offer.agentLegId);
    if (offer.call.callId) this.callEvent(offer.call.callId, 'queue.missed', { userId: offer.userId, agentLegId: offer.agentLegId, reason });
    this.outbox.toAgent(offer.userId, { event: 'acd:offer-ended', payload: { callId: offer.call.callId, agentLegId: offer.agentLegId, reason: why } });
    this.board.touch(offer.userId);
    this.routeSoon();
  }

  /** the caller hung up (or the IVR took them back) while their call rang an agent */
  private offerLeft(offer: TLiveOffer): void {
    if (!this.live.dropOffer(offer)) return;
    const now = this.clock.now();
    this.router.withdraw(offer.entryId, now, false);
    this.hangUpQuietly(offer.agentLegId);
    this.outbox.toAgent(offer.userId, { event: 'acd:offer-ended', payload: { callId: offer.call.callId, agentLegId: offer.agentLegId, reason: 'abandoned' } });
    this.board.touch(offer.userId);
    this.departed(offer.call, now);
    this.routeSoon();
  }

  private async offerAccepted(offer: TLiveOffer): Promise<void> {
    if (!this.live.dropOffer(offer)) return;
    const now = this.clock.now();
    const { call } = offer;
    if (call.kind === 'callback') return this.callbackAccepted(offer, now);
    const callerLegId = call.callId ?? '';
    const caller = this.deps.telephony.registry.get(callerLegId);
    if (!caller || caller.state === 'ended') {
      this.router.withdraw(offer.entryId, now, false);
      this.hangUpQuietly(offer.agentLegId);
      this.outbox.toAgent(offer.userId, { event: 'acd:offer-ended', payload: { callId: call.callId, agentLegId: offer.agentLegId, reason: 'abandoned' } });
      // the caller's hang-up is still on its way and will find nothing to settle: settle it here
      this.departed(call, now);
      return;
    }
    const connection: TLiveConnection = {
      userId: offer.userId,
      entryId: offer.entryId,
      kind: 'call',
      callbackId: null,
      queue: call.queue,
      callerLegId,
      agentLegId: offer.agentLegId,
      caller: call.caller,
      householdId: offer.householdId,
      priority: call.priority,
      waitingSince: call.waitingSince,
      connectedAt: now,
      held: false,
      muted: false,
    };
    this.live.addConnection(connection);
    this.router.accept(offer.entryId, now);
    for (const listener of this.takenListeners) listener(callerLegId);
    const queue = this.router.queue(call.queue);
    const waitedMs = now - call.waitingSince;
    this.callEvent(callerLegId, 'queue.connected', {
      userId: offer.userId,
      agentLegId: offer.agentLegId,
      queue: call.queue,
      kind: 'call',
      caller: call.caller,
      waitedMs,
    });
    this.deps.store.callAgent(callerLegId, offer.userId, queue?.id ?? null);
    this.deps.store.callAgent(offer.agentLegId, offer.userId, null);
    this.deps.store.cancelCallbacksOf(callerLegId);
    this.stats.answered(call.queue, waitedMs, queue?.serviceLevelSec ?? 20, now);
    this.outbox.toAgent(offer.userId, { event: 'acd:offer-ended', payload: { callId: callerLegId, agentLegId: offer.agentLegId, reason: 'accepted' } });
    this.outbox.toAgent(offer.userId, { event: 'acd:call-connected', payload: connectionView(connection) });
    this.board.touch(offer.userId);
    try {
      await this.deps.telephony.provider.bridge(callerLegId, offer.agentLegId, { record: this.settings.recordCalls });
    } catch (error) {
      this.log.warn({ err: error, callId: callerLegId }, 'could not bridge the caller and the agent');
      this.endConnection(connection, 'system');
    }
  }

  // ───────────── call-backs ─────────────

  /** the agent answered a call-back offer: now the citizen is dialled */
  private async callbackAccepted(offer: TLiveOffer, now: number): Promise<void> {
    const { call } = offer;
    const callbackId = call.callbackId ?? 0;
    const connection: TLiveConnection = {
      userId: offer.userId,
      entryId: offer.entryId,
      kind: 'callback',
      callbackId,
      queue: call.queue,
      callerLegId: this.newId(),
      agentLegId: offer.agentLegId,
      caller: call.caller,
      householdId: null,
      priority: call.priority,
      waitingSince: call.waitingSince,
      connectedAt: null,
      held: false,
      muted: false,
    };
    this.live.addConnection(connection);
    this.router.accept(offer.entryId, now);
    this.callbackAttempts.set(callbackId, (this.callbackAttempts.get(callbackId) ?? 0) + 1);
    this.deps.store.callbackStatus(callbackId, 'dialing', true);
    this.outbox.toAgent(offer.userId, { event: 'acd:offer-ended', payload: { callId: null, agentLegId: offer.agentLegId, reason: 'accepted' } });
    this.outbox.toAgent(offer.userId, { event: 'acd:call-connected', payload: connectionView(connection) });
    this.board.touch(offer.userId);
    try {
      await this.deps.telephony.originate({
        callId: connection.callerLegId,
        to: call.caller ?? '',
        callerId: this.settings.callerId,
        timeoutSec: this.settings.callbackRingSec,
      });
    } catch (error) {
      this.log.warn({ err: error, callbackId }, 'could not dial the call-back');
      this.callbackUnanswered(connection);
    }
  }

  private async citizenAnswered(connection: TLiveConnection): Promise<void> {
    const now = this.clock.now();
    connection.connectedAt = now;
    const queue = this.router.queue(connection.queue);
    this.deps.store.callbackStatus(connection.callbackId ?? 0, 'completed', false);
    this.callEvent(connection.callerLegId, 'queue.connected', {
      userId: connection.userId,
      agentLegId: connection.agentLegId,
      queue: connection.queue,
      kind: 'callback',
      callbackId: connection.callbackId,
      caller: connection.caller,
    });
    this.deps.store.callAgent(connection.callerLegId, connection.userId, queue?.id ?? null);
    this.deps.store.callAgent(connection.agentLegId, connection.userId, null);
    this.outbox.toAgent(connection.userId, { event: 'acd:call-connected', payload: connectionView(connection) });
    try {
      await this.deps.telephony.provider.bridge(connection.callerLegId, connection.agentLegId, { record: this.settings.recordCalls });
    } catch (error) {
      this.log.warn({ err: error, callId: connection.callerLegId }, 'could not bridge the call-back');
      this.endConnection(connection, 'system');
    }
  }

  /** the citizen did not answer: tried again later (keeping their place) until the attempts run out */
  private callbackUnanswered(connection: TLiveConnection): void {
    const callbackId = connection.callbackId ?? 0;
    const attempts = this.callbackAttempts.get(callbackId) ?? 1;
    if (attempts >= this.settings.callbackMaxAttempts) {
      this.deps.store.callbackStatus(callbackId, 'failed', false);
      this.callbackAttempts.delete(callbackId);
    } else {
      this.deps.store.callbackStatus(callbackId, 'pending', false);
      const retry = this.clock.setTimeout(() => {
        this.callbackRetries.delete(callbackId);
        this.queueCallback({ id: callbackId, phone: connection.caller ?? '', queue: connection.queue, waitingSince: connection.waitingSince, attempts });
      }, this.settings.callbackRetryMin * 60_000);
      this.callbackRetries.set(callbackId, retry);
    }
    this.endConnection(connection, 'caller');
  }

  private queueCallback(callback: { id: number; phone: string; queue: string; waitingSince: number; attempts: number }): void {
    const entryId = callbackEntryId(callback.id);
    if (this.router.waitingCall(entryId) || this.live.offers.has(entryId)) return;
    const wait = callback.waitingSince - this.clock.now();
    if (wait > 0) {
      // booked for later; long waits are taken in steps (timers cannot span 30 days)
      this.callbackRetries.get(callback.id)?.cancel();
      const timer = this.clock.setTimeout(() => {
        this.callbackRetries.delete(callback.id);
        if (!this.stopped) this.queueCallback(callback);
      }, Math.min(wait, BOOKED_STEP_MS));
      this.callbackRetries.set(callback.id, timer);
      return;
    }
    this.queueFor(callback.queue);
    this.callbackAttempts.set(callback.id, callback.attempts);
    this.router.enqueue({
      id: entryId,
      kind: 'callback',
      callId: null,
      callbackId: callback.id,
      queue: callback.queue,
      skills: [],
      priority: 0,
      caller: callback.phone,
      waitingSince: callback.waitingSince,
    });
    this.board.touch();
    this.routeSoon();
  }

  // ───────────── calls in progress and wrap-up ─────────────

  /** a provider command on a call in progress; the call ending under it is the agent's news, not a fault */
  private async onTheLine(callId: string, command: () => Promise<unknown>): Promise<void> {
    try {
      await command();
    } catch (error) {
      const live = this.deps.telephony.registry.get(callId);
      if (live && live.state !== 'ended') throw error;
      throw Conflict('The call has ended');
    }
  }

  private connected(userId: number): TLiveConnection {
    const connection = this.live.connections.get(userId);
    if (!connection || connection.connectedAt === null) throw Conflict('You are not talking to a caller');
    return connection;
  }

  /** the call is over (either side hung up, or it could not be joined): both legs go, wrap-up begins */
  private endConnection(connection: TLiveConnection, by: 'caller' | 'agent' | 'system'): void {
    if (!this.live.dropConnection(connection)) return;
    const now = this.clock.now();
    this.beginWrapUp(connection, now);
    this.hangUpQuietly(connection.callerLegId);
    this.hangUpQuietly(connection.agentLegId);
    this.outbox.toAgent(connection.userId, {
      event: 'acd:call-ended',
      payload: { callId: connection.callerLegId, agentLegId: connection.agentLegId, by, at: new Date(now).toISOString() },
    });
    this.board.touch(connection.userId);
  }

  private beginWrapUp(connection: TLiveConnection, now: number): void {
    const { userId } = connection;
    const wrapUp = { userId, callId: connection.callerLegId, queue: connection.queue, since: now, talkStartedAt: connection.connectedAt, timer: null };
    this.live.wrapUps.set(userId, wrapUp);
    this.router.endCall(userId, now);
    this.armWrapUp(userId, this.settings.wrapUpSec * 1000);
  }

  private armWrapUp(userId: number, ms: number): void {
    const wrapUp = this.live.wrapUps.get(userId);
    if (!wrapUp) return;
    wrapUp.timer = this.clock.setTimeout(() => {
      wrapUp.timer = null;
      if (this.live.wrapUps.get(userId) !== wrapUp || this.router.agent(userId)?.state !== 'wrap_up') return;
      // a required disposition keeps the agent in wrap-up until they give it
      if (this.settings.dispositionRequired) return;
      // ready again, unless their console vanished meanwhile
      const present = this.presence.isPresent(userId);
      this.leaveWrapUp(userId, present ? 'ready' : 'not_ready', present ? null : 'disconnected', this.clock.now());
    }, ms);
  }

  private leaveWrapUp(userId: number, state: TChooseState['state'], reason: string | null, now: number): void {
    const wrapUp = this.live.wrapUps.get(userId);
    if (wrapUp) {
      wrapUp.timer?.cancel();
      this.live.wrapUps.delete(userId);
      if (wrapUp.queue && wrapUp.talkStartedAt !== null) this.handling.record(wrapUp.queue, (now - wrapUp.talkStartedAt) / 1000);
    }
    this.router.choose(userId, state, reason, now);
  }

  // ───────────── callers leaving ─────────────

  /** a waiting caller left the queue */
  private callerLeft(callId: string): void {
    const entry = this.router.remove(callId);
    if (!entry) return;
    this.board.touch();
    this.departed(entry, this.clock.now());
  }

  /** why a caller left: for a call-back (which keeps their place), back to the IVR, or they hung up */
  private departed(call: TPlacedCall, now: number): void {
    const { callId } = call;
    if (!callId) return;
    const live = this.deps.telephony.registry.get(callId);
    const hungUp = !live || live.state === 'ended';
    void this.deps.store
      .pendingCallbackOf(callId)
      .then((callback) => {
        if (callback) {
          this.callEvent(callId, 'queue.left', { queue: call.queue, reason: 'callback', callbackId: callback.id });
          this.queueCallback({ id: callback.id, phone: callback.phone, queue: callback.queueCode, waitingSince: callback.waitingSince, attempts: callback.attempts });
        } else if (hungUp) {
          this.abandoned(call, now);
        } else {
          this.callEvent(callId, 'queue.left', { queue: call.queue, reason: 'ivr' });
        }
      })
      .catch((error: unknown) => this.log.error({ err: error, callId }, 'could not settle a caller leaving the queue'));
  }

  private abandoned(call: TPlacedCall, now: number): void {
    if (!call.callId) return;
    this.stats.abandoned(call.queue, now);
    this.callEvent(call.callId, 'queue.abandoned', { queue: call.queue, kind: 'call', waitedMs: now - call.waitingSince });
    this.board.touch();
  }

  // ───────────── telephony events ─────────────

  private onEvent(event: TTelephonyEvent): void {
    if (this.buffered) {
      this.buffered.push(event);
      return;
    }
    const ends = event.type === 'call.hangup' || event.type === 'call.failed';
    const dialledBy = ends ? this.ownCalls.get(event.callId) : undefined;
    if (dialledBy !== undefined) this.releaseOwn(dialledBy);
    const offer = this.live.offerByLeg.get(event.callId);
    if (offer) {
      if (event.type === 'call.answered') void this.offerAccepted(offer).catch((error: unknown) => this.failed(error, event));
      else if (ends && this.live.dropOffer(offer)) this.offerEnded(offer, 'missed', 'missed', this.clock.now());
      return;
    }
    const connection = this.live.connectionByLeg.get(event.callId);
    if (connection) {
      const citizenLeg = event.callId === connection.callerLegId;
      const dialling = connection.kind === 'callback' && connection.connectedAt === null;
      if (citizenLeg && dialling && event.type === 'call.answered') void this.citizenAnswered(connection).catch((error: unknown) => this.failed(error, event));
      else if (ends && citizenLeg && dialling) this.callbackUnanswered(connection);
      else if (ends) this.endConnection(connection, citizenLeg ? 'caller' : 'agent');
      return;
    }
    if (!ends) return;
    const ringing = this.live.offers.get(event.callId);
    if (ringing) this.offerLeft(ringing);
    else this.callerLeft(event.callId);
  }

  private callEvent(callId: string, type: TQueueEventType, data: Record<string, unknown>): void {
    this.deps.store.callEvent(callId, type, this.clock.now(), data);
  }

  private failed(error: unknown, event: TTelephonyEvent): void {
    this.log.error({ err: error, callId: event.callId, type: event.type }, 'ACD failed on a telephony event');
  }

  private hangUpQuietly(callId: string): void {
    const live = this.deps.telephony.registry.get(callId);
    if (!live || live.state === 'ended') return;
    // a leg ending on its own at the same moment is a race, not a fault
    this.deps.telephony.provider.hangup(callId, 'normal').catch(() => undefined);
  }

  // ───────────── agents' changes, presence ─────────────

  private agentChanged({ agent, previous }: TAgentChange): void {
    const callId = this.live.callOf(agent.userId, agent.entryId);
    this.deps.store.stateEvent(agent.userId, agent.state, agent.reason, callId, agent.since);
    this.outbox.toAgent(agent.userId, { event: 'acd:state', payload: agentView(agent, this.live, this.presence.isPresent(agent.userId)) });
    this.board.touch(agent.userId);
    if (agent.state === 'offline') this.presence.forget(agent.userId);
    else if (previous === 'offline' || agent.state === 'ready') this.presence.expect(agent.userId);
    if (agent.state === 'ready') this.routeSoon();
  }

  /** the agent's console has been gone for the timeout: no call is offered to a dead tab */
  private absent(userId: number): void {
    const agent = this.router.agent(userId);
    if (!agent || this.stopped) return;
    const now = this.clock.now();
    if (agent.state === 'ready') this.router.choose(userId, 'not_ready', 'disconnected', now);
    else if (agent.state === 'reserved') {
      const offer = this.live.offerOf(userId);
      if (offer && this.live.dropOffer(offer)) this.offerEnded(offer, 'withdrawn', 'disconnected', now);
    }
    // on a call or in wrap-up the agent stays; the end of wrap-up finds them gone
  }

  private async agentOf(userId: number): Promise<TAgentStatus> {
    const known = this.router.agent(userId);
    if (known) return known;
    const row = await this.deps.store.loadAgent(userId);
    if (!row) throw NotFound('Agent');
    return this.router.agent(userId) ?? this.router.upsertAgent(profileOf(row), this.clock.now());
  }

  private deskOf(userId: number): TAgentDesk {
    const agent = this.router.agent(userId);
    if (!agent) throw NotFound('Agent');
    return deskView(agent, this.live, {
      router: this.router,
      wrapUpSec: this.settings.wrapUpSec,
      dispositionRequired: this.settings.dispositionRequired,
      present: this.presence.isPresent(userId),
    });
  }

  private boardUpdate(changed: readonly number[]): TBoardUpdate {
    const now = this.clock.now();
    const agents = changed.map((id) => this.router.agent(id)).filter((a): a is TAgentStatus => a !== null);
    return {
      at: new Date(now).toISOString(),
      full: false,
      queues: queueStatsViews(this.router, this.stats, this.handling, now),
      agents: agents.map((a) => agentView(a, this.live, this.presence.isPresent(a.userId))),
    };
  }

  /** a queue the flow named; one the database does not know still routes (on the request's skills) */
  private queueFor(code: string): TQueueDef {
    const known = this.router.queue(code);
    if (known) return known;
    this.log.warn({ queue: code }, 'a flow named a queue the database does not have; routing it without queue skills');
    const def: TQueueDef = { code, id: null, name: code, priority: 0, skills: [], serviceLevelSec: 20 };
    this.router.defineQueue(def);
    return def;
  }

  private ready(): Promise<void> {
    return this.whenStarted;
  }

  // ───────────── start-up ─────────────

  private async rebuild(): Promise<void> {
    const { store, telephony } = this.deps;
    // listen first, so nothing that happens while the database is read is lost
    this.unsubscribe ??= telephony.onEvent((event) => this.onEvent(event));
    const now = this.clock.now();
    const [queueRows, agentRows, lastStates, callbacks, todayRows, handlingRows] = await Promise.all([
      store.loadQueues(),
      store.loadAgents(),
      store.lastStates(),
      store.openCallbacks(),
      store.todayRows(startOfDayInIndia(now)),
      store.recentHandling(new Date(now - 7 * DAY_MS)),
    ]);
    const liveCalls = telephony.registry.list().flatMap((c) => (c.state === 'ended' ? [] : [{ callId: c.callId, state: c.state }]));
    const queueEvents = await store.queueEventsOf(liveCalls.map((c) => c.callId));
    const plan = planRebuild({
      now,
      queues: queueRows.filter((q) => q.active).map(queueDefOf),
      agents: agentRows.map(profileOf),
      lastStates,
      liveCalls,
      queueEvents,
      callbacks,
    });
    this.router = AcdRouter.restore(plan.snapshot, (change) => this.agentChanged(change));
    for (const c of plan.connections) {
      this.live.addConnection({ ...c, householdId: null, priority: 0, waitingSince: c.connectedAt, held: false, muted: false });
      // the new process starts unmuted: the agent's leg is made to agree
      telephony.provider.mute(c.agentLegId, false).catch(() => undefined);
    }
    for (const w of plan.wrapUps) {
      this.live.wrapUps.set(w.userId, { userId: w.userId, callId: w.callId, queue: null, since: w.since, talkStartedAt: null, timer: null });
      this.armWrapUp(w.userId, Math.max(0, w.since + this.settings.wrapUpSec * 1000 - now));
    }
    for (const c of plan.corrections) store.stateEvent(c.userId, c.state, c.reason, c.callId, now);
    for (const id of plan.callbacksReset) store.callbackStatus(id, 'pending', false);
    for (const callback of callbacks) this.callbackAttempts.set(callback.id, callback.attempts);
    for (const c of plan.booked) this.queueCallback({ id: c.id, phone: c.phone, queue: c.queueCode, waitingSince: c.waitingSince, attempts: c.attempts });
    for (const leg of plan.hangUp) this.hangUpQuietly(leg);
    for (const row of todayRows) {
      const sl = this.router.queue(row.queue)?.serviceLevelSec ?? 20;
      if (row.kind === 'answered') this.stats.answered(row.queue, row.waitedMs, sl, now);
      else this.stats.abandoned(row.queue, now);
    }
    for (const row of handlingRows) this.handling.record(row.queue, row.seconds);
    for (const agent of plan.snapshot.agents) if (agent.state !== 'offline') this.presence.expect(agent.userId);
    this.log.info(
      { queues: plan.snapshot.queues.length, agents: plan.snapshot.agents.length, waiting: plan.snapshot.waiting.length, connected: plan.connections.length },
      'ACD rebuilt',
    );
    const buffered = this.buffered ?? [];
    this.buffered = null;
    for (const event of buffered) this.onEvent(event);
    this.board.touch();
    this.routeSoon();
  }
}
