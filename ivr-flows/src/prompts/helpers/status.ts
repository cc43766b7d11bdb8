import { defineHelper, describe, onlyHashKeys, PromptHelperError, type TWordsLanguage } from './context.js';

/**
 * Application and grievance statuses (the ApplicationStatus and GrievanceStatus enums of
 * prisma/schema.prisma) as short phrases that follow "स्थिति:" / "status:". Hindi follows the
 * agent console's labels, so callers and agents hear the same words, except where a label is clear
 * on screen but not on the phone: "जारी" alone also means "ongoing", so an issued document is
 * "जारी कर दिया गया". Grievance phrases agree with शिकायत, which is feminine.
 */

export const APPLICATION_STATUSES = ['submitted', 'under_verification', 'pending_documents', 'approved', 'rejected', 'issued'] as const;
export const GRIEVANCE_STATUSES = ['registered', 'in_progress', 'escalated', 'resolved', 'closed', 'reopened'] as const;
/** a benefit payment (BenefitPayment.status): whether the money reached the account */
export const PAYMENT_STATUSES = ['credited', 'failed', 'pending'] as const;
export type TSpokenStatus = (typeof APPLICATION_STATUSES)[number] | (typeof GRIEVANCE_STATUSES)[number] | (typeof PAYMENT_STATUSES)[number];

const PHRASES: Record<TWordsLanguage, Record<TSpokenStatus, string>> = {
  hi: {
    submitted: 'जमा किया गया',
    under_verification: 'सत्यापन में',
    pending_documents: 'दस्तावेज़ लंबित',
    approved: 'स्वीकृत',
    rejected: 'अस्वीकृत',
    issued: 'जारी कर दिया गया',
    registered: 'दर्ज',
    in_progress: 'कार्यवाही जारी',
    escalated: 'उच्च स्तर पर भेजी गई',
    resolved: 'निराकृत',
    closed: 'बंद',
    reopened: 'फिर से खोली गई',
    credited: 'खाते में जमा',
    failed: 'असफल',
    pending: 'प्रक्रिया में',
  },
  // Chhattisgarhi verb forms (होगे, भेजे गिस, खोले गिस), postposition म and फेर (again); the
  // administrative words (सत्यापन, स्वीकृत, दर्ज, कार्यवाही) are the Hindi ones the state's offices use.
  cg: {
    submitted: 'जमा होगे',
    under_verification: 'सत्यापन म',
    pending_documents: 'दस्तावेज़ बाकी',
    approved: 'स्वीकृत',
    rejected: 'अस्वीकृत',
    issued: 'जारी होगे',
    registered: 'दर्ज',
    in_progress: 'कार्यवाही जारी',
    escalated: 'उच्च स्तर म भेजे गिस',
    resolved: 'निराकृत',
    closed: 'बंद',
    reopened: 'फेर से खोले गिस',
    credited: 'खाता म जमा होगे',
    failed: 'असफल होगे',
    pending: 'प्रक्रिया म',
  },
  en: {
    submitted: 'submitted',
    under_verification: 'under verification',
    pending_documents: 'waiting for documents',
    approved: 'approved',
    rejected: 'rejected',
    issued: 'issued',
    registered: 'registered',
    in_progress: 'in progress',
    escalated: 'escalated to a senior officer',
    resolved: 'resolved',
    closed: 'closed',
    reopened: 'reopened',
    credited: 'credited to the account',
    failed: 'failed',
    pending: 'in process',
  },
};

function isSpokenStatus(value: unknown): value is TSpokenStatus {
  return typeof value === 'string' && Object.hasOwn(PHRASES.en, value);
}

/** `under_verification` → "सत्यापन में" (hi) / "सत्यापन म" (cg) / "under verification" (en). */
export function spokenStatus(code: unknown, language: TWordsLanguage): string {
  if (!isSpokenStatus(code)) {
    throw new PromptHelperError(`unknown status ${describe(code)}: one of ${[...APPLICATION_STATUSES, ...GRIEVANCE_STATUSES, ...PAYMENT_STATUSES].join(', ')}`);
  }
  return PHRASES[language][code];
}

/** `{{status s}}`: an application, grievance or payment status code, spoken. */
export const statusHelper = defineHelper('status', 1, ({ args, hash, words }) => {
  onlyHashKeys(hash, []);
  return spokenStatus(args[0], words);
});
