import { renderPrompt, type TVarValue } from '@samvad/ivr-flows';
import type { TSqlPool } from '@samvad/db';
import type { TFinishWrapUp } from '../../acd/acd.schemas.js';
import { Invalid, NotFound } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import type { TAuditLog } from '../audit/audit.service.js';
import { checkAnswer, ZStoredSurvey, type TStoredQuestion, type TStoredSurvey } from '../surveys/survey-definition.js';
import { type TCampaignAnswers, type TCampaignCall, type TCampaignCallOutcome } from './campaign-calls.schemas.js';
import { createContactStore } from './dialer/contact-store.js';

/** the call an agent is offered, on, or wrapping up; null when they have none */
export type TAgentCallOf = (userId: number) => Promise<{ callId: string | null; displayName: string } | null>;

interface TCallRow {
  /** null for a contact previewed before any call */
  attempt_id: number | null;
  contact_attempts: number;
  attempt_no: number;
  contact_id: number;
  stratum: string;
  contact_status: string;
  resident_id: number;
  household_id: number;
  enrolment_id: number | null;
  campaign_id: number;
  campaign_name: string;
  mode: string;
  scheme_code: string | null;
  scheme_en: string | null;
  scheme_hi: string | null;
  survey_id: number | null;
  survey_code: string | null;
  survey_version: number | null;
  survey_title: string | null;
  survey_title_hi: string | null;
  definition: unknown;
  name_en: string;
  name_hi: string;
  gender: string;
  birth_date: Date;
  language: string;
  village: string;
  block_en: string;
  block_hi: string;
  district_en: string;
  district_hi: string;
}

const CONTEXT_COLUMNS = `
  c.id AS contact_id, c.stratum, c.status::text AS contact_status, c.attempts AS contact_attempts, c.resident_id, c.household_id, c.enrolment_id,
  k.id AS campaign_id, k.name AS campaign_name, k.mode::text AS mode, k.scheme_code, s.name_en AS scheme_en, s.name_hi AS scheme_hi,
  v.id AS survey_id, v.code AS survey_code, v.version AS survey_version, v.title AS survey_title, v.title_hi AS survey_title_hi, v.definition,
  r.name_en, r.name_hi, r.gender::text AS gender, r.birth_date, r.language::text AS language,
  h.village, b.name AS block_en, b.name_hi AS block_hi, d.name AS district_en, d.name_hi AS district_hi`;

const CONTEXT_JOINS = `
    JOIN campaigns k ON k.id = c.campaign_id
    LEFT JOIN schemes s ON s.code = k.scheme_code
    LEFT JOIN surveys v ON v.id = k.survey_id
    JOIN residents r ON r.id = c.resident_id
    JOIN households h ON h.id = c.household_id
    JOIN blocks b ON b.id = h.block_id
    JOIN districts d ON d.lgd_code = h.district_code`;

// A campaign call's row names its contact (the dialer links it before the agents hear of it); the
// attempt is the one that placed this call, else the contact's latest.
const CALL_SQL = `
  SELECT a.id AS attempt_id, a.attempt_no, ${CONTEXT_COLUMNS}
    FROM calls l
    JOIN campaign_contacts c ON c.id = l.campaign_contact_id
    JOIN LATERAL (
      SELECT id, attempt_no FROM campaign_attempts WHERE contact_id = c.id ORDER BY (call_id = l.id) DESC NULLS LAST, attempt_no DESC LIMIT 1
    ) a ON true
    ${CONTEXT_JOINS}
   WHERE l.id = $1::uuid`;

/** a contact before anyone calls them (preview mode): the attempt is the one the agent would make */
const CONTACT_SQL = `
  SELECT NULL::int AS attempt_id, c.attempts + 1 AS attempt_no, ${CONTEXT_COLUMNS}
    FROM campaign_contacts c
    ${CONTEXT_JOINS}
   WHERE c.id = $1`;

/**
 * Marks a call as the campaign contact's: the call row gets the campaign, the contact and their
 * household (so the screen-pop shows that household, not a guess from a shared number), and the
 * attempt gets the call.
 */
const LINK_SQL = `
  WITH c AS (SELECT id, campaign_id, resident_id, household_id FROM campaign_contacts WHERE id = $2),
  linked AS (
    UPDATE calls l SET campaign_id = c.campaign_id, campaign_contact_id = c.id, resident_id = c.resident_id, household_id = c.household_id
      FROM c WHERE l.id = $1::uuid RETURNING l.id
  ),
  attempt AS (
    UPDATE campaign_attempts SET call_id = $1::uuid
     WHERE id = (SELECT id FROM campaign_attempts WHERE contact_id = $2 ORDER BY attempt_no DESC LIMIT 1) AND call_id IS NULL AND EXISTS (SELECT 1 FROM linked)
  )
  SELECT count(*)::int AS n FROM linked`;

