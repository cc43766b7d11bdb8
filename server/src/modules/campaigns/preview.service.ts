import { isInsideWindow } from '@samvad/campaigns';
import type { TSqlPool } from '@samvad/db';
import { Conflict, NotFound } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import type { TCampaignCallService } from './campaign-calls.service.js';
import type { TCampaignDialerHook } from './dialer-hook.js';
import { createContactStore } from './dialer/contact-store.js';
import type { TPreviewDesk } from './preview.schemas.js';

/** how long a contact an agent opened stays theirs without a dial or a skip */
export const PREVIEW_HOLD_MS = 10 * 60_000;
/** the dial timeout (30 s), machine detection and the hand-over, with room to spare */
export const OWN_CALL_HOLD_SEC = 45;
/** a skipped contact comes round again after this */
export const SKIP_DELAY_MS = 30 * 60_000;

/** what the preview needs of the ACD: the agent as it stands now */
export type TPreviewAgentOf = (userId: number) => Promise<{ username: string; displayName: string; state: string; skills: readonly string[] }>;

interface TPreviewCampaignRow {
  id: number;
  name: string;
  queue: string;
  language: string | null;
  department_code: string | null;
  due: number;
}

const CAMPAIGNS_SQL = `
  SELECT k.id, k.name, q.code AS queue, q.language::text AS language, q.department_code,
         (SELECT count(*)::int FROM campaign_contacts c
           WHERE c.campaign_id = k.id AND c.status = 'pending' AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= $1)) AS due
    FROM campaigns k JOIN queues q ON q.id = k.queue_id
   WHERE k.status = 'running' AND k.mode = 'preview'
   ORDER BY k.id`;

const NEXT_SQL = `
  SELECT id FROM campaign_contacts
   WHERE campaign_id = $1 AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $2) AND NOT (id = ANY($3::int[]))
   ORDER BY next_attempt_at NULLS FIRST, id LIMIT 1`;

const SKIP_SQL = `
  WITH skipped AS (
    UPDATE campaign_contacts SET next_attempt_at = $2, updated_at = $3 WHERE id = $1 AND status = 'pending' RETURNING id
  )
  INSERT INTO campaign_contact_events (contact_id, type, at, data)
  SELECT id, 'agent.skipped', $3, jsonb_build_object('userId', $4::int) FROM skipped RETURNING contact_id`;

export type TPreviewService = ReturnType<typeof createPreviewService>;

/**
 * Preview mode: an agent opens the next contact of a running preview campaign, reads the
 * household and the script, then dials or skips. An opened contact is held for that agent (in
 * this process: a restart lets it go back to the pool, which loses nothing); the dial goes
 * through the dialer's claim, so it is one attempt like any other, and the person who answers
 * is routed to that agent alone.
 */
