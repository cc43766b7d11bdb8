import { randomUUID } from 'node:crypto';
import { start, step, type TFlow, type TIvrCommand, type TIvrEvent, type TIvrSession, type TVarValue } from '@samvad/ivr-flows';
import { runLookup } from '../callcontrol/lookup-dispatch.js';
import type { TIvrLookups } from '../callcontrol/ivr-lookups.js';

/** What the terminal session needs from its user: keys for a question, Enter to end a message. */
export interface TSessionIo {
  say(line: string): void;
  /** the keys typed for a question; null when the caller hangs up (end of input) */
  keys(prompt: string): Promise<string | null>;
}

const WRITES = new Set(['registerVoiceGrievance', 'requestCallback', 'saveSurveyAnswer']);

/**
 * A caller's walk through a flow in a terminal: prompts are printed, keys are read, lookups go
 * to the real database. Writes (a voice grievance, a call-back, a survey answer) are shown and
 * not made, unless `write` is set, so trying a flow on a live system changes nothing.
 */
export async function runIvrSession(options: {
  flow: TFlow;
  lookups: TIvrLookups;
  io: TSessionIo;
  caller: string | null;
  at: string;
  write: boolean;
  trace: boolean;
  variables?: Record<string, TVarValue>;
}): Promise<TIvrSession> {
  const { flow, lookups, io } = options;
  const callId = randomUUID();
  let result = start(flow, { type: 'started', at: options.at, callId, caller: options.caller, called: 'cli', variables: options.variables ?? {} });
  for (;;) {
    let answer: TIvrEvent | null = null;
    for (const command of result.commands) answer = (await carry(command)) ?? answer;
    if (result.session.status !== 'running') return result.session;
    if (!answer) answer = { type: 'hangup' };
    result = step(flow, result.session, answer);
    if (answer.type === 'hangup') return result.session;
  }

  async function carry(command: TIvrCommand): Promise<TIvrEvent | null> {
    switch (command.type) {
      case 'play':
        io.say(`🔊 [${command.prompt.language}] ${command.prompt.text || command.prompt.file || ''}`);
        return { type: 'media.finished', mediaId: command.mediaId, reason: 'done' };
      case 'collect': {
        if (command.prompt) io.say(`🔊 [${command.prompt.language}] ${command.prompt.text || command.prompt.file || ''}`);
        const typed = await io.keys(`keys (${command.minDigits}–${command.maxDigits}${command.terminator ? `, end with ${command.terminator}` : ''}; Enter alone = silence)> `);
        if (typed === null) return { type: 'hangup' };
        const keys = typed.replace(/[^0-9*#]/g, '');
        const ended = command.terminator !== null && keys.includes(command.terminator);
        const digits = (ended ? keys.slice(0, keys.indexOf(command.terminator ?? '#')) : keys).slice(0, command.maxDigits);
        const reason = ended ? 'terminator' : digits.length >= command.maxDigits ? 'max_digits' : 'timeout';
        return { type: 'digits', requestId: command.requestId, digits, reason };
      }
      case 'lookup': {
        if (WRITES.has(command.name) && !options.write) {
          io.say(`✍ would ${command.name} ${JSON.stringify(command.args)} (run with --write to do it)`);
          return { type: 'lookup.result', requestId: command.requestId, ok: true, value: pretend(command.name) };
        }
        try {
          const outcome = await runLookup(lookups, command, { callId, caller: options.caller, variables: options.variables ?? {}, waitingSince: null });
          io.say(`🔎 ${command.name} ${JSON.stringify(command.args)} → ${outcome.ok ? JSON.stringify(outcome.value) : `error: ${outcome.error}`}`);
          return outcome.ok ? { type: 'lookup.result', requestId: command.requestId, ok: true, value: outcome.value } : { type: 'lookup.result', requestId: command.requestId, ok: false, error: outcome.error };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          io.say(`🔎 ${command.name} failed: ${message}`);
          return { type: 'lookup.result', requestId: command.requestId, ok: false, error: message };
        }
      }
      case 'record': {
        const typed = await io.keys(`🎙 recording up to ${command.maxSeconds} s — type how many seconds you spoke, then Enter> `);
        if (typed === null) return { type: 'hangup' };
        const seconds = Math.min(command.maxSeconds, Math.max(0, Number.parseInt(typed, 10) || 0));
        return { type: 'recording.finished', requestId: command.requestId, uri: seconds > 0 ? `cli:recording/${command.requestId}` : '', durationSec: seconds };
      }
      case 'enqueue':
        io.say(`☎ queued for "${command.queue}" (skills ${command.skills.join(', ') || 'none'}, priority ${command.priority}); you would now wait for an agent`);
        return { type: 'enqueued', requestId: command.requestId, position: 1, expectedWaitSec: 60 };
      case 'transfer':
        io.say(`↪ transferred to ${command.to}`);
        return null;
      case 'hangup':
        io.say(`☎ the call ends (${command.reason})`);
        return null;
      case 'trace':
        if (options.trace && command.detail.entered === true) io.say(`  · ${command.nodeId} (${command.nodeType})`);
        return null;
    }
  }
}

function pretend(name: string): TVarValue {
  switch (name) {
    case 'registerVoiceGrievance':
      return { docketNo: 'CG-2026-999999', dueOn: '2026-12-31' };
    case 'requestCallback':
      return { callbackId: 0, position: 1, dueAt: new Date().toISOString() };
    default:
      return { saved: true };
  }
}
