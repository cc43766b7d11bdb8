import { randomUUID } from 'node:crypto';
import { AriHttpError, playbackJson, recordingJson, type TChan, type TPlayback, type TRecording } from './world-types.js';
import type { FakeAsterisk } from './world.js';

/**
 * Playbacks on channels: queued per channel, PlaybackStarted, PlaybackContinuing between the
 * items of a media list, PlaybackFinished after each item's nominal length or on DELETE. Asterisk
 * does not stop a playback for a key press; neither does this.
 */

const URI = /^(sound|recording|number|digits|characters|tone):\S+$/;

function durationOf(world: FakeAsterisk, uri: string): number {
  const known = world.options.durationOf?.(uri);
  if (known !== undefined) return known;
  const silence = /^sound:silence\/(\d+)$/.exec(uri);
  if (silence?.[1]) return Number(silence[1]) * 1000;
  return world.options.timings.soundMs;
}

export function play(world: FakeAsterisk, channelId: string, media: string[], lang: string | null, playbackId: string | null) {
  const c = world.controlled(channelId);
  if (media.length === 0) throw new AriHttpError(400, 'Missing parameter media');
  if (media.some((uri) => !URI.test(uri))) throw new AriHttpError(400, 'Invalid media URI');
  const p: TPlayback = {
    id: playbackId ?? randomUUID(),
    media,
    index: 0,
    targetUri: `channel:${c.id}`,
    channelId: c.id,
    language: lang ?? c.language,
    state: 'queued',
    timer: null,
  };
  world.playbacks.set(p.id, p);
  c.playQueue.push(p.id);
  const response = playbackJson(p);
  // playback starts on the channel's thread, just after the response
  setImmediate(() => startNext(world, c));
  return response;
}

function startNext(world: FakeAsterisk, c: TChan): void {
  if (c.currentPlayback || c.dying) return;
  const id = c.playQueue.shift();
  const p = id ? world.playbacks.get(id) : undefined;
  if (!p) return;
  p.state = 'playing';
  c.currentPlayback = p.id;
  c.heard.push(p.media[0] ?? '');
  world.send(c.subscribers, 'PlaybackStarted', { playback: playbackJson(p) });
  schedule(world, c, p);
}

function schedule(world: FakeAsterisk, c: TChan, p: TPlayback): void {
  p.timer = setTimeout(() => {
    p.timer = null;
    if (p.index + 1 < p.media.length) {
      p.index += 1;
      c.heard.push(p.media[p.index] ?? '');
      world.send(c.subscribers, 'PlaybackContinuing', { playback: playbackJson(p) });
      schedule(world, c, p);
    } else {
      finish(world, c, p);
    }
  }, durationOf(world, p.media[p.index] ?? ''));
}

function finish(world: FakeAsterisk, c: TChan, p: TPlayback): void {
  if (p.timer) clearTimeout(p.timer);
  p.timer = null;
  // a stopped playback is reported as done, like one that played out
  p.state = 'done';
  world.playbacks.delete(p.id);
  world.send(c.subscribers, 'PlaybackFinished', { playback: playbackJson(p) });
  if (c.currentPlayback === p.id) {
    c.currentPlayback = null;
    startNext(world, c);
  }
}

export function getPlayback(world: FakeAsterisk, id: string) {
  const p = world.playbacks.get(id);
  if (!p) throw new AriHttpError(404, 'Playback not found');
  return playbackJson(p);
}

export function stopPlayback(world: FakeAsterisk, id: string): void {
  const p = world.playbacks.get(id);
  if (!p) throw new AriHttpError(404, 'Playback not found');
  const c = world.channels.get(p.channelId);
  if (!c) return void world.playbacks.delete(id);
  c.playQueue = c.playQueue.filter((queued) => queued !== id);
  finish(world, c, p);
}

/** On hang-up the playing item ends (PlaybackFinished) and the queue is dropped. */
export function endChannelMedia(world: FakeAsterisk, c: TChan): void {
  for (const id of c.playQueue) world.playbacks.delete(id);
  c.playQueue = [];
  const current = c.currentPlayback ? world.playbacks.get(c.currentPlayback) : undefined;
  if (current) finish(world, c, current);
}

// ——— recordings ———

const FORMATS = new Set(['wav', 'gsm', 'ulaw', 'alaw', 'sln', 'sln16', 'g722', 'wav16']);

