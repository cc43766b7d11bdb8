import { latestAnswers, type TResultAnswer, type TResultContact, type TResultQuestion } from './types.js';

/**
 * A Flow Results package (the FLOIP results specification): a Data Package descriptor whose one
 * resource has the seven fixed fields, and one row per answer. Returned as objects and strings;
 * the caller writes or serves them.
 */
export const FLOIP_SPECIFICATION = '1.0.0-rc1';

export const FLOIP_FIELDS = [
  { name: 'timestamp', title: 'Timestamp', type: 'datetime' },
  { name: 'row_id', title: 'Row ID', type: 'string' },
  { name: 'contact_id', title: 'Contact ID', type: 'string' },
  { name: 'session_id', title: 'Session ID', type: 'string' },
  { name: 'question_id', title: 'Question ID', type: 'string' },
  { name: 'response', title: 'Response', type: 'any' },
  { name: 'response_metadata', title: 'Response Metadata', type: 'object' },
] as const;

export interface TFloipQuestion {
  type: 'select_one' | 'numeric' | 'audio';
  label: string;
  type_options: { choices?: string[]; range?: [number, number] };
}

export type TFloipRow = [timestamp: string, rowId: string, contactId: string, sessionId: string, questionId: string, response: string | number | null, metadata: Record<string, string>];

export interface TFloipDescriptor {
  profile: 'flow-results-package';
  'flow-results-specification': string;
  created: string;
  modified: string;
  id: string;
  name: string;
  title: string;
  resources: {
    name: string;
    path: string;
    mediatype: 'application/json';
    encoding: 'utf-8';
    schema: { language: string; fields: typeof FLOIP_FIELDS; questions: Record<string, TFloipQuestion> };
  }[];
}

export interface TFloipInput {
  /** a UUID naming the package */
  id: string;
  /** lowercase, digits, "-", "_", "."; the data file is named after it */
  name: string;
  title: string;
  created: Date;
  modified: Date;
  questions: readonly TResultQuestion[];
  contacts: readonly TResultContact[];
  answers: readonly TResultAnswer[];
  /** ISO 639-3 code of the labels */
  language?: string;
}

const YES_NO = ['yes', 'no'];

/** "2026-03-02 10:00:00.000+05:30": the specification's timestamp form, in India time */
export function floipTimestamp(at: Date): string {
  const local = new Date(at.getTime() + 330 * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 23)}+05:30`;
}

function questionOf(q: TResultQuestion): TFloipQuestion {
  const label = q.prompt?.en ?? q.key;
  switch (q.type) {
    case 'single':
      return { type: 'select_one', label, type_options: { choices: Object.values(q.options ?? {}) } };
    case 'yesno':
      return { type: 'select_one', label, type_options: { choices: YES_NO } };
    case 'rating':
      return { type: 'numeric', label, type_options: { range: [1, 5] } };
    case 'number':
      return { type: 'numeric', label, type_options: { range: [q.min ?? 0, q.max ?? 9999] } };
    case 'voice':
      return { type: 'audio', label, type_options: {} };
  }
}

/** the stored answer in the package's vocabulary: yes/no questions answer "yes" or "no" */
function responseOf(q: TResultQuestion, answer: TResultAnswer['answer']): string | number | null {
  if (answer === null) return null;
  if (q.type === 'yesno') return answer === true || answer === 'true' ? 'yes' : 'no';
  return typeof answer === 'boolean' ? String(answer) : answer;
}

export function floipPackage(input: TFloipInput): { descriptor: TFloipDescriptor; rows: TFloipRow[]; descriptorJson: string; dataJson: string } {
  if (!/^[a-z0-9._-]+$/.test(input.name)) throw new RangeError('a package name is lowercase letters, digits, ".", "-" and "_"');
  const questions = new Map(input.questions.map((q) => [q.key, q]));
  const stratumOf = new Map(input.contacts.map((c) => [c.contactId, c.stratum]));
  const rows: TFloipRow[] = latestAnswers(input.answers)
    .filter((a) => questions.has(a.questionKey))
    .sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime() || (a.responseId ?? 0) - (b.responseId ?? 0))
    .map((a): TFloipRow => {
      const question = questions.get(a.questionKey);
      const stratum = a.contactId !== null ? stratumOf.get(a.contactId) : undefined;
      const metadata: Record<string, string> = stratum ? { stratum } : {};
      return [
        floipTimestamp(a.answeredAt),
        a.responseId !== undefined ? String(a.responseId) : `${a.callId ?? a.contactId ?? ''}:${a.questionKey}`,
        a.contactId !== null ? String(a.contactId) : '',
        a.callId ?? '',
        a.questionKey,
        question ? responseOf(question, a.answer) : null,
        metadata,
      ];
    });
  const descriptor: TFloipDescriptor = {
    profile: 'flow-results-package',
    'flow-results-specification': FLOIP_SPECIFICATION,
    created: floipTimestamp(input.created),
    modified: floipTimestamp(input.modified),
    id: input.id,
    name: input.name,
    title: input.title,
    resources: [
      {
        name: `${input.name}-data`,
        path: `${input.name}-data.json`,
        mediatype: 'application/json',
        encoding: 'utf-8',
        schema: { language: input.language ?? 'eng', fields: FLOIP_FIELDS, questions: Object.fromEntries(input.questions.map((q) => [q.key, questionOf(q)])) },
      },
    ],
  };
  return { descriptor, rows, descriptorJson: `${JSON.stringify(descriptor, null, 2)}\n`, dataJson: `${JSON.stringify(rows)}\n` };
}
