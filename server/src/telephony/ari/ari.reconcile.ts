import { Q850_FOR_CAUSE } from '../port.js';
import { WAITING_ROOM_NAME, bridgeRec } from './ari.bridging.js';
import { emitAnswered, endLeg } from './ari.calls.js';
import { amdVerdict } from './ari.causes.js';
import { BRIDGE_PREFIX, type AriCore, type TLeg } from './ari.core.js';
import { stasisArgsOf, type TAriBridge, type TAriChannel } from './ari.events.js';
import { finishPlayback } from './ari.media.js';
import { isNotFound, type TAriRest } from './ari.rest.js';

export interface TKnownLeg {
  callId: string;
  channelId: string;
  knownSince: number;
  bridgeId: string | null;
}

export interface TReconcileInput {
  app: string;
  /** Date.now() when GET /channels was sent: legs learned after it may be missing from the answer */
  snapshotAt: number;
  legs: TKnownLeg[];
  snoopIds: string[];
  bridgeIds: string[];
  hasWaitingRoom: boolean;
  channels: TAriChannel[];
  bridges: TAriBridge[];
}

export interface TReconcilePlan {
  /** legs whose channel is gone (to confirm one by one: the list may predate a fresh event) */
  lost: string[];
  /** legs still there, with what Asterisk says of them now */
  present: { callId: string; channel: TAriChannel }[];
  /** legs that are no longer in the bridge we think they are in */
  unbridged: { callId: string; bridgeId: string }[];
  /** bridge records of ours that Asterisk no longer has */
  goneBridges: string[];
  /** bridges of ours that are still there, with their members */
  liveBridges: TAriBridge[];
  /** channels in our application that we hold no state for */
  orphans: string[];
  /** bridges named by this adapter that it does not know, holding none of its legs */
  strayBridges: string[];
  /** an existing waiting room to adopt */
  waitingRoom: string | null;
}

/**
 * What changed while the event socket was closed, from GET /channels and GET /bridges. Pure, so
 * every case is a unit test; `reconcile` below carries it out.
 */
export function planReconcile(input: TReconcileInput): TReconcilePlan {
  const channels = new Map(input.channels.map((c) => [c.id, c]));
  const bridges = new Map(input.bridges.map((b) => [b.id, b]));
  const knownChannels = new Set([...input.legs.map((l) => l.channelId), ...input.snoopIds]);
  const knownBridges = new Set(input.bridgeIds);
  const plan: TReconcilePlan = { lost: [], present: [], unbridged: [], goneBridges: [], liveBridges: [], orphans: [], strayBridges: [], waitingRoom: null };
  for (const leg of input.legs) {
    const channel = channels.get(leg.channelId);
    if (!channel) {
      if (leg.knownSince < input.snapshotAt) plan.lost.push(leg.callId);
      continue;
    }
    plan.present.push({ callId: leg.callId, channel });
    if (leg.bridgeId && !bridges.get(leg.bridgeId)?.channels.includes(leg.channelId)) plan.unbridged.push({ callId: leg.callId, bridgeId: leg.bridgeId });
  }
  for (const id of input.bridgeIds) {
    const live = bridges.get(id);
    if (live) plan.liveBridges.push(live);
    else plan.goneBridges.push(id);
  }
  for (const channel of input.channels) {
    if (!knownChannels.has(channel.id) && stasisArgsOf(channel, input.app) !== null) plan.orphans.push(channel.id);
  }
  for (const bridge of input.bridges) {
    if (knownBridges.has(bridge.id) || !bridge.name.startsWith(BRIDGE_PREFIX)) continue;
    if (bridge.name === WAITING_ROOM_NAME && plan.waitingRoom === null && !input.hasWaitingRoom) {
      plan.waitingRoom = bridge.id;
      continue;
    }
    if (!bridge.channels.some((id) => knownChannels.has(id))) plan.strayBridges.push(bridge.id);
  }
  return plan;
}

