import { randomUUID } from 'node:crypto';
import { stopRecording } from './world-media.js';
import { AriHttpError, asteriskTime, bridgeJson, channelJson, type TBridge, type TChan } from './world-types.js';
import type { FakeAsterisk } from './world.js';

/** Bridges (mixing, holding, dtmf_events) and snoop channels. */

const TYPES = new Set(['mixing', 'holding', 'dtmf_events', 'proxy_media', 'video_sfu', 'video_single', 'sdp_label']);

export function createBridge(world: FakeAsterisk, id: string | null, type: string | null, name: string | null) {
  const bridgeId = id ?? randomUUID();
  if (world.bridges.has(bridgeId)) throw new AriHttpError(409, 'Bridge with the same bridgeId already exists');
  const flags = (type ?? 'mixing').split(',').map((f) => f.trim());
  if (flags.some((f) => !TYPES.has(f))) throw new AriHttpError(400, 'Invalid bridge type');
  const b: TBridge = {
    id: bridgeId,
    bridgeType: flags.includes('holding') ? 'holding' : 'mixing',
    dtmfEvents: flags.includes('dtmf_events'),
    name: name ?? '',
    channels: [],
    creationtime: asteriskTime(),
    moh: null,
    subscribers: new Set(),
  };
  world.bridges.set(b.id, b);
  return bridgeJson(b);
}

export function bridge(world: FakeAsterisk, id: string): TBridge {
  const b = world.bridges.get(id);
  if (!b) throw new AriHttpError(404, 'Bridge not found');
  return b;
}

function leave(world: FakeAsterisk, b: TBridge, c: TChan): void {
  b.channels = b.channels.filter((id) => id !== c.id);
  c.bridgeId = null;
  world.bridgeEvent(b, c, 'ChannelLeftBridge');
}

/** A channel joining a bridge leaves the Stasis bridge it was in; its app is subscribed to the bridge. */
export function addChannels(world: FakeAsterisk, bridgeId: string, channelIds: string[], role: string | null): void {
  const b = bridge(world, bridgeId);
  if (channelIds.length === 0) throw new AriHttpError(400, 'Missing parameter channel');
  const channels = channelIds.map((id) => {
    const c = world.channels.get(id);
    if (!c) throw new AriHttpError(400, 'Channel not found');
    if (!c.stasisApp) throw new AriHttpError(422, 'Channel not in Stasis application');
    return c;
  });
  for (const c of channels) {
    if (c.bridgeId === b.id) continue;
    const previous = c.bridgeId ? world.bridges.get(c.bridgeId) : undefined;
    if (previous) leave(world, previous, c);
    b.channels.push(c.id);
    c.bridgeId = b.id;
    if (c.stasisApp) b.subscribers.add(c.stasisApp);
    world.bridgeEvent(b, c, 'ChannelEnteredBridge');
    // a holding bridge entertains its participants with music on hold
    if (b.bridgeType === 'holding' && role !== 'announcer') c.heard.push(`moh:${b.moh ?? 'default'}`);
  }
}

export function removeChannels(world: FakeAsterisk, bridgeId: string, channelIds: string[]): void {
  const b = bridge(world, bridgeId);
  if (channelIds.length === 0) throw new AriHttpError(400, 'Missing parameter channel');
  const channels = channelIds.map((id) => {
    const c = world.channels.get(id);
    if (!c) throw new AriHttpError(400, 'Channel not found');
    if (c.bridgeId !== b.id) throw new AriHttpError(422, 'Channel not in this bridge');
    return c;
  });
  for (const c of channels) leave(world, b, c);
}

export function destroyBridge(world: FakeAsterisk, bridgeId: string): void {
  const b = bridge(world, bridgeId);
  for (const id of [...b.channels]) {
    const c = world.channels.get(id);
    if (c) leave(world, b, c);
  }
  for (const r of [...world.recordings.values()]) if (r.bridgeId === b.id) stopRecording(world, r.name);
  world.send(b.subscribers, 'BridgeDestroyed', { bridge: bridgeJson(b) });
  world.bridges.delete(b.id);
}

export function startMoh(world: FakeAsterisk, bridgeId: string, mohClass: string | null): void {
  const b = bridge(world, bridgeId);
  b.moh = mohClass ?? 'default';
  for (const id of b.channels) world.channels.get(id)?.heard.push(`moh:${b.moh}`);
}

export function stopMoh(world: FakeAsterisk, bridgeId: string): void {
  bridge(world, bridgeId).moh = null;
}

/** On hang-up a channel leaves its bridge (before StasisEnd). */
export function leaveOnTeardown(world: FakeAsterisk, c: TChan): void {
  const b = c.bridgeId ? world.bridges.get(c.bridgeId) : undefined;
  if (b) leave(world, b, c);
}

const DIRECTIONS = new Set(['none', 'both', 'out', 'in']);

/**
 * POST /channels/{id}/snoop: a Snoop/ channel that hears the target (spy) and can speak into it
 * (whisper). It is answered at once and enters the app on its own thread, after the response.
 */
export function snoop(
  world: FakeAsterisk,
  targetId: string,
  request: { snoopId: string | null; spy: string | null; whisper: string | null; app: string | null; appArgs: string | null },
) {
  const target = world.channel(targetId);
  if (!request.app) throw new AriHttpError(400, 'Missing parameter app');
  const spy = request.spy ?? 'none';
  const whisper = request.whisper ?? 'none';
  if (!DIRECTIONS.has(spy) || !DIRECTIONS.has(whisper)) throw new AriHttpError(400, 'Invalid direction specified');
  if (spy === 'none' && whisper === 'none') throw new AriHttpError(400, 'Snoop direction required');
  if (request.snoopId && world.channels.has(request.snoopId)) throw new AriHttpError(400, 'Snoop id already in use');
  const s = world.newChannel({
    name: `Snoop/${target.id}-${randomUUID().slice(0, 8)}`,
    state: 'Up',
    caller: { ...target.caller },
    snoopOf: { targetId: target.id, spy, whisper },
    ...(request.snoopId ? { id: request.snoopId } : {}),
  });
  world.snoopLog.push({ snoopId: s.id, targetId: target.id, spy, whisper, app: request.app });
  const app = request.app;
  const args = request.appArgs ? request.appArgs.split(',') : [];
  world.later(s, world.options.timings.snoopStasisDelayMs, () => {
    if (!world.enterStasis(s, app, args)) world.teardown(s, 16);
  });
  return channelJson(s);
}