/** the recorder writes a call's row from its first event, in the background: a moment's patience */
const LINK_RETRY_MS = [0, 20, 50, 100, 200, 400, 800, 1500];

export async function linkCampaignCall(sql: TSqlPool, call: { callId: string; contactId: number }): Promise<boolean> {
  for (const delay of LINK_RETRY_MS) {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const { rows } = await sql.query<{ n: number }>({ name: 'campaign-call-link', text: LINK_SQL, values: [call.callId, call.contactId] });
    if ((rows[0]?.n ?? 0) > 0) return true;
  }
  return false;
}

/** the contact's latest instalment of the campaign's scheme (or of the enrolment it was sampled from) */
const LAST_PAYMENT_SQL = `
  SELECT p.amount_paise, p.period, p.status::text AS status
    FROM benefit_payments p JOIN enrolments e ON e.id = p.enrolment_id
   WHERE (e.id = $1 OR ($1::int IS NULL AND e.resident_id = $2 AND e.scheme_code = $3))
   ORDER BY p.period DESC LIMIT 1`;

const ANSWERS_SQL = `
  SELECT DISTINCT ON (question_key) question_key, answer FROM survey_responses
   WHERE contact_id = $1 ORDER BY question_key, answered_at DESC`;

/** the outcome an agent gave for this call, if any (the dialer's own "completed" on hang-up is not one) */
const OUTCOME_GIVEN_SQL = `
  SELECT to_status::text AS outcome FROM campaign_contact_events
   WHERE contact_id = $1 AND type = 'agent.outcome' AND data->>'callId' = $2 ORDER BY at DESC, id DESC LIMIT 1`;

const UPSERT_ANSWER_SQL = `
  INSERT INTO survey_responses (survey_id, campaign_id, contact_id, call_id, resident_id, question_key, answer, answered_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (call_id, question_key) DO UPDATE SET answer = EXCLUDED.answer, answered_at = EXCLUDED.answered_at`;

/**
 * One statement, so the contact's status, its event, the attempt's agent and a do-not-disturb
 * request land together or not at all.
 */
const OUTCOME_SQL = `
  WITH before AS (SELECT id, status, resident_id FROM campaign_contacts WHERE id = $1 FOR UPDATE),
  changed AS (
    UPDATE campaign_contacts c SET status = $2::contact_status, last_outcome = $2, next_attempt_at = NULL, updated_at = $3
      FROM before b WHERE c.id = b.id RETURNING c.id, b.status AS from_status, b.resident_id
  ),
  event AS (
    INSERT INTO campaign_contact_events (contact_id, type, from_status, to_status, at, data)
    SELECT id, 'agent.outcome', from_status, $2::contact_status, $3, jsonb_build_object('userId', $4::int, 'callId', $5::text) FROM changed
  ),
  attempt AS (UPDATE campaign_attempts SET agent_id = $4 WHERE id = $6),
  dnd AS (UPDATE residents SET dnd = true WHERE $2 = 'dnd' AND id = (SELECT resident_id FROM changed))
  SELECT from_status::text FROM changed`;

const PAYMENT_STATUS: Record<string, { hi: string; en: string }> = {
  credited: { hi: 'खाते में जमा', en: 'credited' },
  failed: { hi: 'विफल', en: 'failed' },
  pending: { hi: 'लंबित', en: 'pending' },
};

const rupees = (paise: number) => new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 }).format(paise / 100);
const monthOf = (d: Date, locale: 'hi-IN' | 'en-IN') => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);

function ageAt(birth: Date, now: Date): number {
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  if (now.getUTCMonth() < birth.getUTCMonth() || (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate())) age -= 1;
  return age;
}

/** a template rendered with the resident's data; the raw text when it names data we do not have */
function render(template: string | undefined, language: 'hi' | 'en', vars: Record<string, TVarValue>): string {
  if (!template) return '';
  try {
    return renderPrompt(template, language, vars);
  } catch {
    return template;
  }
}

