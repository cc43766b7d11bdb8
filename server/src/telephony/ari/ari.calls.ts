import { randomUUID } from 'node:crypto';
import { Conflict, Invalid } from '../../errors.js';
import { Q850_FOR_CAUSE, type THangupCause, type TOriginateRequest } from '../port.js';
import { amdVerdict, failureReason, hangupCause, q850OrNull } from './ari.causes.js';
import { newLeg, requireStasis, toAppError, type AriCore, type TLeg } from './ari.core.js';
import { agentFromChannelName, dialTarget, presentedNumber } from './ari.endpoints.js';
import { ariTime, type TAriEventOf } from './ari.events.js';
import { isNotFound } from './ari.rest.js';
import { flushVoiceMessage } from './ari.voice-message.js';

/** Legs we originate to the app directly carry this as their Stasis argument. */
const ORIGINATED_ARG = 'originated';

export async function answer(core: AriCore, callId: string): Promise<void> {
  const leg = core.leg(callId);
  requireStasis(leg);
  try {
    await core.rest().answer(leg.channelId);
  } catch (error) {
    throw toAppError(error, 'call');
  }
  // already Up when it entered Stasis: Asterisk reports no state change for an answer that changes nothing
  if (leg.upAt) emitAnswered(core, leg, leg.upAt);
}

export async function originate(core: AriCore, request: TOriginateRequest): Promise<void> {
  if (core.legs.has(request.callId)) throw Conflict('a call with this callId exists');
  if (!Number.isInteger(request.timeoutSec) || request.timeoutSec < 1 || request.timeoutSec > 600) throw Invalid('timeoutSec must be 1 to 600');
  const target = dialTarget(request.to, core.config);
  const callerId = request.callerId || core.config.defaultCallerId;
  const leg = newLeg({
    callId: request.callId,
    // the port's id is the channel id: events can be matched before the originate returns
    channelId: request.callId,
    direction: 'outbound',
    from: callerId,
    to: request.to,
    isAgent: target.isAgent,
    detectMachine: request.detectMachine === true,
    timeoutSec: request.timeoutSec,
  });
  // tracked before the request: Asterisk may send the leg's first events before its response
  core.addLeg(leg);
  const rest = core.rest();
  const base = {
    channelId: leg.channelId,
    endpoint: target.endpoint,
    callerId,
    timeoutSec: request.timeoutSec,
    variables: { ...request.variables, SAMVAD_CALL_ID: request.callId },
  };
  try {
    if (leg.detectMachine) {
      await rest.originate({ ...base, target: { context: core.config.amdContext, extension: 's', priority: 1 } });
    } else {
      // an originate to the app subscribes the app to the channel from its creation
      await rest.originate({ ...base, target: { app: core.config.app, appArgs: ORIGINATED_ARG } });
    }
  } catch (error) {
    core.dropLeg(leg);
    throw toAppError(error, 'originate');
  }
  if (leg.detectMachine) await subscribeDialplanLeg(core, leg);
}

/**
 * A dialplan originate (the AMD context) is not subscribed to any app until Stasis() runs, and
 * Asterisk cannot subscribe to a channel before it exists (422). The channel exists once the
 * originate returns, so the subscription follows at once; if the call ended in between, the
 * reason is lost and the attempt is reported as congestion.
 */
async function subscribeDialplanLeg(core: AriCore, leg: TLeg): Promise<void> {
  try {
    await core.rest().subscribe(core.config.app, `channel:${leg.channelId}`);
  } catch (error) {
    if (!isNotFound(error) || leg.ended) {
      core.warn(error, 'could not subscribe to an AMD leg; its ringing and failure will not be seen', leg.callId);
      return;
    }
    core.logger.warn({ callId: leg.callId }, 'AMD leg ended before it could be subscribed');
    core.emit({ type: 'call.failed', callId: leg.callId, at: new Date().toISOString(), reason: 'congestion', q850: null });
    core.dropLeg(leg);
  }
}

export async function hangup(core: AriCore, callId: string, cause: THangupCause = 'normal'): Promise<void> {
  const leg = core.leg(callId);
  leg.localHangup = true;
  try {
    await core.rest().hangup(leg.channelId, Q850_FOR_CAUSE[cause]);
  } catch (error) {
    if (isNotFound(error)) return; // already gone: ChannelDestroyed reports it
    leg.localHangup = false;
    throw toAppError(error, 'call');
  }
}

/** call.answered once per leg, and only once the leg is in Stasis (before that ARI refuses commands). */
export function emitAnswered(core: AriCore, leg: TLeg, at: string): void {
  if (leg.answered || !core.live(leg)) return;
  leg.answered = true;
  core.emit({ type: 'call.answered', callId: leg.callId, at });
}

