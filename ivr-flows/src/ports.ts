/**
 * What the IVR engine asks of the rest of Samvad while a caller is in a flow. The server
 * implements this port; the engine never imports the server, Express or Prisma, so flows can
 * be run and tested as pure state machines with a fake port.
 */
export interface TIvrLookupPort {
  /** status of a service application, by the 12 digits the caller keyed in */
  applicationStatus(applicationNo: string): Promise<TApplicationStatus | null>;
  /** status of a grievance, by its docket number */
  grievanceStatus(docketNo: string): Promise<TGrievanceStatus | null>;
  /** households with a member on the caller's number (a shared family phone gives several) */
  householdByCaller(e164: string): Promise<THouseholdBrief[]>;
  /** what a household receives, for the scheme information menu */
  schemeInfo(householdId: number): Promise<TSchemeBrief[]>;

  // Actions: the flow's writes. Call control fills `callId` and `caller` from the call itself,
  // so a flow can never act on another call.

  /** a voice message becomes a grievance with a docket number the caller is told */
  registerVoiceGrievance(request: TVoiceGrievanceRequest): Promise<TVoiceGrievanceReceipt>;
  /** the caller would rather be called back than wait; their place in the queue is kept */
  requestCallback(request: TCallbackRequest): Promise<TCallbackReceipt>;
  /** one survey answer, stored the moment it is given; answering again replaces it */
  saveSurveyAnswer(answer: TSurveyAnswer): Promise<TSurveyAnswerSaved>;
}

export type TLanguage = 'hi' | 'cg' | 'en';

export interface TApplicationStatus {
  applicationNo: string;
  serviceNameEn: string;
  serviceNameHi: string;
  status: 'submitted' | 'under_verification' | 'pending_documents' | 'approved' | 'rejected' | 'issued';
  /** when the current status began, YYYY-MM-DD in India */
  since: string;
  expectedBy: string;
  nextStep: string | null;
}

export interface TGrievanceStatus {
  docketNo: string;
  status: string;
  officeNameEn: string;
  officeNameHi: string;
  dueOn: string;
}

export interface THouseholdBrief {
  householdId: number;
  headNameEn: string;
  headNameHi: string;
  preferredLanguage: TLanguage;
}

export interface TSchemeBrief {
  schemeCode: string;
  nameEn: string;
  nameHi: string;
  lastPayment: { period: string; amountPaise: number; status: 'credited' | 'failed' | 'pending'; failureReason: string | null } | null;
}

/** The call an action belongs to; supplied by call control, never by the flow. */
export interface TIvrCallRef {
  callId: string;
  /** the caller's number in E.164, null when withheld */
  caller: string | null;
}

export interface TVoiceGrievanceRequest extends TIvrCallRef {
  /** where the provider stored the message (`recording.finished`'s uri) */
  recordingUri: string;
  durationSec: number;
  /** the household the flow settled on (the caller's choice on a shared phone), when it did */
  householdId: number | null;
}

export interface TVoiceGrievanceReceipt {
  docketNo: string;
  /** the date the department must act by, YYYY-MM-DD in India */
  dueOn: string;
}

export interface TCallbackRequest extends TIvrCallRef {
  /** code of the queue whose agents will call back */
  queue: string;
  /** when the caller joined that queue, ISO 8601 (call control knows); absent: now */
  waitingSince?: string | null;
}

export interface TCallbackReceipt {
  callbackId: number;
  /** the caller's place among the queue's pending call-backs, 1 = next */
  position: number;
  /** the call-back is due by this time, ISO 8601 UTC */
  dueAt: string;
}

export interface TSurveyAnswer extends TIvrCallRef {
  surveyId: number;
  questionKey: string;
  answer: string | number | boolean | null;
  campaignId?: number | null;
  contactId?: number | null;
  residentId?: number | null;
}

export interface TSurveyAnswerSaved {
  questionKey: string;
  /** false when an earlier answer to the same question on this call was replaced */
  created: boolean;
}

/**
 * The `args` a flow's `lookup` command carries for each name, as call control reads them.
 * The caller's number and the call id never come from the flow.
 */
export interface TLookupArgs {
  applicationStatus: { applicationNo: string };
  grievanceStatus: { docketNo: string };
  householdByCaller: Record<string, never>;
  schemeInfo: { householdId: number };
  registerVoiceGrievance: { recordingUri: string; durationSec: number; householdId?: number | null };
  requestCallback: { queue: string };
  saveSurveyAnswer: Omit<TSurveyAnswer, keyof TIvrCallRef>;
}
