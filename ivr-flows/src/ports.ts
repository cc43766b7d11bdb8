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
