import { z } from 'zod';

/**
 * The part of ARI's JSON that the adapter reads, validated where it arrives. Objects keep only
 * what is listed here; fields Asterisk added in later versions are optional.
 */

const ZCallerId = z.object({ name: z.string().default(''), number: z.string().default('') });

export const ZAriChannel = z.object({
  id: z.string().min(1),
  name: z.string(),
  state: z.string(),
  caller: ZCallerId.default({ name: '', number: '' }),
  dialplan: z
    .object({ context: z.string().default(''), exten: z.string().default(''), app_name: z.string().default(''), app_data: z.string().default('') })
    .default({ context: '', exten: '', app_name: '', app_data: '' }),
  creationtime: z.string().optional(),
});
export type TAriChannel = z.output<typeof ZAriChannel>;

export const ZAriBridge = z.object({
  id: z.string().min(1),
  bridge_type: z.string().default('mixing'),
  name: z.string().default(''),
  channels: z.array(z.string()).default([]),
});
export type TAriBridge = z.output<typeof ZAriBridge>;

export const ZAriPlayback = z.object({
  id: z.string().min(1),
  target_uri: z.string().default(''),
  media_uri: z.string().default(''),
  state: z.string().default(''),
});

export const ZAriLiveRecording = z.object({
  name: z.string().min(1),
  target_uri: z.string().default(''),
  state: z.string().default(''),
  duration: z.number().optional(),
  cause: z.string().optional(),
});

const base = { timestamp: z.string(), application: z.string().optional() };

const ZEvent = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('StasisStart'), args: z.array(z.string()).default([]), channel: ZAriChannel }),
  z.object({ ...base, type: z.literal('StasisEnd'), channel: ZAriChannel }),
  z.object({ ...base, type: z.literal('ChannelStateChange'), channel: ZAriChannel }),
  z.object({ ...base, type: z.literal('ChannelDtmfReceived'), digit: z.string(), channel: ZAriChannel }),
  z.object({ ...base, type: z.literal('ChannelHangupRequest'), cause: z.number().optional(), soft: z.boolean().optional(), channel: ZAriChannel }),
  z.object({ ...base, type: z.literal('ChannelDestroyed'), cause: z.number(), cause_txt: z.string().default(''), channel: ZAriChannel }),
  z.object({ ...base, type: z.literal('ChannelEnteredBridge'), bridge: ZAriBridge, channel: ZAriChannel.optional() }),
  z.object({ ...base, type: z.literal('ChannelLeftBridge'), bridge: ZAriBridge, channel: ZAriChannel }),
  z.object({ ...base, type: z.literal('Dial'), peer: ZAriChannel, dialstatus: z.string() }),
  z.object({ ...base, type: z.literal('PlaybackStarted'), playback: ZAriPlayback }),
  z.object({ ...base, type: z.literal('PlaybackFinished'), playback: ZAriPlayback }),
  z.object({ ...base, type: z.literal('RecordingFinished'), recording: ZAriLiveRecording }),
  z.object({ ...base, type: z.literal('RecordingFailed'), recording: ZAriLiveRecording }),
  z.object({ ...base, type: z.literal('ApplicationReplaced') }),
]);
export type TAriEvent = z.output<typeof ZEvent>;
export type TAriEventOf<T extends TAriEvent['type']> = Extract<TAriEvent, { type: T }>;

const HANDLED = new Set<string>(ZEvent.options.map((o) => o.shape.type.value));

export type TParsedEvent = { ok: true; event: TAriEvent } | { ok: false; type: string; problem: 'unhandled' | 'invalid' };

/** One WebSocket message: a handled event, or why it is skipped. */
export function parseAriEvent(raw: unknown): TParsedEvent {
  const type = typeof raw === 'object' && raw !== null && 'type' in raw && typeof raw.type === 'string' ? raw.type : '';
  if (!HANDLED.has(type)) return { ok: false, type, problem: 'unhandled' };
  const parsed = ZEvent.safeParse(raw);
  return parsed.success ? { ok: true, event: parsed.data } : { ok: false, type, problem: 'invalid' };
}

/**
 * Asterisk writes times as `2026-05-13T09:47:36.123+0000` (a colon-less offset that not every
 * Date parser takes); the port wants ISO 8601 UTC.
 */
export function ariTime(value: string | undefined, fallback: Date = new Date()): string {
  const m = value ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?([+-])(\d{2}):?(\d{2})$/.exec(value) : null;
  if (!m) return fallback.toISOString();
  const [, clock, fraction = '', sign, hh, mm] = m;
  const ms = Date.parse(`${clock}${fraction.slice(0, 4)}${sign}${hh}:${mm}`);
  return Number.isNaN(ms) ? fallback.toISOString() : new Date(ms).toISOString();
}

/** `channel:<id>` / `bridge:<id>` → the id when the scheme matches. */
export function targetId(uri: string, scheme: 'channel' | 'bridge'): string | null {
  return uri.startsWith(`${scheme}:`) ? uri.slice(scheme.length + 1) : null;
}

/** The Stasis arguments of a channel seen in GET /channels: `app_data` is `<app>,<arg>,<arg>`. */
export function stasisArgsOf(channel: TAriChannel, app: string): string[] | null {
  if (channel.dialplan.app_name !== 'Stasis') return null;
  const [name, ...args] = channel.dialplan.app_data.split(',');
  return name === app ? args : null;
}
