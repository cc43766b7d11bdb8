import type { TSqlPool } from '@samvad/db';
import type { TSurveyAnswer, TSurveyAnswerSaved } from '@samvad/ivr-flows';
import { whenCallRowExists } from './call-row.js';

// One row per question per call, written the moment the answer is given, so a caller who hangs
// up at question 3 leaves answers 1 and 2. `xmax = 0` tells an insert from an update.
const UPSERT_SQL = `
  INSERT INTO survey_responses (survey_id, campaign_id, contact_id, call_id, resident_id, question_key, answer, answered_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (call_id, question_key) DO UPDATE SET answer = EXCLUDED.answer, answered_at = EXCLUDED.answered_at
  RETURNING (xmax = 0) AS created`;

/** A hot path on an agentless campaign day (every answer of every call): node-postgres, named. */
export async function saveSurveyAnswer(deps: { sql: TSqlPool; now: () => Date }, answer: TSurveyAnswer): Promise<TSurveyAnswerSaved> {
  const values = [
    answer.surveyId,
    answer.campaignId ?? null,
    answer.contactId ?? null,
    answer.callId,
    answer.residentId ?? null,
    answer.questionKey,
    JSON.stringify(answer.answer),
    deps.now(),
  ];
  const result = await whenCallRowExists(() => deps.sql.query<{ created: boolean }>({ name: 'ivr-survey-answer-upsert', text: UPSERT_SQL, values }));
  return { questionKey: answer.questionKey, created: result.rows[0]?.created ?? false };
}
