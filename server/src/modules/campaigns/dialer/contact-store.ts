import {
  callingCalendar,
  nextDialableAt,
  retryPolicyFrom,
  type TAbandonment,
  type TAttemptOutcome,
  type TAttemptRecord,
  type TCampaignSchedule,
  type TContactStatus,
  type TDialDecision,
} from '@samvad/campaigns';
import type { TSqlPool } from '@samvad/db';

export interface TRunningCampaign {
  id: number;
  mode: 'preview' | 'progressive' | 'predictive' | 'ivr';
  queueId: number | null;
  callerId: string;
  schedule: TCampaignSchedule;
  /** abandoned calls allowed, in % of answered ones, per day and over the campaign */
  abandonCapPct: number;
  surveyId: number | null;
}

export interface TClaimedDial {
  attemptId: number;
  campaignId: number;
  contactId: number;
  attemptNo: number;
  phone: string;
  callerId: string;
}

interface TCampaignRowSql {
  id: number;
  mode: TRunningCampaign['mode'];
  queue_id: number | null;
  caller_id: string;
  starts_on: Date;
  ends_on: Date;
  window_start: string;
  window_end: string;
  holidays: Date[];
  max_attempts: number;
  retry_policy: unknown;
  abandon_cap_pct: number;
  survey_id: number | null;
}

function scheduleOf(row: TCampaignRowSql): TCampaignSchedule {
  return {
    calendar: callingCalendar({ startsOn: row.starts_on, endsOn: row.ends_on, windowStart: row.window_start, windowEnd: row.window_end, holidays: row.holidays }),
    retry: retryPolicyFrom(row.retry_policy, row.max_attempts).policy,
  };
}

function runningOf(row: TCampaignRowSql): TRunningCampaign {
  return { id: row.id, mode: row.mode, queueId: row.queue_id, callerId: row.caller_id, schedule: scheduleOf(row), abandonCapPct: row.abandon_cap_pct, surveyId: row.survey_id };
}

const CAMPAIGN_COLUMNS = `id, mode::text AS mode, queue_id, caller_id, starts_on, ends_on, window_start, window_end, holidays, max_attempts, retry_policy, abandon_cap_pct, survey_id`;

/**
 * The dialer's reads and writes on campaign contacts and attempts. The database is the one
 * truth about who may be dialled: a contact is claimed by a single statement that moves it from
 * `pending` to `dialing` and writes its attempt row, so a second claim of the same attempt (a
 * duplicate job, a second worker, a job retried after a crash) finds nothing to claim.
 */
