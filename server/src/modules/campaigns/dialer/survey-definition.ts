import type { TVarValue } from '@samvad/ivr-flows';
import { toIvrDefinition, ZStoredSurvey } from '../../surveys/survey-definition.js';

/** a parsed definition as a call variable: plain JSON, with absent fields left out */
function asVar(value: unknown): TVarValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(asVar);
  if (typeof value === 'object') {
    const out: Record<string, TVarValue> = {};
    for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = asVar(field);
    return out;
  }
  return null;
}

/**
 * The survey an agentless call asks, from a `surveys` row, as the survey flow's `survey`
 * variable: the stored definition's IVR form (agent-only questions and wording left out). Null
 * when the row cannot be read or leaves nothing to ask.
 */
export function ivrSurveyDefinition(row: { id: number; code: string; version: number; definition: unknown }): { definition: TVarValue; questions: number } | null {
  const stored = ZStoredSurvey.safeParse(row.definition);
  const ivr = stored.success ? toIvrDefinition({ ...row, definition: stored.data }) : null;
  return ivr ? { definition: asVar(ivr), questions: ivr.questions.length } : null;
}
