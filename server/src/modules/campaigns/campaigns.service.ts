import { drawSample, type TSample, type TSamplingSpec } from '@samvad/campaigns';
import type { Prisma, PrismaClient, TSqlPool } from '@samvad/db';
import { Conflict, Invalid, NotFound } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import { ZRetryPolicy, ZSamplingSpec, type TCampaign, type TCampaignCreate } from './campaigns.schemas.js';
import type { TCampaignDialerHook } from './dialer-hook.js';
import { enrolmentFrame } from './enrolment-frame.js';
import { transition, type TCampaignAction, type TCampaignStatus } from './lifecycle.js';

/** contacts written per INSERT when a sample is stored */
const CONTACT_BATCH = 1000;

type TCampaignRow = Prisma.CampaignGetPayload<object>;
type TEventRow = Prisma.CampaignEventGetPayload<object>;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

function toView(row: TCampaignRow, contacts: Record<string, number>, events: TEventRow[]): TCampaign {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    mode: row.mode,
    schemeCode: row.schemeCode,
    surveyId: row.surveyId,
    queueId: row.queueId,
    callerId: row.callerId,
    startsOn: isoDate(row.startsOn),
    endsOn: isoDate(row.endsOn),
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    holidays: row.holidays.map(isoDate),
    maxAttempts: row.maxAttempts,
    retryPolicy: ZRetryPolicy.parse(row.retryPolicy),
    abandonCapPercent: row.abandonCapPct,
    sampling: ZSamplingSpec.parse(row.sampling),
    seed: row.seed,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    contacts,
    history: events.map((e) => ({ type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, userId: e.userId, at: e.at.toISOString() })),
  };
}

export type TCampaignService = ReturnType<typeof createCampaignService>;

/**
 * Campaigns from draft to their end: definition, the sample planned and drawn from the
 * enrolment registry, and every status change recorded with who made it. The dialer hears of
 * each committed change through its hook.
 */