export function createContactStore(sql: TSqlPool) {
  async function campaign(id: number): Promise<TRunningCampaign | null> {
    const { rows } = await sql.query<TCampaignRowSql>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE id = $1`, [id]);
    const row = rows[0];
    return row ? runningOf(row) : null;
  }

  /** when (or whether) the contact may be dialled again, by its whole history */
  async function decide(contactId: number, target: TRunningCampaign, at: Date): Promise<TDialDecision> {
    const { rows: history } = await sql.query<{ started_at: Date; ended_at: Date | null; outcome: TAttemptOutcome }>(
      `SELECT started_at, ended_at, outcome FROM campaign_attempts WHERE contact_id = $1 AND outcome IS NOT NULL ORDER BY started_at`,
      [contactId],
    );
    const { rows: contactRows } = await sql.query<{ last_abandon_at: Date | null }>(`SELECT last_abandon_at FROM campaign_contacts WHERE id = $1`, [contactId]);
    const records: TAttemptRecord[] = history.map((h) => ({ at: h.started_at, endedAt: h.ended_at, outcome: h.outcome }));
    return nextDialableAt({ status: 'pending', lastAbandonAt: contactRows[0]?.last_abandon_at ?? null }, records, target.schedule, at);
  }

  /** stores when (or whether) the contact is dialled again, after an attempt that found `outcome` */
  async function reschedule(contactId: number, target: TRunningCampaign, outcome: TAttemptOutcome, at: Date): Promise<TDialDecision> {
    const decision = await decide(contactId, target, at);
    await sql.query(
      `UPDATE campaign_contacts SET status = $2::contact_status, next_attempt_at = $3, last_outcome = $4,
              last_abandon_at = CASE WHEN $4 = 'abandoned' THEN $5 ELSE last_abandon_at END, updated_at = $5
        WHERE id = $1`,
      [contactId, decision.status, decision.at, outcome, at],
    );
    return decision;
  }

  /**
   * An interview begun and not finished: the contact is called again after the partial delay
   * while attempts remain (the survey starts over, its latest answers count), else it stays partial.
   */
  async function reschedulePartial(contactId: number, at: Date): Promise<TDialDecision | null> {
    const { rows } = await sql.query<{ campaign_id: number }>(`SELECT campaign_id FROM campaign_contacts WHERE id = $1 AND status = 'partial'`, [contactId]);
    const target = rows[0] ? await campaign(rows[0].campaign_id) : null;
    if (!target) return null;
    const decision = await decide(contactId, target, at);
    await sql.query(`UPDATE campaign_contacts SET status = $2::contact_status, next_attempt_at = $3, updated_at = $4 WHERE id = $1 AND status = 'partial'`, [
      contactId,
      decision.status,
      decision.at,
      at,
    ]);
    return decision;
  }

  return {
    campaign,

    async running(): Promise<TRunningCampaign[]> {
      const { rows } = await sql.query<TCampaignRowSql>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE status = 'running' ORDER BY id`);
      return rows.map(runningOf);
    },

    /**
     * Calls of the campaign placed and not yet answered; with `answered`, those a person
     * answered and still on the line too (an agentless survey keeps its line to the end).
     */
    async inFlight(campaignId: number, answered = false): Promise<number> {
      const { rows } = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM campaign_contacts WHERE campaign_id = $1 AND (status = 'dialing' OR ($2 AND status = 'in_progress'))`,
        [campaignId, answered],
      );
      return rows[0]?.n ?? 0;
    },

    /** seconds since each call of the campaign still ringing (claimed, no result yet) was placed */
    async ringingAges(campaignId: number, now: Date): Promise<number[]> {
      const { rows } = await sql.query<{ age: number }>(
        `SELECT EXTRACT(EPOCH FROM ($2::timestamptz - a.started_at))::float8 AS age
           FROM campaign_attempts a JOIN campaign_contacts c ON c.id = a.contact_id
          WHERE a.campaign_id = $1 AND a.outcome IS NULL AND c.status = 'dialing'`,
        [campaignId, now],
      );
      return rows.map((r) => Math.max(0, r.age));
    },

    /**
     * Calls a person answered and those of them abandoned, since `dayStart` and over the whole
     * campaign: the two counts the abandonment cap holds on.
     */
    async abandonment(campaignId: number, dayStart: Date): Promise<TAbandonment> {
      const { rows } = await sql.query<{ answered: number; abandoned: number; answered_today: number; abandoned_today: number }>(
        `SELECT count(*) FILTER (WHERE outcome IN ('answered', 'abandoned'))::int AS answered,
                count(*) FILTER (WHERE outcome = 'abandoned')::int AS abandoned,
                count(*) FILTER (WHERE outcome IN ('answered', 'abandoned') AND started_at >= $2)::int AS answered_today,
                count(*) FILTER (WHERE outcome = 'abandoned' AND started_at >= $2)::int AS abandoned_today
           FROM campaign_attempts WHERE campaign_id = $1`,
        [campaignId, dayStart],
      );
      const row = rows[0] ?? { answered: 0, abandoned: 0, answered_today: 0, abandoned_today: 0 };
      return { today: { answered: row.answered_today, abandoned: row.abandoned_today }, campaign: { answered: row.answered, abandoned: row.abandoned } };
    },

    /** the share of recent settled attempts a person answered, to start a pacer's belief from (null: no history) */
    async recentAnswerRate(campaignId: number, limit = 500): Promise<number | null> {
      const { rows } = await sql.query<{ n: number; humans: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE outcome IN ('answered', 'abandoned'))::int AS humans
           FROM (SELECT outcome FROM campaign_attempts WHERE campaign_id = $1 AND outcome IS NOT NULL ORDER BY started_at DESC LIMIT $2) recent`,
        [campaignId, limit],
      );
      const row = rows[0];
      return row && row.n >= 50 ? row.humans / row.n : null;
    },

    /** the end of an agentless survey call: every question answered completes the contact, fewer leaves it partial */
    async concludeIvr(attemptId: number, result: 'completed' | 'partial', at: Date): Promise<void> {
      const { rows } = await sql.query<{ id: number }>(
        `UPDATE campaign_contacts SET status = $2::contact_status, last_outcome = $2, updated_at = $3
          WHERE id = (SELECT contact_id FROM campaign_attempts WHERE id = $1) AND status = 'in_progress' RETURNING id`,
        [attemptId, result, at],
      );
      const contact = rows[0];
      if (contact && result === 'partial') await reschedulePartial(contact.id, at);
    },

    reschedulePartial,

    /** contacts whose time has come, in the sample's rank order (ascending id), with the attempt each would be */
    async due(campaignId: number, now: Date, limit: number): Promise<{ contactId: number; attemptNo: number }[]> {
      if (limit <= 0) return [];
      const { rows } = await sql.query<{ id: number; attempts: number }>(
        `SELECT id, attempts FROM campaign_contacts
          WHERE campaign_id = $1 AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
          ORDER BY next_attempt_at NULLS FIRST, id LIMIT $3`,
        [campaignId, now, limit],
      );
      return rows.map((r) => ({ contactId: r.id, attemptNo: r.attempts + 1 }));
    },

    /** the attempt a contact waiting to be dialled would be next; null when it is not waiting */
    async nextAttemptNo(contactId: number): Promise<number | null> {
      const { rows } = await sql.query<{ attempts: number }>(`SELECT attempts FROM campaign_contacts WHERE id = $1 AND status = 'pending'`, [contactId]);
      return rows[0] ? rows[0].attempts + 1 : null;
    },

    /** the agent who placed an attempt (preview mode) */
    async attemptAgent(attemptId: number, userId: number): Promise<void> {
      await sql.query(`UPDATE campaign_attempts SET agent_id = $2 WHERE id = $1`, [attemptId, userId]);
    },

    /** claims one attempt of a running campaign's contact; null when it is not (or no longer) this attempt's to make */
    async claim(contactId: number, attemptNo: number, now: Date): Promise<TClaimedDial | null> {
      const { rows } = await sql.query<{ attempt_id: number; campaign_id: number; phone: string; caller_id: string }>(
        `WITH claimed AS (
           UPDATE campaign_contacts c SET status = 'dialing', attempts = c.attempts + 1, updated_at = $3
             FROM campaigns k
            WHERE c.id = $1 AND c.status = 'pending' AND c.attempts = $2 - 1 AND k.id = c.campaign_id AND k.status = 'running'
           RETURNING c.id, c.campaign_id, c.phone, c.attempts, k.caller_id
         ), attempt AS (
           INSERT INTO campaign_attempts (campaign_id, contact_id, attempt_no, started_at)
           SELECT campaign_id, id, attempts, $3 FROM claimed
           ON CONFLICT (contact_id, attempt_no) DO NOTHING
           RETURNING id, campaign_id
         )
         SELECT a.id AS attempt_id, a.campaign_id, c.phone, c.caller_id FROM attempt a JOIN claimed c ON c.campaign_id = a.campaign_id`,
        [contactId, attemptNo, now],
      );
      const row = rows[0];
      return row ? { attemptId: row.attempt_id, campaignId: row.campaign_id, contactId, attemptNo, phone: row.phone, callerId: row.caller_id } : null;
    },

    /**
     * What an attempt found, and so when (or whether) the contact is dialled again. Only the
     * first result of an attempt counts: a late or repeated event changes nothing.
     */
    async finishAttempt(attemptId: number, outcome: TAttemptOutcome, at: Date, callId: string | null): Promise<TDialDecision | null> {
      const { rows: ended } = await sql.query<{ contact_id: number; campaign_id: number }>(
        `UPDATE campaign_attempts SET outcome = $2, ended_at = $3, call_id = (SELECT id FROM calls WHERE id = $4::uuid)
          WHERE id = $1 AND outcome IS NULL RETURNING contact_id, campaign_id`,
        [attemptId, outcome, at, callId],
      );
      const attempt = ended[0];
      if (!attempt) return null;
      const target = await campaign(attempt.campaign_id);
      if (!target) return null;
      if (outcome === 'answered') {
        // the conversation decides the contact's outcome; until then it is in progress
        await sql.query(`UPDATE campaign_contacts SET status = 'in_progress', last_outcome = $2, updated_at = $3 WHERE id = $1`, [attempt.contact_id, outcome, at]);
        return null;
      }
      return reschedule(attempt.contact_id, target, outcome, at);
    },

    /**
     * The end of an answered call handed to the agents: a conversation completes the contact; a
     * citizen who hung up before any agent took them was abandoned by us, which blocks redial
     * for the quiet hours.
     */
    async concludeAnswered(attemptId: number, result: 'completed' | 'abandoned', at: Date): Promise<TDialDecision | null> {
      if (result === 'completed') {
        await sql.query(
          `UPDATE campaign_contacts SET status = 'completed', last_outcome = 'completed', updated_at = $2
            WHERE id = (SELECT contact_id FROM campaign_attempts WHERE id = $1) AND status = 'in_progress'`,
          [attemptId, at],
        );
        return null;
      }
      const { rows } = await sql.query<{ contact_id: number; campaign_id: number }>(
        `UPDATE campaign_attempts SET outcome = 'abandoned', ended_at = $2 WHERE id = $1 AND outcome = 'answered' RETURNING contact_id, campaign_id`,
        [attemptId, at],
      );
      const attempt = rows[0];
      const target = attempt ? await campaign(attempt.campaign_id) : null;
      return attempt && target ? reschedule(attempt.contact_id, target, 'abandoned', at) : null;
    },

    /**
     * Answered attempts whose contact is still in progress long after the answer: the process
     * that had the conversation stopped before it could conclude it. Like `lostAttempts`, it
     * reads only the contacts in the air of live campaigns, through their index, however many
     * attempts the campaigns have made.
     */
    async lostConversations(answeredBefore: Date): Promise<{ attemptId: number; campaignId: number }[]> {
      const { rows } = await sql.query<{ id: number; campaign_id: number }>(
        `SELECT a.id, a.campaign_id FROM campaigns k
           JOIN campaign_contacts c ON c.campaign_id = k.id AND c.status = 'in_progress'
           JOIN campaign_attempts a ON a.contact_id = c.id AND a.attempt_no = c.attempts
          WHERE k.status IN ('running', 'paused') AND a.outcome = 'answered' AND a.ended_at < $1`,
        [answeredBefore],
      );
      return rows.map((r) => ({ attemptId: r.id, campaignId: r.campaign_id }));
    },

    /** a lost conversation: the contact goes back to the retry rules, as after a failed call */
    async rescheduleLostConversation(attemptId: number, at: Date): Promise<TDialDecision | null> {
      const { rows } = await sql.query<{ contact_id: number; campaign_id: number }>(
        `UPDATE campaign_contacts c SET status = 'pending', updated_at = $2
           FROM campaign_attempts a
          WHERE a.id = $1 AND c.id = a.contact_id AND c.status = 'in_progress' AND a.attempt_no = c.attempts
          RETURNING a.contact_id, a.campaign_id`,
        [attemptId, at],
      );
      const lost = rows[0];
      const target = lost ? await campaign(lost.campaign_id) : null;
      return lost && target ? reschedule(lost.contact_id, target, 'failed', at) : null;
    },

    /**
     * Attempts that started long ago and never reported back (the worker died between the
     * claim and the call, or the provider lost the call): counted as failed, so the contact is
     * rescheduled by the retry rules instead of staying `dialing` for ever. A paused campaign's
     * calls are swept too: pausing stops new dials, not the calls already placed.
     */
    async lostAttempts(olderThan: Date): Promise<{ attemptId: number; campaignId: number }[]> {
      const { rows } = await sql.query<{ id: number; campaign_id: number }>(
        `SELECT a.id, a.campaign_id FROM campaigns k
           JOIN campaign_contacts c ON c.campaign_id = k.id AND c.status = 'dialing'
           JOIN campaign_attempts a ON a.contact_id = c.id AND a.attempt_no = c.attempts
          WHERE k.status IN ('running', 'paused') AND a.outcome IS NULL AND a.started_at < $1`,
        [olderThan],
      );
      return rows.map((r) => ({ attemptId: r.id, campaignId: r.campaign_id }));
    },
  };
}

export type TContactStore = ReturnType<typeof createContactStore>;
export type { TContactStatus };
