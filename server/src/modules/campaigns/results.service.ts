import { createHash } from 'node:crypto';
import {
  abandonmentReport,
  abandonPct,
  contactRates,
  floipPackage,
  indiaDate,
  latestAnswers,
  tallyAnswers,
  type TAttemptOutcome,
  type TContactStatus,
  type TResultAnswer,
  type TResultContact,
  type TResultQuestion,
} from '@samvad/campaigns';
import type { PrismaClient, TSqlPool } from '@samvad/db';
import { z } from 'zod';
import { NotFound } from '../../errors.js';
import type { TCampaignResults, TProgress } from './results.schemas.js';

/** The part of the ACD that results read: how many agents staff each queue now. */
export interface TStaffingSource {
  boardNow(): Promise<{ queues: readonly { code: string; agents: { ready: number; reserved: number; onCall: number; wrapUp: number } }[] }>;
}

/** what results need of a stored survey question; anything else in the definition is ignored */
const ZQuestion = z.looseObject({
  key: z.string(),
  type: z.enum(['single', 'yesno', 'rating', 'number', 'voice', 'text']),
  prompt: z.looseObject({ en: z.string().optional() }).optional(),
  options: z.record(z.string(), z.string()).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
const ZDefinition = z.looseObject({ questions: z.array(ZQuestion) });
type TQuestion = z.infer<typeof ZQuestion>;

/**
 * The results library knows no free-text question; counted like a voice answer (how many
 * answered, no tally of values), which is what a typed remark supports.
 */
function forLibrary(q: TQuestion): TResultQuestion {
  return { key: q.key, type: q.type === 'text' ? 'voice' : q.type, prompt: q.prompt, options: q.options, min: q.min, max: q.max };
}

/** a stored answer (JSON) in the library's vocabulary */
function answerValue(value: unknown): TResultAnswer['answer'] {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** A stable UUID (name-based, SHA-1, RFC 9562 version 5 layout) so a campaign's package keeps its id across downloads. */
function packageUuid(campaignId: number): string {
  const h = createHash('sha1').update(`samvad:campaign:${campaignId}:results`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with an apostrophe */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvAnswer(q: TQuestion, value: TResultAnswer['answer'] | undefined): string | number | null {
  if (value === undefined || value === null) return null;
  if (q.type === 'yesno') return value === true || value === 'true' ? 'yes' : 'no';
  return typeof value === 'boolean' ? String(value) : value;
}

interface TProgressRow {
  id: number;
  name: string;
  status: string;
  mode: string;
  abandon_cap_pct: number;
  queue_code: string | null;
  planned: number;
  dialled: number;
  completed: number;
  concluded: number;
  ringing: number;
  connected: number;
  answered: number;
  abandoned: number;
  answered_today: number;
  abandoned_today: number;
}

/** lines per staffed agent, rounded to hundredths */
const levelOf = (lines: number, agents: number | null) => (agents === null || agents === 0 ? null : Math.round((100 * lines) / agents) / 100);
const round2 = (n: number) => Math.round(n * 100) / 100;

export type TCampaignResultService = ReturnType<typeof createCampaignResultService>;

/**
 * A campaign's results: rates per stratum, abandonment, dial level, agents' talk time, answers
 * per question and stratum, the grievances its calls raised, and the two exports. The figures
 * come from the results library; this file reads the rows and shapes them.
 */
export function createCampaignResultService(deps: { prisma: PrismaClient; sql: TSqlPool; staffing?: TStaffingSource; now?: () => Date }) {
  const { prisma, sql, staffing, now = () => new Date() } = deps;

  async function staffedByQueue(): Promise<Map<string, number> | null> {
    if (!staffing) return null;
    const board = await staffing.boardNow();
    return new Map(board.queues.map((q) => [q.code, q.agents.ready + q.agents.reserved + q.agents.onCall + q.agents.wrapUp]));
  }

  /** one query for the contact counts and one for abandonment, for every campaign asked about */
  async function progressRows(filter: { ids: number[] } | 'running'): Promise<TProgressRow[]> {
    const at = now();
    const dayStart = new Date(`${indiaDate(at)}T00:00:00+05:30`);
    const where = filter === 'running' ? `c.status = 'running'` : `c.id = ANY($2::int[])`;
    const params: unknown[] = filter === 'running' ? [dayStart] : [dayStart, filter.ids];
    const { rows } = await sql.query<TProgressRow>(
      `WITH picked AS (SELECT c.id FROM campaigns c WHERE ${where}),
            contacts AS (
              SELECT cc.campaign_id,
                     count(*)::int AS planned,
                     count(*) FILTER (WHERE cc.attempts > 0)::int AS dialled,
                     count(*) FILTER (WHERE cc.status = 'completed')::int AS completed,
                     count(*) FILTER (WHERE cc.status NOT IN ('pending', 'dialing', 'in_progress'))::int AS concluded,
                     count(*) FILTER (WHERE cc.status = 'dialing')::int AS ringing,
                     count(*) FILTER (WHERE cc.status = 'in_progress')::int AS connected
                FROM campaign_contacts cc WHERE cc.campaign_id IN (SELECT id FROM picked) GROUP BY cc.campaign_id),
            calls AS (
              SELECT a.campaign_id,
                     count(*) FILTER (WHERE a.outcome IN ('answered', 'abandoned'))::int AS answered,
                     count(*) FILTER (WHERE a.outcome = 'abandoned')::int AS abandoned,
                     count(*) FILTER (WHERE a.outcome IN ('answered', 'abandoned') AND a.started_at >= $1)::int AS answered_today,
                     count(*) FILTER (WHERE a.outcome = 'abandoned' AND a.started_at >= $1)::int AS abandoned_today
                FROM campaign_attempts a WHERE a.campaign_id IN (SELECT id FROM picked) GROUP BY a.campaign_id)
       SELECT c.id, c.name, c.status::text AS status, c.mode::text AS mode, c.abandon_cap_pct, q.code AS queue_code,
              coalesce(k.planned, 0) AS planned, coalesce(k.dialled, 0) AS dialled, coalesce(k.completed, 0) AS completed,
              coalesce(k.concluded, 0) AS concluded, coalesce(k.ringing, 0) AS ringing, coalesce(k.connected, 0) AS connected,
              coalesce(x.answered, 0) AS answered, coalesce(x.abandoned, 0) AS abandoned,
              coalesce(x.answered_today, 0) AS answered_today, coalesce(x.abandoned_today, 0) AS abandoned_today
         FROM campaigns c JOIN picked p ON p.id = c.id
         LEFT JOIN queues q ON q.id = c.queue_id
         LEFT JOIN contacts k ON k.campaign_id = c.id
         LEFT JOIN calls x ON x.campaign_id = c.id
        ORDER BY c.id`,
      params,
    );
    return rows;
  }

  function toProgress(row: TProgressRow, staffed: Map<string, number> | null): TProgress & { staffedAgents: number | null; ringing: number; connected: number; mode: string } {
    const staffedAgents = staffed && row.queue_code ? (staffed.get(row.queue_code) ?? 0) : null;
    const inFlight = row.ringing + row.connected;
    return {
      campaignId: row.id,
      name: row.name,
      status: row.status,
      mode: row.mode,
      planned: row.planned,
      dialled: row.dialled,
      completed: row.completed,
      concluded: row.concluded,
      inFlight,
      ringing: row.ringing,
      connected: row.connected,
      staffedAgents,
      dialLevel: levelOf(inFlight, staffedAgents),
      abandonPctToday: round2(abandonPct({ answered: row.answered_today, abandoned: row.abandoned_today })),
      abandonPctCampaign: round2(abandonPct({ answered: row.answered, abandoned: row.abandoned })),
      abandonCapPct: row.abandon_cap_pct,
    };
  }

  async function campaignOf(id: number) {
    const campaign = await prisma.campaign.findUnique({ where: { id }, include: { survey: true } });
    if (!campaign) throw NotFound(`Campaign ${id}`);
    const definition = campaign.survey ? ZDefinition.safeParse(campaign.survey.definition) : null;
    const questions: TQuestion[] = definition?.success ? definition.data.questions : [];
    return { campaign, questions };
  }

  async function contactsOf(id: number): Promise<(TResultContact & { attempts: number; lastOutcome: string | null })[]> {
    const { rows } = await sql.query<{ id: number; stratum: string; status: TContactStatus; attempts: number; last_outcome: string | null }>(
      'SELECT id, stratum, status::text AS status, attempts, last_outcome FROM campaign_contacts WHERE campaign_id = $1 ORDER BY id',
      [id],
    );
    return rows.map((r) => ({ contactId: r.id, stratum: r.stratum, status: r.status, attempts: r.attempts, lastOutcome: r.last_outcome }));
  }

  async function answersOf(id: number): Promise<TResultAnswer[]> {
    const { rows } = await sql.query<{ id: number; contact_id: number | null; call_id: string | null; question_key: string; answer: unknown; answered_at: Date }>(
      'SELECT id, contact_id, call_id, question_key, answer, answered_at FROM survey_responses WHERE campaign_id = $1 ORDER BY answered_at, id',
      [id],
    );
    return rows.map((r) => ({ responseId: r.id, contactId: r.contact_id, callId: r.call_id, questionKey: r.question_key, answer: answerValue(r.answer), answeredAt: r.answered_at }));
  }

  /** the campaign's calls: those it placed (through its attempts) and those that name it */
  const CAMPAIGN_CALLS = `SELECT id FROM calls WHERE campaign_id = $1
                          UNION SELECT call_id FROM campaign_attempts WHERE campaign_id = $1 AND call_id IS NOT NULL`;

  return {
    /** progress of every running campaign: what the supervisors' live view is pushed */
    async running(): Promise<TProgress[]> {
      const [rows, staffed] = await Promise.all([progressRows('running'), staffedByQueue()]);
      return rows.map((r) => {
        const { staffedAgents: _s, ringing: _r, connected: _c, mode: _m, ...progress } = toProgress(r, staffed);
        return progress;
      });
    },

    async results(id: number): Promise<TCampaignResults> {
      const { campaign, questions } = await campaignOf(id);
      const at = now();
      const [contacts, attemptRows, answers, talk, grievances, rows, staffed] = await Promise.all([
        contactsOf(id),
        sql.query<{ contact_id: number; started_at: Date; outcome: TAttemptOutcome | null }>('SELECT contact_id, started_at, outcome FROM campaign_attempts WHERE campaign_id = $1', [id]),
        answersOf(id),
        sql.query<{ agent_id: number; username: string; display_name: string; calls: number; total_sec: number }>(
          `SELECT u.id AS agent_id, u.username, u.display_name, count(*)::int AS calls,
                  sum(extract(epoch FROM (c.ended_at - c.bridged_at)))::float8 AS total_sec
             FROM calls c
             JOIN users u ON u.id = coalesce(c.agent_id, (SELECT a.agent_id FROM campaign_attempts a WHERE a.call_id = c.id AND a.agent_id IS NOT NULL LIMIT 1))
            WHERE c.id IN (${CAMPAIGN_CALLS}) AND c.bridged_at IS NOT NULL AND c.ended_at IS NOT NULL
            GROUP BY u.id, u.username, u.display_name ORDER BY u.id`,
          [id],
        ),
        sql.query<{ docket_no: string; status: string; category_code: string; created_at: Date }>(
          `SELECT docket_no, status::text AS status, category_code, created_at FROM grievances
            WHERE campaign_id = $1 OR call_id IN (${CAMPAIGN_CALLS}) ORDER BY created_at, id`,
          [id],
        ),
        progressRows({ ids: [id] }),
        staffedByQueue(),
      ]);
      const row = rows[0];
      if (!row) throw NotFound(`Campaign ${id}`);
      const { staffedAgents, ringing, connected, mode, ...progress } = toProgress(row, staffed);
      const abandonment = abandonmentReport(attemptRows.rows.map((a) => ({ contactId: a.contact_id, startedAt: a.started_at, outcome: a.outcome })));
      const today = indiaDate(at);
      const todayCount = abandonment.days.find((d) => d.date === today) ?? { date: today, answered: 0, abandoned: 0, pct: 0 };
      const tallies = tallyAnswers(questions.map(forLibrary), contacts, answers);
      const totalSec = talk.rows.reduce((sum, r) => sum + r.total_sec, 0);
      const talkCalls = talk.rows.reduce((sum, r) => sum + r.calls, 0);
      return {
        campaignId: campaign.id,
        name: campaign.name,
        status: campaign.status,
        surveyId: campaign.surveyId,
        at: at.toISOString(),
        progress,
        rates: contactRates(contacts),
        abandonment: {
          today: { ...todayCount, pct: round2(todayCount.pct) },
          campaign: { ...abandonment.campaign, pct: round2(abandonment.campaign.pct) },
          days: abandonment.days.map((d) => ({ ...d, pct: round2(d.pct) })),
          capPct: campaign.abandonCapPct,
        },
        dialing: { mode, ringing, connected, staffedAgents, dialLevel: progress.dialLevel },
        talkTime: {
          calls: talkCalls,
          totalSec: round2(totalSec),
          averageSec: talkCalls === 0 ? null : round2(totalSec / talkCalls),
          agents: talk.rows.map((r) => ({ agentId: r.agent_id, username: r.username, displayName: r.display_name, calls: r.calls, totalSec: round2(r.total_sec) })),
        },
        questions: tallies.map((t, i) => {
          const q = questions[i];
          return { key: t.key, type: q?.type ?? t.type, label: q?.prompt?.en ?? t.key, total: t.total, strata: t.strata };
        }),
        grievances: {
          count: grievances.rows.length,
          dockets: grievances.rows.map((g) => ({ docketNo: g.docket_no, status: g.status, categoryCode: g.category_code, createdAt: g.created_at.toISOString() })),
        },
      };
    },

    /**
     * The CSV export: one row per sampled contact, a column per question (the latest answer),
     * so non-response is visible and the file opens as a respondent table. No names or phone
     * numbers: the contact id links back to the campaign for those who may see them.
     */
    async csv(id: number, write: (chunk: string) => Promise<void>): Promise<void> {
      const { questions } = await campaignOf(id);
      const [contacts, answers] = await Promise.all([contactsOf(id), answersOf(id)]);
      const byContact = new Map<string, Map<string, TResultAnswer>>();
      for (const a of latestAnswers(answers)) {
        const who = a.contactId !== null ? `c${a.contactId}` : `call:${a.callId ?? ''}`;
        const entry = byContact.get(who) ?? new Map<string, TResultAnswer>();
        entry.set(a.questionKey, a);
        byContact.set(who, entry);
      }
      const header = ['contact_id', 'stratum', 'status', 'attempts', 'last_outcome', 'call_id', 'answered_at', ...questions.map((q) => q.key)];
      const line = (cells: (string | number | boolean | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;
      const rowOf = (contact: (typeof contacts)[number] | null, given: Map<string, TResultAnswer> | undefined) => {
        const latest = given ? [...given.values()].reduce<TResultAnswer | null>((m, a) => (!m || a.answeredAt > m.answeredAt ? a : m), null) : null;
        return line([
          contact?.contactId,
          contact?.stratum,
          contact?.status,
          contact?.attempts,
          contact?.lastOutcome,
          latest?.callId,
          latest?.answeredAt.toISOString(),
          ...questions.map((q) => csvAnswer(q, given?.get(q.key)?.answer)),
        ]);
      };
      // a byte-order mark, so spreadsheets read the Hindi in typed answers as UTF-8
      let chunk = `\uFEFF${line(header)}`;
      for (const contact of contacts) {
        chunk += rowOf(contact, byContact.get(`c${contact.contactId}`));
        if (chunk.length > 64_000) {
          await write(chunk);
          chunk = '';
        }
      }
      for (const [who, given] of byContact) if (who.startsWith('call:')) chunk += rowOf(null, given);
      await write(chunk);

    },

    /** The FLOIP results package: the descriptor, the data file (one row per answer), or both in one file. */
    async floip(id: number, part: 'package' | 'descriptor' | 'data'): Promise<{ filename: string; body: string }> {
      const { campaign, questions } = await campaignOf(id);
      const [contacts, answers] = await Promise.all([contactsOf(id), answersOf(id)]);
      const lastAnswer = answers.reduce<Date | null>((m, a) => (!m || a.answeredAt > m ? a.answeredAt : m), null);
      const name = `samvad-campaign-${campaign.id}`;
      const pkg = floipPackage({
        id: packageUuid(campaign.id),
        name,
        title: campaign.name,
        created: campaign.createdAt,
        modified: lastAnswer && lastAnswer > campaign.updatedAt ? lastAnswer : campaign.updatedAt,
        questions: questions.map(forLibrary),
        contacts,
        answers,
      });
      // free text is an "open" question in the specification's vocabulary
      const textKeys = new Set(questions.filter((q) => q.type === 'text').map((q) => q.key));
      const resources = pkg.descriptor.resources.map((r) => ({
        ...r,
        schema: {
          ...r.schema,
          questions: Object.fromEntries(Object.entries(r.schema.questions).map(([key, q]) => [key, textKeys.has(key) ? { ...q, type: 'open', type_options: {} } : q])),
        },
      }));
      const descriptor = { ...pkg.descriptor, resources };
      if (part === 'data') return { filename: `${name}-data.json`, body: pkg.dataJson };
      if (part === 'descriptor') return { filename: 'datapackage.json', body: `${JSON.stringify(descriptor, null, 2)}\n` };
      // the Data Package form with the rows inline instead of a path: one file to hand over
      const inline = { ...descriptor, resources: resources.map(({ path: _path, ...r }) => ({ ...r, data: pkg.rows })) };
      return { filename: `${name}.json`, body: `${JSON.stringify(inline)}\n` };
    },
  };
}
