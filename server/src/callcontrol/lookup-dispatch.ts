import { z } from 'zod';
import type { TIvrCommand, TVarValue } from './engine-contract.js';
import type { TCallerHousehold } from './lookup-queries.js';
import type { TIvrLookups } from './ivr-lookups.js';

type TLookupCommand = Extract<TIvrCommand, { type: 'lookup' }>;

/** What call control knows about the call a lookup is for; flows never supply these. */
export interface TLookupCall {
  callId: string;
  caller: string | null;
  /** the variables the flow was started with (a survey's ids on a campaign call) */
  variables: Record<string, TVarValue>;
  /** when the call joined a queue, for a call-back that keeps its place */
  waitingSince: string | null;
}

export type TLookupOutcome = { ok: true; value: TVarValue; households?: TCallerHousehold[] } | { ok: false; error: string };

const id = z.coerce.number().int().positive();
// an id the flow does not have arrives as null, or as '' from a template that rendered nothing
const optionalId = z.preprocess((value) => (value === '' ? null : value), id.nullish());

// The flow's args are checked like any input at the edge: a typo in a flow is an error the
// flow hears (and says sorry for), never a malformed row.
const ZArgs = {
  applicationStatus: z.object({ applicationNo: z.coerce.string().trim().min(1) }),
  grievanceStatus: z.object({ docketNo: z.coerce.string().trim().min(1) }),
  householdByCaller: z.object({}),
  schemeInfo: z.object({ householdId: id }),
  registerVoiceGrievance: z.object({
    recordingUri: z.string().min(1, 'no recording to file'),
    durationSec: z.coerce.number().min(0),
    householdId: optionalId,
  }),
  requestCallback: z.object({ queue: z.string().min(1) }),
  saveSurveyAnswer: z.object({
    surveyId: id,
    questionKey: z.string().min(1).max(64),
    answer: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    campaignId: optionalId,
    contactId: optionalId,
    residentId: optionalId,
  }),
} as const;

/** a survey call's ids come from the variables the dialer started it with, unless the flow says otherwise */
const SURVEY_CONTEXT = ['surveyId', 'campaignId', 'contactId', 'residentId'] as const;

/** Carries out one `lookup` command through the port; throws what the port throws. */
export async function runLookup(lookups: TIvrLookups, command: TLookupCommand, call: TLookupCall): Promise<TLookupOutcome> {
  const ref = { callId: call.callId, caller: call.caller };
  switch (command.name) {
    case 'applicationStatus': {
      const args = ZArgs.applicationStatus.parse(command.args);
      return ok(await lookups.applicationStatus(args.applicationNo));
    }
    case 'grievanceStatus': {
      const args = ZArgs.grievanceStatus.parse(command.args);
      return ok(await lookups.grievanceStatus(args.docketNo));
    }
    case 'householdByCaller': {
      ZArgs.householdByCaller.parse(command.args);
      const households = call.caller === null ? [] : await lookups.householdsOfCaller(call.caller);
      const briefs = households.map(({ householdId, headNameEn, headNameHi, preferredLanguage }) => ({
        householdId,
        headNameEn,
        headNameHi,
        preferredLanguage,
      }));
      return { ok: true, value: toVarValue(briefs), households };
    }
    case 'schemeInfo': {
      const args = ZArgs.schemeInfo.parse(command.args);
      return ok(await lookups.schemeInfo(args.householdId));
    }
    case 'registerVoiceGrievance': {
      const args = ZArgs.registerVoiceGrievance.parse(command.args);
      return ok(await lookups.registerVoiceGrievance({ ...ref, ...args, householdId: args.householdId ?? null }));
    }
    case 'requestCallback': {
      const args = ZArgs.requestCallback.parse(command.args);
      return ok(await lookups.requestCallback({ ...ref, queue: args.queue, waitingSince: call.waitingSince }));
    }
    case 'saveSurveyAnswer': {
      const merged: Record<string, TVarValue> = { ...command.args };
      for (const key of SURVEY_CONTEXT) {
        const fromCall = call.variables[key];
        if ((merged[key] === undefined || merged[key] === null) && fromCall !== undefined) merged[key] = fromCall;
      }
      const args = ZArgs.saveSurveyAnswer.parse(merged);
      return ok(await lookups.saveSurveyAnswer({ ...ref, ...args }));
    }
  }
}

function ok(value: unknown): TLookupOutcome {
  return { ok: true, value: toVarValue(value) };
}

/** The port's answers as flow variables (JSON); `undefined` fields are dropped as JSON drops them. */
export function toVarValue(value: unknown): TVarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toVarValue);
  if (typeof value === 'object') {
    const out: Record<string, TVarValue> = {};
    for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = toVarValue(field);
    return out;
  }
  return null;
}

/** A short reason for the logs and the flow, from whatever a lookup threw. */
export function describeFailure(error: unknown): string {
  if (error instanceof z.ZodError) return `invalid lookup arguments: ${error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
  return error instanceof Error ? error.message : String(error);
}