/** Brings the adapter's view back in line with Asterisk after the event socket (re)opened. */
export async function reconcile(core: AriCore, rest: TAriRest): Promise<void> {
  const snapshotAt = Date.now();
  const [channels, bridges] = await Promise.all([rest.listChannels(), rest.listBridges()]);
  const plan = planReconcile({
    app: core.config.app,
    snapshotAt,
    legs: [...core.legs.values()],
    snoopIds: [...core.snoops.keys()],
    bridgeIds: [...core.bridges.keys()],
    hasWaitingRoom: [...core.bridges.values()].some((b) => b.kind === 'waiting'),
    channels,
    bridges,
  });
  const now = new Date().toISOString();
  for (const callId of plan.lost) await confirmLost(core, rest, callId, now);
  for (const { callId, channel } of plan.present) await adopt(core, rest, callId, channel, now);
  for (const { callId, bridgeId } of plan.unbridged) {
    const leg = core.legs.get(callId);
    if (!leg || leg.bridgeId !== bridgeId) continue;
    leg.bridgeId = null;
    if (!leg.ended) core.emit({ type: 'call.unbridged', callId, at: now, bridgeId });
  }
  for (const id of plan.goneBridges) {
    if (core.bridges.get(id)?.kind === 'waiting') core.waitingRoom = null;
    core.bridges.delete(id);
  }
  for (const live of plan.liveBridges) {
    const rec = core.bridges.get(live.id);
    if (rec) rec.members = new Set(live.channels);
  }
  if (plan.waitingRoom) {
    core.bridges.set(plan.waitingRoom, bridgeRec(plan.waitingRoom, 'waiting'));
    core.waitingRoom = Promise.resolve(plan.waitingRoom);
  }
  for (const id of plan.strayBridges) rest.destroyBridge(id).catch((error: unknown) => core.warn(error, 'could not destroy a stray bridge'));
  if (plan.orphans.length > 0) core.schedule(core.config.orphanGraceMs, () => void hangUpOrphans(core, rest, plan.orphans));
  core.logger.info(
    { lost: plan.lost.length, adopted: plan.present.length, orphans: plan.orphans.length, strayBridges: plan.strayBridges.length },
    'ARI state rebuilt from GET /channels and GET /bridges',
  );
}

async function confirmLost(core: AriCore, rest: TAriRest, callId: string, at: string): Promise<void> {
  const leg = core.legs.get(callId);
  if (!leg || leg.ended) return;
  try {
    await rest.getChannel(leg.channelId);
    return; // it appeared after the snapshot
  } catch (error) {
    if (!isNotFound(error)) return core.warn(error, 'could not check a leg after reconnecting', callId);
  }
  if (leg.ended) return;
  // its ChannelDestroyed went with the socket: the cause is unknown
  endLeg(core, leg, at, 0);
}

/** A leg that is still there: catch up on what its lost events would have said. */
async function adopt(core: AriCore, rest: TAriRest, callId: string, channel: TAriChannel, at: string): Promise<void> {
  const leg = core.legs.get(callId);
  if (!leg || leg.ended) return;
  if (channel.state === 'Up') leg.upAt ??= at;
  const args = stasisArgsOf(channel, core.config.app);
  if (args && !leg.inStasis) {
    leg.inStasis = true;
    if (leg.direction === 'outbound') {
      emitAnswered(core, leg, leg.upAt ?? at);
      if (leg.detectMachine && core.live(leg)) core.emit({ type: 'call.machine', callId, at, result: amdVerdict(args) ?? 'unknown' });
    }
  }
  if (leg.inStasis && channel.state === 'Up') emitAnswered(core, leg, leg.upAt ?? at);
  await settlePlaybacks(core, rest, leg, at);
}

async function settlePlaybacks(core: AriCore, rest: TAriRest, leg: TLeg, at: string): Promise<void> {
  for (const id of [...leg.playbacks.keys()]) {
    try {
      await rest.getPlayback(id);
    } catch (error) {
      if (isNotFound(error)) finishPlayback(core, leg, id, at);
      else core.warn(error, 'could not check a playback after reconnecting', leg.callId);
    }
  }
}

/** Orphans had a grace period to show up with a StasisStart; those still unknown are released. */
async function hangUpOrphans(core: AriCore, rest: TAriRest, channelIds: string[]): Promise<void> {
  for (const id of channelIds) {
    if (!core.link.rest()) return; // stopped meanwhile
    if (core.byChannel.has(id) || core.snoops.has(id)) continue;
    try {
      const channel = await rest.getChannel(id);
      if (stasisArgsOf(channel, core.config.app) === null || core.byChannel.has(id)) continue;
      core.logger.warn({ channelId: id, name: channel.name }, 'orphan channel in the application: hanging it up');
      await rest.hangup(id, Q850_FOR_CAUSE.failed);
    } catch (error) {
      if (!isNotFound(error)) core.warn(error, 'could not hang up an orphan channel');
    }
  }
}
