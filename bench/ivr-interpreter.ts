import { fileURLToPath } from 'node:url';
import { loadFlowFile, start, step, type TIvrCommand, type TIvrEvent, type TStepResult } from '@samvad/ivr-flows';
import { round } from './lib.js';

const HELPLINE = fileURLToPath(new URL('../ivr-flows/flows/helpline.yaml', import.meta.url));

/** the answer a caller gives to what the flow waits for: keys for the menus, the lookups' replies */
function reply(result: TStepResult, keys: string[]): TIvrEvent | null {
  const waiting = result.session.waiting;
  if (!waiting) return null;
  switch (waiting.kind) {
    case 'media':
      return { type: 'media.finished', mediaId: waiting.id, reason: 'done' };
    case 'digits':
      return { type: 'digits', requestId: waiting.id, digits: keys.shift() ?? '', reason: 'terminator' };
    case 'lookup': {
      const lookup = result.commands.find((c): c is Extract<TIvrCommand, { type: 'lookup' }> => c.type === 'lookup');
      const value =
        lookup?.name === 'householdByCaller'
          ? [{ householdId: 1, headNameEn: 'A', headNameHi: 'अ', preferredLanguage: 'hi' }]
          : { applicationNo: '451236789012', serviceNameEn: 'Income certificate', serviceNameHi: 'आय प्रमाण पत्र', status: 'submitted', since: '2026-03-01', expectedBy: '2026-03-20', nextStep: null };
      return { type: 'lookup.result', requestId: waiting.id, ok: true, value };
    }
    default:
      return null;
  }
}

/**
 * The interpreter alone: calls walking the helpline (greeting, hours, caller lookup, language,
 * menu, application number, status, back to the menu, goodbye), every step counted. Prompts are
 * rendered with Handlebars on every step, as on a live call.
 */
export async function benchInterpreter(seconds = 3) {
  const loaded = await loadFlowFile(HELPLINE);
  if (!loaded.ok) throw new Error(loaded.error.problem);
  const flow = loaded.flow;
  let steps = 0;
  let calls = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  while (performance.now() < deadline) {
    const keys = ['1', '1', '451236789012', '9', '9', '', '', ''];
    let result = start(flow, { type: 'started', at: '2026-03-12T06:30:00.000Z', callId: `c${calls}`, caller: '+919876543210', called: '+9118002334455' });
    steps += 1;
    for (let event = reply(result, keys); event && result.session.status === 'running'; event = reply(result, keys)) {
      result = step(flow, result.session, event);
      steps += 1;
    }
    calls += 1;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { calls, steps, seconds: round(elapsed, 2), stepsPerSecond: Math.round(steps / elapsed), callsPerSecond: Math.round(calls / elapsed) };
}