function markRinging(core: AriCore, leg: TLeg, at: string): void {
  if (leg.rang || leg.direction !== 'outbound') return;
  leg.rang = true;
  if (!leg.answered && core.live(leg)) core.emit({ type: 'call.ringing', callId: leg.callId, at });
}

export function onStasisStart(core: AriCore, event: TAriEventOf<'StasisStart'>): void {
  const at = ariTime(event.timestamp);
  const channel = event.channel;
  let leg = core.byChannel.get(channel.id);
  if (!leg) {
    const kind = event.args[0];
    if (kind !== 'inbound' && kind !== 'agent') {
      // an outbound or snoop leg from an earlier process: nothing here knows what it was for
      core.logger.warn({ channelId: channel.id, args: event.args }, 'unknown channel entered the application; hanging it up');
      core.rest().hangup(channel.id, Q850_FOR_CAUSE.failed).catch((error: unknown) => core.warn(error, 'could not hang up an unknown channel'));
      return;
    }
    leg = newLeg({
      callId: randomUUID(),
      channelId: channel.id,
      direction: 'inbound',
      from: kind === 'agent' ? agentFromChannelName(channel.name) : presentedNumber(channel.caller.number),
      to: presentedNumber(event.args[1] ?? channel.dialplan.exten),
      isAgent: kind === 'agent',
    });
    leg.inStasis = true;
    if (channel.state === 'Up') leg.upAt = at;
    core.addLeg(leg);
    core.emit({
      type: 'call.incoming',
      callId: leg.callId,
      at,
      call: { callId: leg.callId, providerCallId: channel.id, direction: 'inbound', from: leg.from, to: leg.to },
    });
    return;
  }
  leg.inStasis = true;
  if (channel.state === 'Up') leg.upAt ??= at;
  if (leg.direction !== 'outbound') return;
  emitAnswered(core, leg, leg.upAt ?? at);
  if (leg.detectMachine && core.live(leg)) {
    core.emit({ type: 'call.machine', callId: leg.callId, at, result: amdVerdict(event.args) ?? 'unknown' });
  }
}

export function onStateChange(core: AriCore, event: TAriEventOf<'ChannelStateChange'>): void {
  const leg = core.byChannel.get(event.channel.id);
  if (!leg) return;
  const at = ariTime(event.timestamp);
  if (event.channel.state === 'Ringing') markRinging(core, leg, at);
  if (event.channel.state === 'Up') {
    leg.upAt ??= at;
    if (leg.inStasis) emitAnswered(core, leg, at);
  }
}

export function onDial(core: AriCore, event: TAriEventOf<'Dial'>): void {
  const leg = core.byChannel.get(event.peer.id);
  if (!leg || !event.dialstatus) return;
  leg.dialStatus = event.dialstatus;
  if (event.dialstatus === 'RINGING') markRinging(core, leg, ariTime(event.timestamp));
}

export function onHangupRequest(core: AriCore, event: TAriEventOf<'ChannelHangupRequest'>): void {
  const leg = core.byChannel.get(event.channel.id);
  if (!leg) return;
  leg.hangupRequested = true;
  // a collection says nothing once its call is ending
  leg.collector?.cancel();
  leg.collector = null;
}

export function onStasisEnd(core: AriCore, event: TAriEventOf<'StasisEnd'>): void {
  const leg = core.byChannel.get(event.channel.id);
  if (!leg) return;
  leg.inStasis = false;
  core.releaseCallHandlers(leg);
}

/** The end of a leg, with Asterisk's cause (0 when none was set, as when an originate times out). */
export function onDestroyed(core: AriCore, event: TAriEventOf<'ChannelDestroyed'>): void {
  const leg = core.byChannel.get(event.channel.id);
  if (!leg || leg.ended) return;
  endLeg(core, leg, ariTime(event.timestamp), event.cause);
}

export function endLeg(core: AriCore, leg: TLeg, at: string, cause: number): void {
  flushVoiceMessage(core, leg, at);
  const q850 = q850OrNull(cause);
  if (leg.direction === 'outbound' && !leg.answered && !leg.localHangup && leg.upAt) {
    // answered, then gone before reaching Stasis (e.g. during AMD): it was answered all the same
    leg.answered = true;
    core.emit({ type: 'call.answered', callId: leg.callId, at: leg.upAt });
  }
  if (leg.direction === 'outbound' && !leg.answered && !leg.localHangup) {
    const reason = failureReason({ q850: cause, dialStatus: leg.dialStatus, rang: leg.rang, elapsedMs: Date.now() - leg.knownSince, timeoutSec: leg.timeoutSec });
    core.emit({ type: 'call.failed', callId: leg.callId, at, reason, q850 });
  } else {
    core.emit({ type: 'call.hangup', callId: leg.callId, at, cause: hangupCause(q850), q850, by: leg.localHangup ? 'local' : 'remote' });
  }
  core.dropLeg(leg);
}
