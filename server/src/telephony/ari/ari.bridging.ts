import { randomUUID } from 'node:crypto';
import { Conflict, Invalid } from '../../errors.js';
import type { TSnoopMode } from '../port.js';
import { BRIDGE_PREFIX, requireStasis, toAppError, type AriCore, type TBridgeRec, type TLeg, type TSnoopRec } from './ari.core.js';
import { ariTime, type TAriEventOf } from './ari.events.js';
import { isNotFound } from './ari.rest.js';
import { finishVoiceMessage } from './ari.voice-message.js';

export const WAITING_ROOM_NAME = `${BRIDGE_PREFIX}waiting-room`;

export function bridgeRec(id: string, kind: TBridgeRec['kind'], parties: string[] = [], snoopId: string | null = null): TBridgeRec {
  return { id, kind, parties, members: new Set(), announced: false, recording: null, snoopId };
}

/** One holding bridge for everyone waiting: each caller hears music on hold, nobody hears anybody. */
function waitingRoom(core: AriCore): Promise<string> {
  core.waitingRoom ??= (async () => {
    const id = randomUUID();
    core.bridges.set(id, bridgeRec(id, 'waiting'));
    try {
      await core.rest().createBridge(id, 'holding', WAITING_ROOM_NAME);
      await core.rest().startBridgeMoh(id, core.config.mohClass);
      return id;
    } catch (error) {
      core.bridges.delete(id);
      core.waitingRoom = null;
      throw toAppError(error, 'waiting room');
    }
  })();
  return core.waitingRoom;
}

export async function hold(core: AriCore, callId: string): Promise<void> {
  const leg = core.leg(callId);
  requireStasis(leg);
  for (let attempt = 0; ; attempt += 1) {
    const bridgeId = await waitingRoom(core);
    try {
      await core.rest().addChannels(bridgeId, [leg.channelId]);
      return;
    } catch (error) {
      // the waiting room was destroyed behind our back (an Asterisk restart): make another, once
      if (!isNotFound(error) || attempt > 0) throw toAppError(error, 'call');
      core.bridges.delete(bridgeId);
      core.waitingRoom = null;
    }
  }
}

/** A mixing bridge with dtmf_events, so that keys pressed while talking still reach the adapter. */
export async function bridge(core: AriCore, callA: string, callB: string, options?: { record?: boolean }): Promise<{ bridgeId: string }> {
  if (callA === callB) throw Invalid('a call cannot be bridged with itself');
  const a = core.leg(callA);
  const b = core.leg(callB);
  requireStasis(a);
  requireStasis(b);
  const id = randomUUID();
  const rec = bridgeRec(id, 'call', [callA, callB]);
  core.bridges.set(id, rec);
  let created = false;
  try {
    await core.rest().createBridge(id, 'mixing,dtmf_events', `${BRIDGE_PREFIX}call`);
    created = true;
    // a channel in the waiting room (or any Stasis bridge) leaves it as it joins this one
    await core.rest().addChannels(id, [a.channelId, b.channelId]);
  } catch (error) {
    core.bridges.delete(id);
    if (created) core.rest().destroyBridge(id).catch((e: unknown) => core.warn(e, 'could not destroy a half-made bridge'));
    throw toAppError(error, 'call');
  }
  if (options?.record) await startRecording(core, rec, callA);
  return { bridgeId: id };
}

/** A failed recording does not undo the conversation: it is logged and the bridge stays. */
async function startRecording(core: AriCore, rec: TBridgeRec, callId: string): Promise<void> {
  const name = randomUUID();
  rec.recording = { name, stopping: false };
  core.recordings.set(name, rec.parties);
  try {
    await core.rest().recordBridge(rec.id, name, core.config.recordingFormat);
  } catch (error) {
    rec.recording = null;
    core.recordings.delete(name);
    core.warn(error, 'bridge recording did not start', callId);
  }
}

/**
 * listen: a snoop on the target that spies both directions, bridged with the supervisor.
 * whisper: the same on the agent's leg, whispering towards the agent only.
 * barge: the supervisor joins the call's own bridge.
 */
