import { randomUUID } from 'node:crypto';
import { isInsideWindow, type TAttemptOutcome } from '@samvad/campaigns';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { systemClock, type TAcdClock } from '../../../acd/clock.js';
import type { Logger } from '../../../logger.js';
import type { TOriginateRequest, TTelephonyEvent } from '../../../telephony/port.js';
import type { TCampaignDialerHook, TCampaignStatus } from '../dialer-hook.js';
import type { TClaimedDial, TContactStore, TRunningCampaign } from './contact-store.js';
import type { CampaignPacing } from './pacing.js';

export const DIAL_QUEUE = 'campaign-dial';

interface TDialJob {
  contactId: number;
  attemptNo: number;
}

/** the deterministic id of one attempt's job: BullMQ keeps a single job per id while it exists */
export const dialJobId = (contactId: number, attemptNo: number) => `contact-${contactId}-attempt-${attemptNo}`;

export interface TDialerOptions {
  connection: ConnectionOptions;
  store: TContactStore;
  /** places the call; the telephony service in the server */
  originate: (request: TOriginateRequest) => Promise<void>;
  /** ends a call (an answering machine) */
  hangup: (callId: string) => Promise<void>;
  /** hands a person who answered to the campaign's agents (the ACD queue), or to the agent who dialled them */
  connect: (call: { callId: string; phone: string; contactId: number; campaign: TRunningCampaign; agent: TDialingAgent | null }) => Promise<void>;
  /** how many calls the campaign may have in the air now (ready agents, or IVR lines) */
  capacity: (campaign: TRunningCampaign) => Promise<number>;
  /** predictive campaigns: how many calls to place now (without it they dial progressively) */
  pacing?: CampaignPacing;
  /**
   * The 2-second rule: true while an answered call waits in the queue with no agent offered it.
   * Without it the rule is not applied (the citizen waits until an agent is free).
   */
  waitingForAgent?: (callId: string) => boolean;
  /** takes an abandoned call out of the queue, plays the short apology and hangs up */
  abandonCall?: (callId: string) => Promise<void>;
  /** agentless campaigns: runs the survey on an answered call; resolves when the flow is over, with whether every question was answered */
  runSurvey?: (call: { callId: string; contactId: number; campaign: TRunningCampaign }) => Promise<'completed' | 'partial'>;
  /** timers (the 2-second rule): virtual in tests */
  clock?: TAcdClock;
  /** an answered call waits this long for an agent before it is abandoned */
  graceSec?: number;
  logger: Logger;
  now?: () => Date;
  /** how long a call rings before it counts as unanswered */
  ringTimeoutSec?: number;
  /** an attempt with no result this long after it was placed was lost (a worker died): it counts as failed; by default the ring timeout and a minute */
  lostAttemptSec?: number;
  /**
   * an answered call still not concluded this long after the answer was lost with the process
   * that handled it: its contact is rescheduled by the retry rules (default 2 hours, longer than
   * any survey conversation)
   */
  lostConversationSec?: number;
  /** the scheduler's beat */
  tickMs?: number;
  /** parallel dial jobs per worker */
  concurrency?: number;
  /** BullMQ's lock on a running job; a worker that dies gives its jobs up after this long */
  lockDurationMs?: number;
  /** BullMQ's key prefix (separate installations, or tests, on one Redis) */
  prefix?: string;
  /** which running campaigns this dialer serves (all by default): tests sharing one database keep to their own */
  campaigns?: (campaignId: number) => boolean;
}

/** the agent who chose to dial a contact (preview mode) */
export interface TDialingAgent {
  userId: number;
  username: string;
}

/** a failed call's reason, as the retry rules name it */
function failureOutcome(reason: 'busy' | 'no_answer' | 'rejected' | 'congestion'): TAttemptOutcome {
  return reason === 'busy' ? 'busy' : reason === 'no_answer' ? 'no_answer' : reason === 'congestion' ? 'congestion' : 'failed';
}

/** where a placed call stands: ringing, answered while machine detection listens, with the agents */
type TCallStage = 'ringing' | 'detecting' | 'connected' | 'ivr';