export function createCampaignService(deps: {
  prisma: PrismaClient;
  sql: TSqlPool;
  /** the 1600-series number outbound calls show when a campaign names none */
  defaultCallerId: string;
  dialer?: TCampaignDialerHook;
  now?: () => Date;
}) {
  const { prisma, sql, defaultCallerId, dialer, now = () => new Date() } = deps;

  async function contactCounts(campaignIds: number[]): Promise<Map<number, Record<string, number>>> {
    const groups = await prisma.campaignContact.groupBy({ by: ['campaignId', 'status'], where: { campaignId: { in: campaignIds } }, _count: { _all: true } });
    const counts = new Map<number, Record<string, number>>();
    for (const g of groups) {
      const entry = counts.get(g.campaignId) ?? {};
      entry[g.status] = g._count._all;
      counts.set(g.campaignId, entry);
    }
    return counts;
  }

  async function view(id: number): Promise<TCampaign> {
    const row = await prisma.campaign.findUnique({ where: { id } });
    if (!row) throw NotFound(`Campaign ${id}`);
    const [counts, events] = await Promise.all([
      contactCounts([id]),
      prisma.campaignEvent.findMany({ where: { campaignId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
    ]);
    return toView(row, counts.get(id) ?? {}, events);
  }

  /** a referenced scheme, survey or queue that does not exist is the caller's mistake, named */
  async function checkReferences(input: TCampaignCreate): Promise<void> {
    const [scheme, survey, queue] = await Promise.all([
      input.schemeCode === undefined ? true : prisma.scheme.findUnique({ where: { code: input.schemeCode }, select: { code: true } }),
      input.surveyId === undefined ? true : prisma.survey.findUnique({ where: { id: input.surveyId }, select: { id: true } }),
      input.queueId === undefined ? true : prisma.queue.findUnique({ where: { id: input.queueId }, select: { id: true } }),
    ]);
    const problems = [
      ...(scheme ? [] : [{ field: 'body.schemeCode', message: `no scheme has the code ${input.schemeCode}` }]),
      ...(survey ? [] : [{ field: 'body.surveyId', message: `no survey has the id ${input.surveyId}` }]),
      ...(queue ? [] : [{ field: 'body.queueId', message: `no queue has the id ${input.queueId}` }]),
    ];
    if (problems.length > 0) throw Invalid('The campaign refers to something that does not exist', problems);
  }

  function samplingSpecOf(row: TCampaignRow, asOf: Date): TSamplingSpec {
    const sampling = ZSamplingSpec.parse(row.sampling);
    return { seed: row.seed, stratifyBy: sampling.strata, allocation: sampling.allocation, recentContactDays: sampling.recentContactDays, asOf };
  }

  async function sampleOf(row: TCampaignRow): Promise<TSample> {
    return drawSample(enrolmentFrame(sql, { schemeCode: row.schemeCode }), samplingSpecOf(row, now()));
  }

  return {
    async create(input: TCampaignCreate, actor: TAuthUser): Promise<TCampaign> {
      await checkReferences(input);
      const at = now();
      const row = await prisma.$transaction(async (tx) => {
        const created = await tx.campaign.create({
          data: {
            name: input.name,
            description: input.description ?? null,
            mode: input.mode,
            schemeCode: input.schemeCode ?? null,
            surveyId: input.surveyId ?? null,
            queueId: input.queueId ?? null,
            callerId: input.callerId ?? defaultCallerId,
            startsOn: new Date(`${input.startsOn}T00:00:00Z`),
            endsOn: new Date(`${input.endsOn}T00:00:00Z`),
            windowStart: input.windowStart,
            windowEnd: input.windowEnd,
            holidays: input.holidays.map((d) => new Date(`${d}T00:00:00Z`)),
            maxAttempts: input.maxAttempts,
            retryPolicy: input.retryPolicy,
            abandonCapPct: input.abandonCapPercent,
            sampling: input.sampling,
            seed: input.seed,
            createdById: actor.id,
          },
        });
        await tx.campaignEvent.create({ data: { campaignId: created.id, type: 'created', fromStatus: null, toStatus: 'draft', userId: actor.id, at } });
        return created;
      });
      return view(row.id);
    },

    async list(filter: { status?: TCampaignStatus }): Promise<{ campaigns: Omit<TCampaign, 'history'>[] }> {
      const rows = await prisma.campaign.findMany({ where: filter.status ? { status: filter.status } : {}, orderBy: { id: 'desc' }, take: 200 });
      const counts = await contactCounts(rows.map((r) => r.id));
      return {
        campaigns: rows.map((r) => {
          const { history: _history, ...rest } = toView(r, counts.get(r.id) ?? {}, []);
          return rest;
        }),
      };
    },

    get: view,

    /** what the sample would be if drawn now: planned against achievable per stratum, nothing written */
    async plan(id: number) {
      const row = await prisma.campaign.findUnique({ where: { id } });
      if (!row) throw NotFound(`Campaign ${id}`);
      const { plan } = await sampleOf(row);
      return plan;
    },

    /**
     * A status change. Scheduling draws the sample and stores its contacts in the same
     * transaction as the status, so a campaign is never scheduled without its contacts. The row
     * lock makes two simultaneous requests take turns: the second sees the new status and is
     * refused.
     */
    async act(id: number, action: TCampaignAction, actor: TAuthUser): Promise<TCampaign> {
      const current = await prisma.campaign.findUnique({ where: { id } });
      if (!current) throw NotFound(`Campaign ${id}`);
      const check = transition(current.status, action);
      if (!check.ok) throw Conflict(check.reason);
      // drawn before the transaction: reading the registry can take seconds, a lock should not
      const sample = action === 'schedule' ? await sampleOf(current) : null;
      if (sample && sample.contacts.length === 0) {
        throw Conflict(`The sample is empty: none of the ${sample.plan.population} enrolments in the frame can be called (see the plan's exclusions)`);
      }
      const changed = await prisma.$transaction(
        async (tx) => {
          const [locked] = await tx.$queryRaw<{ status: TCampaignStatus }[]>`SELECT status::text AS status FROM campaigns WHERE id = ${id} FOR UPDATE`;
          if (!locked) throw NotFound(`Campaign ${id}`);
          const step = transition(locked.status, action);
          if (!step.ok) throw Conflict(step.reason);
          if (sample) {
            for (let i = 0; i < sample.contacts.length; i += CONTACT_BATCH) {
              // stored in rank order, so ascending id is the order to dial in
              await tx.campaignContact.createMany({
                data: sample.contacts.slice(i, i + CONTACT_BATCH).map((c) => ({
                  campaignId: id,
                  residentId: c.residentId,
                  householdId: c.householdId,
                  enrolmentId: c.enrolmentId,
                  stratum: c.stratum,
                  phone: c.phone,
                })),
              });
            }
          }
          await tx.campaign.update({ where: { id }, data: { status: step.to } });
          await tx.campaignEvent.create({
            data: {
              campaignId: id,
              type: action,
              fromStatus: step.from,
              toStatus: step.to,
              userId: actor.id,
              at: now(),
              data: sample ? { sampled: sample.contacts.length, planned: sample.plan.planned, achievable: sample.plan.achievable } : undefined,
            },
          });
          return step.to;
        },
        { timeout: 60_000 },
      );
      await dialer?.campaignChanged(id, changed);
      return view(id);
    },
  };
}
