import { latestAnswers, type TResultAnswer, type TResultContact, type TResultQuestion } from './types.js';

export const UNKNOWN_STRATUM = 'unknown';

export interface TAnswerTally {
  /** contacts who answered */
  n: number;
  /** choice questions: answers by value ("true"/"false" for yes/no) */
  counts: Record<string, number>;
  /** number and rating questions */
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface TQuestionTally {
  key: string;
  type: TResultQuestion['type'];
  total: TAnswerTally;
  strata: Record<string, TAnswerTally>;
  /**
   * choice questions, when stratum populations are given: each stratum's shares weighted by its
   * population, so a stratum sampled more heavily than its size does not skew the estimate
   */
  weightedShares: Record<string, number> | null;
}

function emptyTally(): TAnswerTally {
  return { n: 0, counts: {}, mean: null, min: null, max: null };
}

function add(tally: TAnswerTally, question: TResultQuestion, answer: TResultAnswer['answer']): void {
  if (answer === null) return;
  tally.n += 1;
  if (question.type === 'voice') return;
  if (question.type !== 'number') tally.counts[String(answer)] = (tally.counts[String(answer)] ?? 0) + 1;
  if ((question.type === 'number' || question.type === 'rating') && typeof answer === 'number') {
    tally.mean = ((tally.mean ?? 0) * (tally.n - 1) + answer) / tally.n;
    tally.min = Math.min(tally.min ?? answer, answer);
    tally.max = Math.max(tally.max ?? answer, answer);
  }
}

function weighted(strata: Record<string, TAnswerTally>, population: Readonly<Record<string, number>>): Record<string, number> {
  const shares: Record<string, number> = {};
  let weight = 0;
  for (const [stratum, tally] of Object.entries(strata)) {
    const w = population[stratum] ?? 0;
    if (tally.n === 0 || w === 0) continue;
    weight += w;
    for (const [value, count] of Object.entries(tally.counts)) shares[value] = (shares[value] ?? 0) + (w * count) / tally.n;
  }
  for (const value of Object.keys(shares)) shares[value] = (shares[value] ?? 0) / weight;
  return shares;
}

/** Answers per question and stratum, the latest answer of each contact counting once. */
export function tallyAnswers(
  questions: readonly TResultQuestion[],
  contacts: readonly TResultContact[],
  answers: readonly TResultAnswer[],
  populationByStratum?: Readonly<Record<string, number>>,
): TQuestionTally[] {
  const stratumOf = new Map(contacts.map((c) => [c.contactId, c.stratum]));
  const byQuestion = new Map<string, TQuestionTally>(questions.map((q) => [q.key, { key: q.key, type: q.type, total: emptyTally(), strata: {}, weightedShares: null }]));
  const questionByKey = new Map(questions.map((q) => [q.key, q]));
  for (const answer of latestAnswers(answers)) {
    const question = questionByKey.get(answer.questionKey);
    const tally = byQuestion.get(answer.questionKey);
    if (!question || !tally) continue;
    const stratum = (answer.contactId !== null ? stratumOf.get(answer.contactId) : undefined) ?? UNKNOWN_STRATUM;
    add(tally.total, question, answer.answer);
    add((tally.strata[stratum] ??= emptyTally()), question, answer.answer);
  }
  const tallies = [...byQuestion.values()];
  if (populationByStratum) for (const t of tallies) if (t.type !== 'number' && t.type !== 'voice') t.weightedShares = weighted(t.strata, populationByStratum);
  return tallies;
}