interface TPendingCall {
  attemptId: number;
  contactId: number;
  phone: string;
  campaignId: number;
  mode: TRunningCampaign['mode'];
  stage: TCallStage;
  bridged: boolean;
  agent: TDialingAgent | null;
  /** epoch ms of the dial, of the bridge to an agent */
  placedAt: number;
  bridgedAt: number | null;
  abandoned: boolean;
  graceTimer: { cancel(): void } | null;
}

/**
 * The campaign dialer: a scheduler beat that keeps each running campaign's calls at its
 * capacity by queueing dial jobs for its due contacts, BullMQ workers that claim and place
 * them, and the processing of what each attempt found. A contact is never dialled twice at
 * once: jobs have deterministic ids, and the claim in the database admits one attempt.
 */
export class CampaignDialer implements TCampaignDialerHook {
  readonly queue: Queue<TDialJob>;
  /** exposed so a test can stop it as a crash would (`close(true)`) */
  worker: Worker<TDialJob> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  /** calls this process placed and has not yet heard the end of: call id → attempt */
  private readonly pending = new Map<string, TPendingCall>();
  /** result writes still running, so a test can wait for the database to catch up */
  private readonly work = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private readonly clock: TAcdClock;

  constructor(private readonly options: TDialerOptions) {
    this.queue = new Queue<TDialJob>(DIAL_QUEUE, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        removeOnComplete: true,
        // a failed job keeps its id (the contact's attempt) from being queued again: it stays on the board ten minutes, then the contact can be retried
        removeOnFail: { age: 600, count: 1000 },
      },
    });
    this.now = options.now ?? (() => new Date());
    this.clock = options.clock ?? systemClock;
  }

  /** resolves once every result heard so far is written */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }

  /** starts the worker and the scheduler beat */
  start(): void {
    this.worker ??= new Worker<TDialJob>(DIAL_QUEUE, (job) => this.dial(job), {
      connection: this.options.connection,
      prefix: this.options.prefix,
      concurrency: this.options.concurrency ?? 10,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: Math.max(500, Math.floor((this.options.lockDurationMs ?? 30_000) / 2)),
    });
    this.worker.on('failed', (job, error) => this.options.logger.error({ err: error, jobId: job?.id }, 'dial job failed'));
    this.timer ??= setInterval(() => void this.tick(), this.options.tickMs ?? 1000);
    this.timer.unref();
  }

  /** one beat: lost attempts are failed, then each running campaign is topped up to its capacity */
  async tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.topUp().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async topUp(): Promise<void> {
    const { store, logger } = this.options;
    const now = this.now();
    const lostBefore = new Date(now.getTime() - (this.options.lostAttemptSec ?? (this.options.ringTimeoutSec ?? 30) + 60) * 1000);
    const serves = (campaignId: number) => !this.options.campaigns || this.options.campaigns(campaignId);
    for (const { attemptId, campaignId } of await store.lostAttempts(lostBefore)) {
      if (!serves(campaignId)) continue;
      await store.finishAttempt(attemptId, 'failed', now, null);
      logger.warn({ attemptId }, 'a dial attempt never reported back; counted as failed');
    }
    const answeredBefore = new Date(now.getTime() - (this.options.lostConversationSec ?? 2 * 3600) * 1000);
    const ours = new Set([...this.pending.values()].map((call) => call.attemptId));
    for (const { attemptId, campaignId } of await store.lostConversations(answeredBefore)) {
      if (ours.has(attemptId) || !serves(campaignId)) continue;
      await store.rescheduleLostConversation(attemptId, now);
      logger.warn({ attemptId }, 'an answered campaign call was never concluded (its process stopped); the contact is rescheduled');
    }
    for (const campaign of await store.running()) {
      if (!serves(campaign.id)) continue;
      if (campaign.mode === 'preview' || !isInsideWindow(campaign.schedule.calendar, now)) continue;
      const wanted = await this.wanted(campaign, now);
      const due = await store.due(campaign.id, now, wanted);
      if (due.length === 0) continue;
      await this.queue.addBulk(due.map((d) => ({ name: 'dial', data: d, opts: { jobId: dialJobId(d.contactId, d.attemptNo) } })));
      logger.debug({ campaignId: campaign.id, mode: campaign.mode, wanted, queued: due.length }, 'dial jobs queued');
    }
  }

  /** calls to place now: the predictive pacer's answer, or capacity less the calls in the air */
  private async wanted(campaign: TRunningCampaign, now: Date): Promise<number> {
    const { store, pacing } = this.options;
    if (campaign.mode === 'predictive' && pacing) return pacing.dialNow(campaign, now);
    // agents' capacity already leaves out the calls they are on; IVR lines do not
    const [capacity, inFlight] = await Promise.all([this.options.capacity(campaign), store.inFlight(campaign.id, campaign.mode === 'ivr')]);
    return capacity - inFlight;
  }

  private async dial(job: Job<TDialJob>): Promise<void> {
    const { store } = this.options;
    const claim = await store.claim(job.data.contactId, job.data.attemptNo, this.now());
    // already dialled by another job or worker, paused, or concluded meanwhile
    if (!claim) return;
    await this.place(claim, null);
  }

  /**
   * Preview mode: the agent has read the contact's card and dials. The same claim as a dial job
   * (one attempt per contact, a running campaign only), and the person who answers is handed to
   * that agent alone. Null when the contact is no longer there to dial.
   */
  async dialNow(contactId: number, agent: TDialingAgent): Promise<{ callId: string; attemptId: number } | null> {
    const attemptNo = await this.options.store.nextAttemptNo(contactId);
    if (attemptNo === null) return null;
    const claim = await this.options.store.claim(contactId, attemptNo, this.now());
    if (!claim) return null;
    await this.options.store.attemptAgent(claim.attemptId, agent.userId);
    const callId = await this.place(claim, agent);
    return callId ? { callId, attemptId: claim.attemptId } : null;
  }

  /** places a claimed attempt's call; null when the provider refused it (the attempt is failed) */
  private async place(claim: TClaimedDial, agent: TDialingAgent | null): Promise<string | null> {
    const { store, logger } = this.options;
    const callId = randomUUID();
    const mode = (await store.campaign(claim.campaignId))?.mode ?? 'progressive';
    this.pending.set(callId, {
      attemptId: claim.attemptId,
      contactId: claim.contactId,
      phone: claim.phone,
      campaignId: claim.campaignId,
      mode,
      stage: 'ringing',
      bridged: false,
      agent,
      placedAt: this.now().getTime(),
      bridgedAt: null,
      abandoned: false,
      graceTimer: null,
    });
    try {
      await this.options.originate({ callId, to: claim.phone, callerId: claim.callerId, timeoutSec: this.options.ringTimeoutSec ?? 30, detectMachine: true });
      return callId;
    } catch (error) {
      this.pending.delete(callId);
      logger.warn({ err: error, contactId: claim.contactId }, 'the provider refused the call');
      await store.finishAttempt(claim.attemptId, 'failed', this.now(), null);
      return null;
    }
  }

  /** the telephony service's events: what became of each attempt this process placed */
  handle(event: TTelephonyEvent): void {
    const call = this.pending.get(event.callId);
    if (!call) return;
    const { store } = this.options;
    const at = this.now();
    const pacing = call.mode === 'predictive' ? this.options.pacing : undefined;
    const settledAfterSec = (at.getTime() - call.placedAt) / 1000;
    const settle = (work: Promise<unknown>) => this.track(work.catch((error: unknown) => this.options.logger.error({ err: error, callId: event.callId, type: event.type }, 'a dial result was not stored')));
    switch (event.type) {
      case 'call.answered':
        // machine detection reports within seconds whether a person is there
        if (call.stage === 'ringing') call.stage = 'detecting';
        return;
      case 'call.machine':
        if (call.stage !== 'detecting') return;
        pacing?.settled(call.campaignId, { settledAfterSec, human: event.result !== 'machine' });
        if (event.result === 'machine') {
          this.pending.delete(event.callId);
          settle(Promise.all([store.finishAttempt(call.attemptId, 'machine', at, event.callId), this.options.hangup(event.callId)]));
          return;
        }
        if (call.mode === 'ivr' && this.options.runSurvey) {
          call.stage = 'ivr';
          settle(this.survey(event.callId, call, at));
          return;
        }
        call.stage = 'connected';
        // an agent who dialled the contact themself is there by definition
        if (!call.agent) this.armGrace(event.callId, call, (this.options.graceSec ?? 2) * 1000);
        settle(
          (async () => {
            await store.finishAttempt(call.attemptId, 'answered', at, event.callId);
            const campaign = await store.campaign(call.campaignId);
            if (campaign) await this.options.connect({ callId: event.callId, phone: call.phone, contactId: call.contactId, campaign, agent: call.agent });
          })(),
        );
        return;
      case 'call.bridged':
        if (call.stage === 'connected' && !call.bridged && !call.abandoned) {
          call.bridged = true;
          call.bridgedAt = at.getTime();
          call.graceTimer?.cancel();
          pacing?.answered(call.campaignId, false);
        }
        return;
      case 'call.failed':
        this.pending.delete(event.callId);
        if (call.stage === 'ringing') pacing?.settled(call.campaignId, { settledAfterSec, human: false });
        if (call.stage === 'ringing') settle(store.finishAttempt(call.attemptId, failureOutcome(event.reason), at, event.callId));
        return;
      case 'call.hangup':
        this.pending.delete(event.callId);
        call.graceTimer?.cancel();
        if (call.stage === 'connected') {
          if (call.bridgedAt !== null) pacing?.talkEnded(call.campaignId, (at.getTime() - call.bridgedAt) / 1000);
          // a citizen who put the phone down before any agent took them was abandoned too
          if (!call.bridged && !call.abandoned) pacing?.answered(call.campaignId, true);
          settle(store.concludeAnswered(call.attemptId, call.bridged ? 'completed' : 'abandoned', at));
        } else if (call.stage !== 'ivr') {
          // hung up before anyone spoke: the phone rang out, was declined, or put down at once
          if (call.stage === 'ringing') pacing?.settled(call.campaignId, { settledAfterSec, human: false });
          settle(store.finishAttempt(call.attemptId, 'no_answer', at, event.callId));
        }
        return;
      default:
        return;
    }
  }

  private track(work: Promise<unknown>): void {
    this.work.add(work);
    void work.finally(() => this.work.delete(work));
  }

  /**
   * The 2-second rule: an answered call that no agent has been offered within the grace
   * period is abandoned: it leaves the queue, hears a short apology and is hung up. A call
   * offered to an agent who then misses it is checked again a second later.
   */
  private armGrace(callId: string, call: TPendingCall, ms: number): void {
    const { waitingForAgent, abandonCall } = this.options;
    if (!waitingForAgent || !abandonCall) return;
    call.graceTimer = this.clock.setTimeout(() => {
      call.graceTimer = null;
      if (this.pending.get(callId) !== call || call.bridged || call.abandoned) return;
      if (!waitingForAgent(callId)) {
        this.armGrace(callId, call, 1000);
        return;
      }
      call.abandoned = true;
      if (call.mode === 'predictive') this.options.pacing?.answered(call.campaignId, true);
      this.options.logger.info({ callId, campaignId: call.campaignId, contactId: call.contactId }, 'no agent within the grace period: the call is abandoned');
      // not tracked by idle(): the apology plays in the provider's time, and the hang-up it ends with is what concludes the attempt
      void abandonCall(callId).catch((error: unknown) => this.options.logger.warn({ err: error, callId }, 'an abandoned call could not be ended cleanly'));
    }, ms);
  }

  /** an agentless call: the attempt is answered, the survey runs, and its end concludes the contact */
  private async survey(callId: string, call: TPendingCall, at: Date): Promise<void> {
    const { store, runSurvey } = this.options;
    await store.finishAttempt(call.attemptId, 'answered', at, callId);
    const campaign = await store.campaign(call.campaignId);
    if (!campaign || !runSurvey) return;
    let result: 'completed' | 'partial' = 'partial';
    try {
      result = await runSurvey({ callId, contactId: call.contactId, campaign });
    } catch (error) {
      this.options.logger.warn({ err: error, callId }, 'the survey could not run on an answered call');
      await this.options.hangup(callId).catch(() => undefined);
    }
    await store.concludeIvr(call.attemptId, result, this.now());
  }

  /** a pause or cancel stops new dials at once; jobs already queued find nothing to claim */
  async campaignChanged(_campaignId: number, status: TCampaignStatus): Promise<void> {
    if (status === 'running') await this.tick();
  }

  /** graceful: stops queueing, lets running dial jobs finish, closes the connections */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.worker?.close();
    await this.queue.close();
  }
}