export function recordBridge(world: FakeAsterisk, bridgeId: string, name: string | null, format: string | null, ifExists: string | null) {
  const b = world.bridges.get(bridgeId);
  if (!b) throw new AriHttpError(404, 'Bridge not found');
  if (!name || !format) throw new AriHttpError(400, 'Recording name and format are required');
  if (!FORMATS.has(format)) throw new AriHttpError(422, `Unknown format ${format}`);
  if (world.recordings.has(name)) throw new AriHttpError(409, 'Recording with that name is in progress');
  if (world.storedRecordings.has(name) && (ifExists ?? 'fail') === 'fail') throw new AriHttpError(409, 'Recording already exists');
  const r: TRecording = { name, format, targetUri: `bridge:${b.id}`, bridgeId: b.id, channelId: null, terminateOn: 'none', timer: null, state: 'queued', startedAt: Date.now() };
  world.recordings.set(name, r);
  const response = recordingJson(r);
  setImmediate(() => {
    const live = world.recordings.get(name);
    if (!live) return;
    live.state = 'recording';
    world.send(b.subscribers, 'RecordingStarted', { recording: recordingJson(live) });
  });
  return response;
}

export function getLiveRecording(world: FakeAsterisk, name: string) {
  const r = world.recordings.get(name);
  if (!r) throw new AriHttpError(404, 'Recording not found');
  return recordingJson(r);
}

/**
 * A channel's voice message. It ends on its terminate key, at its length limit, or when the
 * channel hangs up; Asterisk stores what was recorded in each case (RecordingFinished).
 */
export function recordChannel(
  world: FakeAsterisk,
  channelId: string,
  request: { name: string | null; format: string | null; maxDurationSeconds: number; ifExists: string | null; terminateOn: string | null },
) {
  const c = world.controlled(channelId);
  if (!request.name || !request.format) throw new AriHttpError(400, 'Recording name and format are required');
  if (!FORMATS.has(request.format)) throw new AriHttpError(422, `Unknown format ${request.format}`);
  const bridge = c.bridgeId ? world.bridges.get(c.bridgeId) : undefined;
  if (bridge && bridge.channels.length > 1) throw new AriHttpError(409, 'Channel is currently bridged with other channels');
  if (world.recordings.has(request.name)) throw new AriHttpError(409, 'Recording with that name is in progress');
  if (world.storedRecordings.has(request.name) && (request.ifExists ?? 'fail') === 'fail') throw new AriHttpError(409, 'Recording already exists');
  const terminateOn = request.terminateOn ?? 'none';
  if (!['none', 'any', '*', '#'].includes(terminateOn)) throw new AriHttpError(400, 'terminateOn must be none, any, * or #');
  const name = request.name;
  const r: TRecording = { name, format: request.format, targetUri: `channel:${c.id}`, bridgeId: null, channelId: c.id, terminateOn, timer: null, state: 'queued', startedAt: Date.now() };
  world.recordings.set(name, r);
  const response = recordingJson(r);
  setImmediate(() => {
    if (world.recordings.get(name) !== r || c.dying) return;
    r.state = 'recording';
    world.send(c.subscribers, 'RecordingStarted', { recording: recordingJson(r) });
    if (request.maxDurationSeconds > 0) r.timer = setTimeout(() => stopRecording(world, name), request.maxDurationSeconds * 1000);
  });
  return response;
}

/** A key on a channel: a voice message that terminates on it ends. */
export function keyOnRecording(world: FakeAsterisk, c: TChan, digit: string): void {
  for (const r of world.recordings.values()) {
    if (r.channelId !== c.id) continue;
    if (r.terminateOn === 'any' || r.terminateOn === digit) stopRecording(world, r.name);
  }
}

/** On hang-up a channel's voice message is stored, as Asterisk keeps what was said. */
export function endChannelRecordings(world: FakeAsterisk, c: TChan): void {
  for (const r of [...world.recordings.values()]) if (r.channelId === c.id) stopRecording(world, r.name);
}

export function stopRecording(world: FakeAsterisk, name: string): void {
  const r = world.recordings.get(name);
  if (!r) throw new AriHttpError(404, 'Recording not found');
  if (r.timer) clearTimeout(r.timer);
  r.timer = null;
  const owner = r.bridgeId ? world.bridges.get(r.bridgeId) : r.channelId ? world.channels.get(r.channelId) : undefined;
  const subscribers = owner?.subscribers ?? new Set<string>();
  r.state = 'done';
  r.duration = Math.round((Date.now() - r.startedAt) / 1000);
  world.recordings.delete(name);
  world.storedRecordings.add(name);
  world.send(subscribers, 'RecordingFinished', { recording: recordingJson(r) });
}