function questionView(q: TStoredQuestion, vars: { hi: Record<string, TVarValue>; en: Record<string, TVarValue> }) {
  const text = {
    hi: render(q.ask?.hi ?? q.prompt.hi ?? q.prompt.en, 'hi', vars.hi),
    en: render(q.ask?.en ?? q.prompt.en ?? q.prompt.hi, 'en', vars.en),
  };
  switch (q.type) {
    case 'single':
      return {
        key: q.key,
        type: q.type,
        text,
        options: Object.entries(q.options).map(([key, value]) => ({ key, value, label: q.labels?.[key] ?? { hi: value, en: value } })),
      };
    case 'number':
      return { key: q.key, type: q.type, text, min: q.min, max: q.max };
    case 'text':
      return { key: q.key, type: q.type, text, maxLength: q.maxLength };
    default:
      return { key: q.key, type: q.type, text };
  }
}

export type TCampaignCallService = ReturnType<typeof createCampaignCallService>;

/**
 * The agent's side of a campaign call: who was called and why, the script and questions, the
 * answers stored as they are given, and the outcome the agent concludes in wrap-up. A call is a
 * campaign call when a campaign attempt placed it; agents see only the call they handle.
 */
export function createCampaignCallService(deps: { sql: TSqlPool; audit: TAuditLog; agentCall?: TAgentCallOf; now?: () => Date }) {
  const { sql, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const contacts = createContactStore(sql);

  async function find(callId: string): Promise<TCallRow | null> {
    const { rows } = await sql.query<TCallRow>({ name: 'campaign-call-context', text: CALL_SQL, values: [callId] });
    return rows[0] ?? null;
  }

  /**
   * An agent may work on the call they handle; supervisors and administrators on any. Another
   * agent's call is "not found", which tells nothing of whether it exists.
   */
  async function guard(callId: string, user: TAuthUser): Promise<{ displayName: string | null }> {
    if (user.role === 'supervisor' || user.role === 'admin') return { displayName: null };
    const mine = user.role === 'agent' ? await deps.agentCall?.(user.id) : null;
    if (!mine || mine.callId !== callId) throw NotFound('Campaign call');
    return { displayName: mine.displayName };
  }

  function surveyOf(row: TCallRow): TStoredSurvey | null {
    // a survey stored in a form the desk cannot read shows as none, not as a broken desk
    const parsed = row.definition === null ? null : ZStoredSurvey.safeParse(row.definition);
    return parsed?.success ? parsed.data : null;
  }

  async function savedAnswers(contactId: number): Promise<Record<string, string | number | boolean>> {
    const { rows } = await sql.query<{ question_key: string; answer: string | number | boolean }>({ name: 'campaign-call-answers', text: ANSWERS_SQL, values: [contactId] });
    return Object.fromEntries(rows.map((r) => [r.question_key, r.answer]));
  }

  async function view(row: TCallRow, callId: string | null, agentName: string): Promise<TCampaignCall> {
    const { rows: payments } = await sql.query<{ amount_paise: number; period: Date; status: string }>({
      name: 'campaign-call-last-payment',
      text: LAST_PAYMENT_SQL,
      values: [row.enrolment_id, row.resident_id, row.scheme_code],
    });
    const payment = payments[0];
    const common = { agentName, village: row.village, campaign: row.campaign_name };
    const vars: { hi: Record<string, TVarValue>; en: Record<string, TVarValue> } = {
      hi: {
        ...common,
        name: row.name_hi,
        block: row.block_hi,
        district: row.district_hi,
        scheme: row.scheme_hi ?? row.campaign_name,
        lastPayment: payment ? { amount: payment.amount_paise > 0 ? rupees(payment.amount_paise) : null, date: monthOf(payment.period, 'hi-IN'), status: PAYMENT_STATUS[payment.status]?.hi ?? payment.status } : null,
      },
      en: {
        ...common,
        name: row.name_en,
        block: row.block_en,
        district: row.district_en,
        scheme: row.scheme_en ?? row.campaign_name,
        lastPayment: payment ? { amount: payment.amount_paise > 0 ? rupees(payment.amount_paise) : null, date: monthOf(payment.period, 'en-IN'), status: PAYMENT_STATUS[payment.status]?.en ?? payment.status } : null,
      },
    };
    const survey = surveyOf(row);
    const { rows: given } = callId
      ? await sql.query<{ outcome: TCampaignCallOutcome }>({ name: 'campaign-call-outcome', text: OUTCOME_GIVEN_SQL, values: [row.contact_id, callId] })
      : { rows: [] };
    return {
      callId,
      campaign: {
        id: row.campaign_id,
        name: row.campaign_name,
        mode: row.mode,
        schemeCode: row.scheme_code,
        schemeName: row.scheme_en && row.scheme_hi ? { hi: row.scheme_hi, en: row.scheme_en } : null,
      },
      contact: { id: row.contact_id, stratum: row.stratum, status: row.contact_status, attemptNo: row.attempt_no, residentId: row.resident_id, householdId: row.household_id },
      resident: { nameEn: row.name_en, nameHi: row.name_hi, gender: row.gender, age: ageAt(row.birth_date, now()), language: row.language, village: row.village },
      survey:
        survey && row.survey_id !== null
          ? {
              id: row.survey_id,
              code: row.survey_code ?? '',
              version: row.survey_version ?? 1,
              title: { hi: row.survey_title_hi ?? '', en: row.survey_title ?? '' },
              questions: survey.questions.map((q) => questionView(q, vars)),
            }
          : null,
      script: survey?.script ? { hi: render(survey.script.hi, 'hi', vars.hi), en: render(survey.script.en, 'en', vars.en) } : null,
      answers: await savedAnswers(row.contact_id),
      outcome: given[0]?.outcome ?? null,
    };
  }

  return {
    async get(callId: string, user: TAuthUser, ip?: string): Promise<TCampaignCall> {
      const { displayName } = await guard(callId, user);
      const row = await find(callId);
      if (!row) throw NotFound('Campaign call');
      await audit.record(user, { reason: 'outbound_call', callId }, [{ action: 'campaign_call.view', subjectType: 'resident', subjectId: String(row.resident_id), details: { campaignId: row.campaign_id, contactId: row.contact_id } }], ip);
      return view(row, callId, displayName ?? user.username);
    },

    /**
     * A contact as the agent previews it before dialling: the same script and questions, no
     * call yet. The caller (the preview service) has checked the contact is this agent's to see.
     */
    async preview(contactId: number, user: TAuthUser, displayName: string, ip?: string): Promise<TCampaignCall> {
      const { rows } = await sql.query<TCallRow>({ name: 'campaign-contact-context', text: CONTACT_SQL, values: [contactId] });
      const row = rows[0];
      if (!row) throw NotFound('Campaign contact');
      await audit.record(user, { reason: 'campaign_preview' }, [{ action: 'campaign_contact.preview', subjectType: 'resident', subjectId: String(row.resident_id), details: { campaignId: row.campaign_id, contactId } }], ip);
      return view(row, null, displayName);
    },

    /** stores each answer the moment the agent gives it; all are checked before any is written */
    async answer(callId: string, body: TCampaignAnswers, user: TAuthUser): Promise<{ answers: Record<string, string | number | boolean> }> {
      await guard(callId, user);
      const row = await find(callId);
      if (!row) throw NotFound('Campaign call');
      const survey = surveyOf(row);
      if (!survey || row.survey_id === null) throw Invalid('This campaign has no survey to answer');
      const byKey = new Map(survey.questions.map((q) => [q.key, q]));
      const checked = body.answers.map((a, i) => {
        const question = byKey.get(a.questionKey);
        if (!question) throw Invalid('The survey has no such question', [{ field: `body.answers.${i}.questionKey`, message: `not a question of ${row.survey_code ?? 'the survey'}` }]);
        const result = checkAnswer(question, a.answer);
        if ('error' in result) throw Invalid(`The answer to "${a.questionKey}" is not valid`, [{ field: `body.answers.${i}.answer`, message: result.error }]);
        return { key: a.questionKey, value: result.value };
      });
      const at = now();
      for (const { key, value } of checked) {
        await sql.query({
          name: 'campaign-call-answer-upsert',
          text: UPSERT_ANSWER_SQL,
          values: [row.survey_id, row.campaign_id, row.contact_id, callId, row.resident_id, key, JSON.stringify(value), at],
        });
      }
      return { answers: await savedAnswers(row.contact_id) };
    },

    /**
     * The ACD asks before an agent leaves wrap-up: a campaign call needs its outcome, which is
     * written with the contact; any other call passes untouched.
     */
    async beforeWrapUpEnds(wrap: { userId: number; callId: string; body: TFinishWrapUp }): Promise<void> {
      const row = await find(wrap.callId);
      if (!row) return;
      const outcome = wrap.body.campaignOutcome;
      if (!outcome) throw Invalid('A campaign call needs its outcome before wrap-up ends', [{ field: 'body.campaignOutcome', message: 'is required' }]);
      const at = now();
      await sql.query(OUTCOME_SQL, [row.contact_id, outcome, at, wrap.userId, wrap.callId, row.attempt_id]);
      // an interview cut short is called again later while attempts remain
      if (outcome === 'partial') await contacts.reschedulePartial(row.contact_id, at);
    },
  };
}
