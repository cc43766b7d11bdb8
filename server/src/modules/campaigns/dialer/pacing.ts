import { predictivePacer, type TDialObservation, type TPacer, type TPredictiveOptions } from '@samvad/campaigns';
import type { Logger } from '../../../logger.js';
import { dateInIndia } from '../../../shared/time.js';
import type { TContactStore, TRunningCampaign } from './contact-store.js';

/** the campaign's agents as the pacer needs them */
export interface TAgentFloor {
  readyAgents: number;
  /** on a call, or reserved for one (an offer ringing) */
  talkingAgents: number;
  /** seconds each agent on a call of this queue has talked */
  talkElapsedSec?: number[];
  /** seconds left of each wrap-up */
  wrapUpRemainingSec: number[];
  /** answered calls waiting for an agent */
  callsWaiting: number;
}

export interface TCampaignPacingDeps {
  store: Pick<TContactStore, 'ringingAges' | 'abandonment' | 'recentAnswerRate'>;
  /** null when the campaign has no queue the ACD knows */
  floor: (campaign: TRunningCampaign) => Promise<TAgentFloor | null>;
  logger: Logger;
  /** pacer settings besides the campaign's cap (tests, tuning) */
  options?: TPredictiveOptions;
}

const startOfDayInIndia = (at: Date) => new Date(`${dateInIndia(at)}T00:00:00+05:30`);

/**
 * Predictive pacing in the server: one pure pacer per campaign, with its little memory (recent
 * dials, talk times, abandonment), fed what the dialer hears of its calls. Each beat gathers
 * the floor (agents from the ACD, calls ringing and abandonment from the database), asks the
 * pacer how many calls to place and logs the inputs and the decision.
 */
export class CampaignPacing {
  private readonly pacers = new Map<number, Promise<TPacer>>();

  constructor(private readonly deps: TCampaignPacingDeps) {}

  private pacerOf(campaign: TRunningCampaign): Promise<TPacer> {
    let pacer = this.pacers.get(campaign.id);
    if (!pacer) {
      // a restarted process starts from the campaign's recent answer rate rather than a guess
      pacer = this.deps.store.recentAnswerRate(campaign.id).then((humanRate) =>
        predictivePacer({
          ...this.deps.options,
          capPct: campaign.abandonCapPct,
          prior: { ...this.deps.options?.prior, ...(humanRate === null ? {} : { humanRate: Math.max(0.02, humanRate) }) },
        }),
      );
      pacer.catch(() => this.pacers.delete(campaign.id));
      this.pacers.set(campaign.id, pacer);
    }
    return pacer;
  }

  /** calls to place now for a predictive campaign */
  async dialNow(campaign: TRunningCampaign, now: Date): Promise<number> {
    const [pacer, floor, ringingAgesSec, abandonment] = await Promise.all([
      this.pacerOf(campaign),
      this.deps.floor(campaign),
      this.deps.store.ringingAges(campaign.id, now),
      this.deps.store.abandonment(campaign.id, startOfDayInIndia(now)),
    ]);
    if (!floor) return 0;
    const input = { at: now.getTime() / 1000, ...floor, ringingAgesSec, abandonment };
    const dialNow = pacer.decide(input);
    this.deps.logger.debug(
      {
        campaignId: campaign.id,
        inputs: { ...floor, ringing: ringingAgesSec.length, abandonment, capPct: campaign.abandonCapPct },
        decision: pacer.lastDecision(),
        dialNow,
      },
      'predictive pacing',
    );
    return dialNow;
  }

  settled(campaignId: number, observation: TDialObservation): void {
    void this.pacers.get(campaignId)?.then((p) => p.dialSettled(observation));
  }

  answered(campaignId: number, abandoned: boolean): void {
    void this.pacers.get(campaignId)?.then((p) => p.answered(abandoned));
  }

  talkEnded(campaignId: number, talkSec: number): void {
    void this.pacers.get(campaignId)?.then((p) => p.talkEnded(talkSec));
  }

  /** a campaign that stopped forgets its pacer */
  forget(campaignId: number): void {
    this.pacers.delete(campaignId);
  }
}
