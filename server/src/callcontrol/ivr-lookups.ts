import type { PrismaClient, TSqlPool } from '@samvad/db';
import type { TIvrLookupPort } from '@samvad/ivr-flows';
import { requestCallback } from './callbacks.js';
import { findApplicationStatus, findCallerHouseholds, findGrievanceStatus, findSchemeBriefs, type TCallerHousehold } from './lookup-queries.js';
import { saveSurveyAnswer } from './survey-answers.js';
import { registerVoiceGrievance, type TVoiceGrievanceSettings } from './voice-grievance.js';

export interface TIvrLookupSettings extends TVoiceGrievanceSettings {
  /** a call-back is due within this many minutes of the request */
  callbackDueMinutes: number;
}

/** The port the IVR flows use, plus what call control alone needs about the caller. */
export interface TIvrLookups extends TIvrLookupPort {
  /** the caller's households with the members who own the number, for the call row */
  householdsOfCaller(e164: string): Promise<TCallerHousehold[]>;
}

/** Samvad's implementation of the IVR's lookup port over PostgreSQL. */
export function createIvrLookups(deps: { prisma: PrismaClient; sql: TSqlPool; settings: TIvrLookupSettings; now?: () => Date }): TIvrLookups {
  const { prisma, sql, settings, now = () => new Date() } = deps;
  const householdsOfCaller = (e164: string) => findCallerHouseholds(sql, e164);
  return {
    householdsOfCaller,
    applicationStatus: (applicationNo) => findApplicationStatus(sql, applicationNo),
    grievanceStatus: async (docketNo) => {
      const docket = normaliseDocket(docketNo);
      return docket === null ? null : findGrievanceStatus(sql, docket);
    },
    householdByCaller: async (e164) =>
      (await householdsOfCaller(e164)).map(({ householdId, headNameEn, headNameHi, preferredLanguage }) => ({
        householdId,
        headNameEn,
        headNameHi,
        preferredLanguage,
      })),
    schemeInfo: (householdId) => findSchemeBriefs(sql, householdId),
    registerVoiceGrievance: (request) => registerVoiceGrievance({ prisma, now, settings, householdsOfCaller }, request),
    requestCallback: (request) => requestCallback({ prisma, now, dueWithinMinutes: settings.callbackDueMinutes }, request),
    saveSurveyAnswer: (answer) => saveSurveyAnswer({ sql, now }, answer),
  };
}

/**
 * A docket as written (`CG-2026-000123`) or as keyed on a phone (`2026000123`: the year and
 * the number); null when it cannot be one.
 */
export function normaliseDocket(input: string): string | null {
  const written = /^CG-(\d{4})-(\d{6})$/i.exec(input.trim());
  if (written) return `CG-${written[1]}-${written[2]}`;
  const keyed = /^(\d{4})(\d{6})$/.exec(input.trim());
  return keyed ? `CG-${keyed[1]}-${keyed[2]}` : null;
}
