import type { TResultAnswer, TResultContact, TResultQuestion } from './types.js';

export const QUESTIONS: TResultQuestion[] = [
  { key: 'received', type: 'yesno', prompt: { en: 'Did the money reach your account?' } },
  { key: 'quality', type: 'rating', prompt: { en: 'How was the ration quality?' } },
  { key: 'shop', type: 'single', prompt: { en: 'Was the shop open?' }, options: { '1': 'open', '2': 'closed' } },
  { key: 'kg', type: 'number', min: 0, max: 100 },
  { key: 'comment', type: 'voice' },
];

export const CONTACTS: TResultContact[] = [
  { contactId: 1, stratum: 'district=401', status: 'completed' },
  { contactId: 2, stratum: 'district=401', status: 'completed' },
  { contactId: 3, stratum: 'district=402', status: 'refused' },
  { contactId: 4, stratum: 'district=402', status: 'completed' },
  { contactId: 5, stratum: 'district=402', status: 'unreachable' },
];

let nextId = 1;
export function answer(contactId: number | null, questionKey: string, value: TResultAnswer['answer'], at = '2026-03-02T05:00:00Z', callId = `call-${contactId}`): TResultAnswer {
  const responseId = nextId;
  nextId += 1;
  return { responseId, contactId, callId, questionKey, answer: value, answeredAt: new Date(at) };
}