export async function snoop(core: AriCore, targetCallId: string, supervisorCallId: string, mode: TSnoopMode): Promise<void> {
  if (targetCallId === supervisorCallId) throw Invalid('a supervisor cannot snoop on their own call');
  const target = core.leg(targetCallId);
  const supervisor = core.leg(supervisorCallId);
  requireStasis(target);
  requireStasis(supervisor);
  if (mode === 'barge') {
    const rec = target.bridgeId ? core.bridges.get(target.bridgeId) : undefined;
    if (!rec || rec.kind !== 'call') throw Conflict('the call is not bridged: there is nothing to barge into');
    try {
      await core.rest().addChannels(rec.id, [supervisor.channelId]);
    } catch (error) {
      throw toAppError(error, 'call');
    }
    return;
  }
  const spied = mode === 'whisper' ? agentSide(core, target) : target;
  await spyOn(core, spied, supervisor, mode === 'whisper' ? 'out' : 'none');
}

/** Whispering reaches the agent: the target if it is the agent's leg, else the agent bridged with it. */
function agentSide(core: AriCore, target: TLeg): TLeg {
  if (target.isAgent) return target;
  const rec = target.bridgeId ? core.bridges.get(target.bridgeId) : undefined;
  const agent = rec?.parties.map((id) => core.legs.get(id)).find((leg) => leg && leg !== target && leg.isAgent && !leg.ended);
  if (!agent) throw Conflict('no agent is on this call to whisper to');
  return agent;
}

async function spyOn(core: AriCore, spied: TLeg, supervisor: TLeg, whisper: 'out' | 'none'): Promise<void> {
  const snoopId = randomUUID();
  const rec: TSnoopRec = { snoopId, targetCallId: spied.callId, supervisorCallId: supervisor.callId, bridgeId: null, inStasis: false, onStasis: null };
  core.snoops.set(snoopId, rec);
  // the snoop channel enters Stasis on its own thread, maybe after the response: it cannot be bridged before
  const inStasis = new Promise<void>((resolve, reject) => {
    const cancel = core.schedule(core.config.requestTimeoutMs, () => reject(Conflict('the snoop channel did not start')));
    rec.onStasis = () => {
      cancel();
      resolve();
    };
  });
  inStasis.catch(() => undefined);
  const bridgeId = randomUUID();
  try {
    await core.rest().snoop({ channelId: spied.channelId, snoopId, spy: 'both', whisper, app: core.config.app, appArgs: `snoop,${supervisor.callId}` });
    await inStasis;
    core.bridges.set(bridgeId, bridgeRec(bridgeId, 'snoop', [supervisor.callId], snoopId));
    rec.bridgeId = bridgeId;
    await core.rest().createBridge(bridgeId, 'mixing,dtmf_events', `${BRIDGE_PREFIX}snoop`);
    await core.rest().addChannels(bridgeId, [snoopId, supervisor.channelId]);
  } catch (error) {
    rec.onStasis = null;
    core.rest().hangup(snoopId, 16).catch(() => undefined);
    if (rec.bridgeId) destroyBridge(core, bridgeId);
    core.snoops.delete(snoopId);
    throw toAppError(error, 'call');
  }
}

export function onSnoopStasisStart(rec: TSnoopRec): void {
  rec.inStasis = true;
  rec.onStasis?.();
  rec.onStasis = null;
}

/** The snoop channel is gone (its target hung up): the supervisor's bridge goes with it. */
export function onSnoopDestroyed(core: AriCore, rec: TSnoopRec): void {
  core.snoops.delete(rec.snoopId);
  if (rec.bridgeId && core.bridges.has(rec.bridgeId)) destroyBridge(core, rec.bridgeId);
}

/** Forgets the bridge and asks Asterisk to destroy it; a recording in it still reports its end. */
function destroyBridge(core: AriCore, bridgeId: string): void {
  core.bridges.delete(bridgeId);
  try {
    core
      .rest()
      .destroyBridge(bridgeId)
      .catch((error: unknown) => {
        if (!isNotFound(error)) core.warn(error, 'could not destroy a bridge');
      });
  } catch (error) {
    core.warn(error, 'could not destroy a bridge');
  }
}

