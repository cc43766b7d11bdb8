import { z } from 'zod';

/** Why someone is looking at a resident's data. Every view records one of these. */
export const VIEW_REASONS = [
  'inbound_call',
  'outbound_call',
  'campaign_preview',
  'callback',
  'grievance_follow_up',
  'application_follow_up',
  'caller_identification',
  'supervision',
  'quality_review',
  'officer_case_work',
] as const;
const CALL_REASONS: ReadonlySet<string> = new Set(['inbound_call', 'outbound_call', 'callback']);

/** Query parameters that state the purpose of a data view. */
export const viewPurposeShape = {
  reason: z.enum(VIEW_REASONS).meta({ description: 'why the data is being viewed; written to the audit log' }),
  callId: z.uuid().optional().meta({ description: 'the call this view serves; required for call reasons' }),
};

/** A call reason needs its call id, so the audit row points at the call. */
export function requireCallIdForCallReasons(purpose: { reason: string; callId?: string | undefined }, ctx: z.RefinementCtx): void {
  if (CALL_REASONS.has(purpose.reason) && !purpose.callId) {
    ctx.addIssue({ code: 'custom', path: ['callId'], message: `is required when the reason is ${purpose.reason}` });
  }
}

export const ZViewPurpose = z.object(viewPurposeShape).superRefine(requireCallIdForCallReasons);
export type TViewPurpose = z.infer<typeof ZViewPurpose>;
