import type { TMedia } from '../port.js';
import type { TSimTimer } from './clock.js';

export interface TMediaTiming {
  /** speaking rate of generated speech, in characters (code points) per second */
  speechCharsPerSecond: number;
  /** how long a file plays: files have no text to measure, so a nominal length */
  fileMs: number;
}

/** how long a piece of media plays, from its text length or nominal length */
export function mediaDurationMs(media: TMedia, timing: TMediaTiming): number {
  switch (media.kind) {
    case 'speech':
      // code points, so a Devanagari vowel sign counts like a letter; a floor keeps "Yes." audible
      return Math.max(200, Math.ceil(([...media.text].length / timing.speechCharsPerSecond) * 1000));
    case 'file':
      return timing.fileMs;
    case 'silence':
      return Math.max(0, media.ms);
  }
}

export type TFinishReason = 'done' | 'interrupted' | 'stopped';

/** one piece of media on a leg, as the far side experiences it */
export interface THeardItem {
  mediaId: string;
  kind: TMedia['kind'];
  /** the spoken text, the file URI, or '' for silence */
  content: string;
  interruptible: boolean;
  startedAt: string;
  endedAt: string | null;
  /** 'hangup' when the call ended while it played */
  reason: TFinishReason | 'hangup' | null;
}

export interface TPlayItem {
  mediaId: string;
  media: TMedia;
  interruptible: boolean;
  durationMs: number;
  heard: THeardItem | null;
}

interface TPlaylistHooks {
  schedule(ms: number, fn: () => void): TSimTimer;
  started(item: TPlayItem): void;
  finished(item: TPlayItem, reason: TFinishReason): void;
}

/**
 * The media queue of one leg. Plays queue like Asterisk playbacks and TwiML verbs: one at a
 * time, in order. A key press interrupts every interruptible item, playing or queued (the
 * caller has answered, so the rest of that question is moot); non-interruptible ones stay.
 */
export class Playlist {
  private readonly queue: TPlayItem[] = [];
  private current: { item: TPlayItem; timer: TSimTimer } | null = null;

  constructor(private readonly hooks: TPlaylistHooks) {}

  get playing(): TPlayItem | null {
    return this.current?.item ?? null;
  }

  enqueue(item: TPlayItem): void {
    this.queue.push(item);
  }

  /** starts the next queued item if nothing plays */
  startNext(): void {
    if (this.current) return;
    const item = this.queue.shift();
    if (!item) return;
    const timer = this.hooks.schedule(item.durationMs, () => {
      this.current = null;
      this.hooks.finished(item, 'done');
      this.startNext();
    });
    this.current = { item, timer };
    this.hooks.started(item);
  }

  /** stops one item, playing or queued; false if it is not here (already finished) */
  stop(mediaId: string): boolean {
    if (this.current?.item.mediaId === mediaId) {
      this.finishCurrent('stopped');
      return true;
    }
    const index = this.queue.findIndex((i) => i.mediaId === mediaId);
    if (index < 0) return false;
    const [item] = this.queue.splice(index, 1);
    if (item) this.hooks.finished(item, 'stopped');
    return true;
  }

  /** a key press: finishes interruptible items in order; the caller then calls startNext */
  interrupt(): void {
    if (this.current?.item.interruptible) this.finishCurrent('interrupted');
    const kept = this.queue.filter((i) => !i.interruptible);
    const dropped = this.queue.filter((i) => i.interruptible);
    this.queue.splice(0, this.queue.length, ...kept);
    for (const item of dropped) this.hooks.finished(item, 'interrupted');
  }

  /** the call ended: nothing more is said about its media */
  clear(): TPlayItem | null {
    const playing = this.current?.item ?? null;
    this.current?.timer.cancel();
    this.current = null;
    this.queue.length = 0;
    return playing;
  }

  private finishCurrent(reason: TFinishReason): void {
    if (!this.current) return;
    const { item, timer } = this.current;
    timer.cancel();
    this.current = null;
    this.hooks.finished(item, reason);
  }
}
