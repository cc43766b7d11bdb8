import { randomUUID } from 'node:crypto';
import type { TMedia } from '../port.js';
import { Collector, collectRules } from './ari.collect.js';
import { requireStasis, toAppError, type AriCore, type TLeg } from './ari.core.js';
import { ariTime, type TAriEventOf } from './ari.events.js';
import { isNotFound } from './ari.rest.js';
import { mediaUris } from './ari.speech.js';

export async function play(core: AriCore, callId: string, media: TMedia, options?: { interruptOnDtmf?: boolean }): Promise<{ mediaId: string }> {
  const leg = core.leg(callId);
  requireStasis(leg);
  const uris = await mediaUris(media, core.speech);
  const mediaId = randomUUID();
  await startPlayback(core, leg, mediaId, uris, options?.interruptOnDtmf === true);
  return { mediaId };
}

/** The playback id is ours (POST …/play/{playbackId}) and tracked first: PlaybackStarted may beat the response. */
async function startPlayback(core: AriCore, leg: TLeg, id: string, uris: string[], interruptOnDtmf: boolean): Promise<void> {
  leg.playbacks.set(id, { id, interruptOnDtmf, endReason: null });
  core.playbackOwner.set(id, leg);
  try {
    await core.rest().play(leg.channelId, id, uris);
  } catch (error) {
    leg.playbacks.delete(id);
    core.playbackOwner.delete(id);
    throw toAppError(error, 'call');
  }
}

export async function stopMedia(core: AriCore, callId: string, mediaId: string): Promise<void> {
  const leg = core.leg(callId);
  const playback = leg.playbacks.get(mediaId);
  if (!playback) return; // finished already
  playback.endReason ??= 'stopped';
  try {
    await core.rest().stopPlayback(mediaId);
  } catch (error) {
    if (!isNotFound(error)) throw toAppError(error, 'media');
  }
}

export async function collect(
  core: AriCore,
  callId: string,
  options: { requestId: string; maxDigits: number; timeoutMs: number; terminator?: string; prompt?: TMedia },
): Promise<void> {
  const leg = core.leg(callId);
  requireStasis(leg);
  const rules = collectRules(options);
  const uris = options.prompt ? await mediaUris(options.prompt, core.speech) : null;
  const promptId = uris ? randomUUID() : null;
  leg.collector?.cancel();
  const collector: Collector = new Collector(options.requestId, rules, promptId, core.schedule, (digits, reason) => {
    if (leg.collector === collector) leg.collector = null;
    if (core.live(leg)) core.emit({ type: 'call.digits', callId, at: new Date().toISOString(), requestId: options.requestId, digits, reason });
  });
  leg.collector = collector;
  if (!promptId || !uris) return;
  try {
    await startPlayback(core, leg, promptId, uris, true);
  } catch (error) {
    collector.cancel();
    if (leg.collector === collector) leg.collector = null;
    throw error;
  }
}

export function onPlaybackStarted(core: AriCore, event: TAriEventOf<'PlaybackStarted'>): void {
  const leg = core.playbackOwner.get(event.playback.id);
  if (!leg || !core.live(leg)) return;
  core.emit({ type: 'media.started', callId: leg.callId, at: ariTime(event.timestamp), mediaId: event.playback.id });
}

export function onPlaybackFinished(core: AriCore, event: TAriEventOf<'PlaybackFinished'>): void {
  const id = event.playback.id;
  const leg = core.playbackOwner.get(id);
  if (!leg) return;
  if (event.playback.state === 'failed') core.logger.warn({ callId: leg.callId, media: event.playback.media_uri }, 'Asterisk could not play a prompt');
  finishPlayback(core, leg, id, ariTime(event.timestamp));
}

/** Also used after a reconnect for a playback whose PlaybackFinished was lost with the socket. */
export function finishPlayback(core: AriCore, leg: TLeg, id: string, at: string): void {
  const playback = leg.playbacks.get(id);
  leg.playbacks.delete(id);
  core.playbackOwner.delete(id);
  if (!playback || !core.live(leg)) return;
  core.emit({ type: 'media.finished', callId: leg.callId, at, mediaId: id, reason: playback.endReason ?? 'done' });
  if (leg.collector?.promptId === id) leg.collector.promptEnded();
}

/** A key: reported, then it stops interruptible prompts (Asterisk's playbacks ignore DTMF), then it is collected. */
export function onDtmf(core: AriCore, event: TAriEventOf<'ChannelDtmfReceived'>): void {
  const leg = core.byChannel.get(event.channel.id);
  if (!leg || !core.live(leg)) return;
  core.emit({ type: 'call.dtmf', callId: leg.callId, at: ariTime(event.timestamp), digit: event.digit });
  for (const playback of leg.playbacks.values()) {
    if (!playback.interruptOnDtmf || playback.endReason) continue;
    playback.endReason = 'interrupted';
    core
      .rest()
      .stopPlayback(playback.id)
      .catch((error: unknown) => {
        if (!isNotFound(error)) core.warn(error, 'could not stop an interrupted prompt', leg.callId);
      });
  }
  leg.collector?.key(event.digit);
}
