import { Conflict, Invalid } from '../../errors.js';
import { Q850_FOR_CAUSE, type TOriginateRequest } from '../port.js';
import type { SimCore } from './core.js';
import type { TSimLeg } from './types.js';
import { answerLeg, createLeg } from './legs.js';
import type { TCitizenScript, TPickup } from './script.js';

const E164 = /^\+[1-9]\d{6,14}$/;
const AGENT = /^agent:[A-Za-z0-9._-]{1,64}$/;

export function isAgentEndpoint(to: string): boolean {
  return AGENT.test(to);
}

/**
 * Places an outbound leg and plays its far end's pickup: ringing after the network's setup
 * time (busy and congestion come back without ringing), then answer, voicemail, decline or
 * nothing; the originate gives up with `no_answer` at `timeoutSec`, counted from the dial.
 */
export function originate(core: SimCore, request: TOriginateRequest, script: TCitizenScript): TSimLeg {
  if (core.legs.has(request.callId)) throw Conflict(`call ${request.callId} already exists`);
  const isAgent = isAgentEndpoint(request.to);
  if (!isAgent && !E164.test(request.to)) throw Invalid(`cannot dial ${request.to}: not an E.164 number nor agent:<username>`);
  if (!(request.timeoutSec > 0)) throw Invalid('timeoutSec must be positive');
  const leg = createLeg(core, {
    info: { callId: request.callId, providerCallId: core.newProviderCallId(), direction: 'outbound', from: request.callerId, to: request.to },
    isAgent,
    detectMachine: request.detectMachine ?? false,
    script,
  });
  const pickup: TPickup = script.pickup ?? { kind: 'answer', afterSec: isAgent ? core.settings.agentAnswerMs / 1000 : 3 };
  const { setupMs } = core.settings;

  if (pickup.kind === 'busy' || pickup.kind === 'congestion') {
    const reason = pickup.kind;
    core.schedule(leg, setupMs, () => core.end(leg, { kind: 'failed', reason, q850: Q850_FOR_CAUSE[reason] }));
    return leg;
  }
  leg.ringTimer = core.schedule(leg, request.timeoutSec * 1000, () =>
    core.end(leg, { kind: 'failed', reason: 'no_answer', q850: Q850_FOR_CAUSE.no_answer }),
  );
  core.schedule(leg, setupMs, () => {
    // a test or the console may have answered a manual endpoint already
    if (leg.state !== 'ringing') return;
    core.emit(leg, { type: 'call.ringing' });
    switch (pickup.kind) {
      case 'answer':
        core.schedule(leg, pickup.afterSec * 1000, () => answerLeg(core, leg));
        break;
      case 'machine':
        core.schedule(leg, pickup.afterSec * 1000, () => {
          leg.isMachine = true;
          answerLeg(core, leg);
        });
        break;
      case 'reject':
        core.schedule(leg, pickup.afterSec * 1000, () => core.end(leg, { kind: 'failed', reason: 'rejected', q850: Q850_FOR_CAUSE.rejected }));
        break;
      case 'no_answer':
      case 'manual':
        break;
    }
  });
  return leg;
}
