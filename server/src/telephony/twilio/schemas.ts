import { z } from 'zod';

/**
 * The fields Samvad reads from Twilio's webhooks, parsed only after the signature has been
 * checked. Twilio sends many more; they are signed too, and dropped here.
 */
const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `not a ${prefix} sid`);
const sequence = z.coerce.number().int().min(0).optional();

/** the raw form, as express.urlencoded leaves it; every field takes part in the signature */
export const ZWebhookForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const ZCallForm = z.object({
  AccountSid: sid('AC'),
  CallSid: sid('CA'),
  From: z.string().default(''),
  To: z.string().default(''),
  CallStatus: z.string().default(''),
  Direction: z.string().optional(),
  /** answering-machine detection's verdict, when it ran */
  AnsweredBy: z.string().optional(),
});
export type TCallForm = z.output<typeof ZCallForm>;

export const ZGatherForm = ZCallForm.extend({
  Digits: z.string().regex(/^[0-9*#]*$/).default(''),
  FinishedOnKey: z.string().regex(/^[0-9*#]?$/).default(''),
});
export type TGatherForm = z.output<typeof ZGatherForm>;

/** <Record>'s action; Digits is the key that ended the message, or "hangup" */
export const ZRecordForm = ZCallForm.extend({
  RecordingUrl: z.string().default(''),
  RecordingDuration: z.coerce.number().int().min(0).default(0),
  RecordingSid: z.string().default(''),
  Digits: z.string().default(''),
});
export type TRecordForm = z.output<typeof ZRecordForm>;

export const ZStatusForm = ZCallForm.extend({
  SequenceNumber: sequence,
  SipResponseCode: z.coerce.number().int().optional(),
  /** RFC 2822, e.g. "Thu, 12 Mar 2026 05:30:00 +0000" */
  Timestamp: z.string().optional(),
});
export type TStatusForm = z.output<typeof ZStatusForm>;

export const ZConferenceForm = z.object({
  AccountSid: sid('AC'),
  ConferenceSid: sid('CF'),
  FriendlyName: z.string(),
  StatusCallbackEvent: z.string(),
  CallSid: sid('CA').optional(),
  SequenceNumber: sequence,
  Timestamp: z.string().optional(),
});
export type TConferenceForm = z.output<typeof ZConferenceForm>;

export const ZRecordingForm = z.object({
  AccountSid: sid('AC'),
  RecordingSid: sid('RE'),
  RecordingUrl: z.url(),
  RecordingStatus: z.string(),
  RecordingDuration: z.coerce.number().int().min(0).default(0),
});
export type TRecordingForm = z.output<typeof ZRecordingForm>;

/** the query strings of the URLs Samvad handed Twilio */
export const ZVoiceQuery = z.object({ callId: z.uuid().optional(), step: z.coerce.number().int().positive().optional() });
export const ZStepQuery = z.object({ callId: z.uuid(), step: z.coerce.number().int().positive() });
export const ZStatusQuery = z.object({ callId: z.uuid().optional() });
export const ZRecordingQuery = z.object({ bridgeId: z.uuid(), callA: z.uuid(), callB: z.uuid() });
