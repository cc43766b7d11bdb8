import type { TNodeOf } from '../../flow/schema.js';
import { ZSurveyDefinition, type TSurveyDefinition, type TSurveyQuestion } from '../../flow/survey.js';
import { readVar } from '../conditions.js';
import { ask, counter, FlowRuntimeError, lookup, nextId, render, say, trace, type TRun } from '../run.js';
import type { TNodeHandler } from './handler.js';
import { retry } from './retry.js';

type TSurveyNode = TNodeOf<'survey'>;

function definitionOf(run: TRun, node: TSurveyNode): TSurveyDefinition {
  const parsed = ZSurveyDefinition.safeParse(readVar(run.s.variables, node.definition));
  if (!parsed.success) throw new FlowRuntimeError(`node "${run.s.nodeId ?? ''}": the survey definition in "${node.definition}" is not valid: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

function current(run: TRun, survey: TSurveyDefinition): TSurveyQuestion | undefined {
  return survey.questions[counter(run, 'question')];
}

function askQuestion(run: TRun, node: TSurveyNode, question: TSurveyQuestion): null {
  const prompt = render(run, question.prompt);
  if (question.type === 'voice') {
    say(run, prompt, 'voice-prompt');
    return null;
  }
  const numeric = question.type === 'number';
  ask(run, { prompt, minDigits: 1, maxDigits: numeric ? question.maxDigits : 1, timeoutMs: node.timeoutMs, terminator: numeric ? '#' : null });
  return null;
}

/** the answer a key (or number) stands for; undefined when it is not an answer to this question */
function answerFor(question: TSurveyQuestion, digits: string): string | number | boolean | undefined {
  switch (question.type) {
    case 'single':
      return question.options[digits];
    case 'yesno':
      return digits === '1' ? true : digits === '2' ? false : undefined;
    case 'rating':
      return /^[1-5]$/.test(digits) ? Number(digits) : undefined;
    case 'number': {
      if (!/^\d+$/.test(digits)) return undefined;
      const value = Number(digits);
      return value >= question.min && value <= question.max ? value : undefined;
    }
    case 'voice':
      return undefined;
  }
}

function save(run: TRun, survey: TSurveyDefinition, question: TSurveyQuestion, answer: string | number | boolean): null {
  trace(run, { question: question.key, answer });
  lookup(run, 'saveSurveyAnswer', { surveyId: survey.surveyId, questionKey: question.key, answer }, 'saving');
  return null;
}

function nextQuestion(run: TRun, node: TSurveyNode, survey: TSurveyDefinition): null {
  run.s.local.question = counter(run, 'question') + 1;
  run.s.local.attempts = 0;
  const question = current(run, survey);
  if (question) return askQuestion(run, node, question);
  say(run, render(run, survey.thanks), 'thanks');
  return null;
}

/**
 * Runs a survey definition: each question in turn; each answer saved the moment it is given (a
 * caller who hangs up at question 3 keeps answers 1 and 2); a wrong key asks again, then the
 * question is skipped; the thanks at the end.
 */
export const surveyNode: TNodeHandler<TSurveyNode> = {
  enter(run, node) {
    const survey = definitionOf(run, node);
    run.s.local.question = 0;
    const first = survey.questions[0];
    if (!first) throw new FlowRuntimeError('a survey without questions passed validation');
    return askQuestion(run, node, first);
  },
  resume(run, node, event) {
    const survey = definitionOf(run, node);
    const question = current(run, survey);
    const phase = run.s.local.phase;
    if (event.type === 'media.finished') {
      if (phase === 'thanks') return node.next;
      if (!question) return null;
      if (phase === 'voice-prompt') {
        const requestId = nextId(run, 'recording');
        run.out.push({ type: 'record', requestId, maxSeconds: question.type === 'voice' ? question.maxSeconds : 60, endKey: '#', beep: true });
        run.s.waiting = { kind: 'recording', id: requestId };
        return null;
      }
      return askQuestion(run, node, question);
    }
    if (event.type === 'lookup.result') {
      if (!event.ok) trace(run, { question: question?.key ?? null, saved: false, error: event.error });
      return nextQuestion(run, node, survey);
    }
    if (!question) return null;
    if (event.type === 'recording.finished') {
      if (event.uri !== '' && event.durationSec > 0) return save(run, survey, question, event.uri);
      trace(run, { question: question.key, answer: null });
      return nextQuestion(run, node, survey);
    }
    if (event.type !== 'digits') return null;
    const answer = answerFor(question, event.digits);
    if (answer !== undefined) return save(run, survey, question, answer);
    trace(run, { question: question.key, digits: event.digits, valid: false });
    const outcome = retry(run, node, event.digits === '' ? 'timeout' : 'invalid');
    if (outcome === 'exhausted') {
      trace(run, { question: question.key, skipped: true });
      return nextQuestion(run, node, survey);
    }
    return outcome === 'again' ? askQuestion(run, node, question) : null;
  },
};