export function onEnteredBridge(core: AriCore, event: TAriEventOf<'ChannelEnteredBridge'>): void {
  const rec = core.bridges.get(event.bridge.id);
  const channelId = event.channel?.id;
  if (!rec || !channelId) return;
  rec.members.add(channelId);
  const leg = core.byChannel.get(channelId);
  if (rec.kind === 'waiting') {
    if (leg) leg.holding = true;
    return;
  }
  if (!leg) return;
  leg.holding = false;
  leg.bridgeId = rec.id;
  const at = ariTime(event.timestamp);
  if (rec.kind === 'snoop') {
    const target = rec.snoopId ? core.snoops.get(rec.snoopId)?.targetCallId : undefined;
    if (core.live(leg)) core.emit({ type: 'call.bridged', callId: leg.callId, at, bridgeId: rec.id, withCallId: target ?? null });
    return;
  }
  if (!rec.parties.includes(leg.callId)) {
    // a supervisor barging in
    if (core.live(leg)) core.emit({ type: 'call.bridged', callId: leg.callId, at, bridgeId: rec.id, withCallId: rec.parties[0] ?? null });
    return;
  }
  const parties = rec.parties.map((id) => core.legs.get(id));
  if (rec.announced || !parties.every((p) => p && rec.members.has(p.channelId))) return;
  // both legs are in: each learns who it is talking to
  rec.announced = true;
  for (const party of parties) {
    if (!party || !core.live(party)) continue;
    const other = rec.parties.find((id) => id !== party.callId) ?? null;
    core.emit({ type: 'call.bridged', callId: party.callId, at, bridgeId: rec.id, withCallId: other });
  }
}

export function onLeftBridge(core: AriCore, event: TAriEventOf<'ChannelLeftBridge'>): void {
  const channelId = event.channel.id;
  const leg = core.byChannel.get(channelId);
  // the bridge record may be gone already: we destroyed the bridge, and this is its members leaving
  if (leg && leg.bridgeId === event.bridge.id) {
    leg.bridgeId = null;
    if (!leg.ended) core.emit({ type: 'call.unbridged', callId: leg.callId, at: ariTime(event.timestamp), bridgeId: event.bridge.id });
  }
  const rec = core.bridges.get(event.bridge.id);
  if (!rec) return;
  rec.members.delete(channelId);
  if (rec.kind === 'waiting') {
    if (leg) leg.holding = false;
    return;
  }
  // the recording covers the conversation: it ends when its first party leaves
  if (rec.recording && !rec.recording.stopping && leg) {
    rec.recording.stopping = true;
    // RecordingFinished can arrive before this leg's hang-up is processed: report it on the
    // parties that stayed, so the leg that left goes to the back of the list now
    const parties = core.recordings.get(rec.recording.name);
    if (parties) core.recordings.set(rec.recording.name, [...parties.filter((id) => id !== leg.callId), leg.callId]);
    core
      .rest()
      .stopRecording(rec.recording.name)
      .catch((error: unknown) => {
        if (!isNotFound(error)) core.warn(error, 'could not stop a bridge recording', leg.callId);
      });
  }
  // a conversation ends when one of its two parties leaves, a supervision when its snoop goes:
  // the others are let out of the bridge (ChannelLeftBridge → call.unbridged) rather than left alone in it
  const partyLeft = leg !== undefined && rec.parties.includes(leg.callId);
  const snoopGone = rec.kind === 'snoop' && channelId === rec.snoopId;
  if (rec.kind === 'snoop' && partyLeft && rec.snoopId) {
    // the supervisor went (or moved on): the snoop channel would otherwise go on spying until its target ends
    const snoopId = rec.snoopId;
    core.snoops.delete(snoopId);
    core
      .rest()
      .hangup(snoopId, 16)
      .catch((error: unknown) => {
        if (!isNotFound(error)) core.warn(error, 'could not hang up a snoop channel');
      });
  }
  const ours = [...rec.members].filter((id) => core.byChannel.has(id) || core.snoops.has(id));
  if (partyLeft || snoopGone || ours.length === 0) destroyBridge(core, rec.id);
}

export function onRecordingFinished(core: AriCore, event: TAriEventOf<'RecordingFinished'> | TAriEventOf<'RecordingFailed'>): void {
  const name = event.recording.name;
  const at = ariTime(event.timestamp);
  const failed = event.type === 'RecordingFailed' ? (event.recording.cause ?? 'failed') : null;
  if (finishVoiceMessage(core, name, { at, durationSec: event.recording.duration ?? null, failed })) return;
  const parties = core.recordings.get(name);
  if (!parties) return;
  core.recordings.delete(name);
  if (event.type === 'RecordingFailed') {
    core.logger.warn({ callId: parties[0], recording: name, cause: event.recording.cause }, 'bridge recording failed');
    return;
  }
  // reported on a leg still up if there is one: the registry forgets legs once they end
  const owner = parties.find((id) => core.legs.get(id)?.ended === false) ?? parties[0];
  if (!owner) return;
  core.emit({
    type: 'recording.finished',
    callId: owner,
    at: ariTime(event.timestamp),
    recordingId: name,
    uri: `recording:${name}`,
    durationSec: event.recording.duration ?? 0,
  });
}