export function createPreviewService(deps: {
  sql: TSqlPool;
  calls: TCampaignCallService;
  agentOf: TPreviewAgentOf;
  dialer?: TCampaignDialerHook;
  /** keeps other calls away from the agent while the contact's phone rings */
  awaitOwnCall?: (userId: number, seconds: number) => { placed(callId: string): void; cancel(): void };
  now?: () => Date;
}) {
  const { sql, calls, agentOf } = deps;
  const now = deps.now ?? (() => new Date());
  const store = createContactStore(sql);
  /** contact → who holds it until when */
  const held = new Map<number, { userId: number; until: number }>();
  const lastDial = new Map<number, { contactId: number; callId: string; attemptId: number }>();

  function heldBy(userId: number): number | null {
    const at = now().getTime();
    for (const [contactId, hold] of held) {
      if (hold.until <= at) held.delete(contactId);
      else if (hold.userId === userId) return contactId;
    }
    return null;
  }

  function release(contactId: number) {
    held.delete(contactId);
  }

  /** the preview campaigns whose queue the agent has the skills for */
  async function campaignsFor(skills: readonly string[]) {
    const at = now();
    const { rows } = await sql.query<TPreviewCampaignRow>(CAMPAIGNS_SQL, [at]);
    const mine = rows.filter((r) => [r.language, r.department_code].every((need) => need === null || skills.includes(need)));
    return Promise.all(
      mine.map(async (r) => {
        const campaign = await store.campaign(r.id);
        return { id: r.id, name: r.name, queue: r.queue, due: r.due, open: campaign ? isInsideWindow(campaign.schedule.calendar, at) : false };
      }),
    );
  }

  async function ownHold(user: TAuthUser, contactId: number) {
    if (heldBy(user.id) !== contactId) throw Conflict('This contact is not open on your desk; open the next contact again');
  }

  return {
    async desk(user: TAuthUser, ip?: string): Promise<TPreviewDesk> {
      const agent = await agentOf(user.id);
      const open = heldBy(user.id);
      const dial = lastDial.get(user.id);
      let outcome: string | null = null;
      if (dial) {
        const { rows } = await sql.query<{ outcome: string | null }>(`SELECT outcome FROM campaign_attempts WHERE id = $1`, [dial.attemptId]);
        outcome = rows[0]?.outcome ?? null;
      }
      return {
        campaigns: await campaignsFor(agent.skills),
        current: open === null ? null : await calls.preview(open, user, agent.displayName, ip),
        lastDial: dial ? { contactId: dial.contactId, callId: dial.callId, outcome } : null,
      };
    },

    /** opens the campaign's next due contact for this agent, holding it for them */
    async next(user: TAuthUser, campaignId: number, ip?: string) {
      const agent = await agentOf(user.id);
      const campaign = (await campaignsFor(agent.skills)).find((c) => c.id === campaignId);
      if (!campaign) throw NotFound('Preview campaign');
      if (!campaign.open) throw Conflict('The campaign is outside its calling window now');
      // one contact open at a time: opening the next lets the previous go
      const previous = heldBy(user.id);
      if (previous !== null) release(previous);
      const { rows } = await sql.query<{ id: number }>(NEXT_SQL, [campaignId, now(), [...held.keys()]]);
      const contactId = rows[0]?.id;
      if (contactId === undefined) throw Conflict('No contact of this campaign is due now');
      held.set(contactId, { userId: user.id, until: now().getTime() + PREVIEW_HOLD_MS });
      return calls.preview(contactId, user, agent.displayName, ip);
    },

    /** dials the contact the agent has open; the answer comes to this agent's desk as an offer */
    async dial(user: TAuthUser, contactId: number) {
      await ownHold(user, contactId);
      const agent = await agentOf(user.id);
      if (agent.state !== 'ready') throw Conflict('Go ready to dial: the person who answers is put through to you');
      if (!deps.dialer?.dialNow) throw Conflict('This server does not dial campaigns');
      const own = deps.awaitOwnCall?.(user.id, OWN_CALL_HOLD_SEC);
      const placed = await deps.dialer.dialNow(contactId, { userId: user.id, username: agent.username }).catch((error: unknown) => {
        own?.cancel();
        throw error;
      });
      release(contactId);
      if (!placed) {
        own?.cancel();
        throw Conflict('This contact can no longer be dialled (the campaign paused, or the contact was concluded)');
      }
      own?.placed(placed.callId);
      lastDial.set(user.id, { contactId, ...placed });
      return { contactId, callId: placed.callId };
    },

    /** the agent passes on the contact for now: it comes round again later */
    async skip(user: TAuthUser, contactId: number) {
      await ownHold(user, contactId);
      const at = now();
      const nextAttemptAt = new Date(at.getTime() + SKIP_DELAY_MS);
      await sql.query(SKIP_SQL, [contactId, nextAttemptAt, at, user.id]);
      release(contactId);
      return { contactId, nextAttemptAt: nextAttemptAt.toISOString() };
    },
  };
}
