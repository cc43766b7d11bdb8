import { randomUUID } from 'node:crypto';
import { EVENT_TYPES } from './description-models.js';
import { AriHttpError, CAUSE_TEXT, asteriskTime, bridgeJson, channelJson, type TBehaviour, type TBridge, type TChan, type TChannelState, type TPlayback, type TRecording } from './world-types.js';

/** Where events go: the WebSocket hub. `deliver` is false when the app has no open socket. */
export interface TEventSink {
  active(app: string): boolean;
  deliver(app: string, message: Record<string, unknown>): boolean;
}

export interface TTimings {
  ringMs: number;
  answerMs: number;
  amdMs: number;
  failMs: number;
  dtmfGapMs: number;
  soundMs: number;
  speechMsPerChar: number;
  /** between StasisEnd and ChannelDestroyed (Asterisk: a few ms; longer lets a test look in between) */
  destroyDelayMs: number;
  snoopStasisDelayMs: number;
}

export const DEFAULT_TIMINGS: TTimings = {
  ringMs: 20,
  answerMs: 40,
  amdMs: 60,
  failMs: 30,
  dtmfGapMs: 15,
  soundMs: 300,
  speechMsPerChar: 40,
  destroyDelayMs: 2,
  snoopStasisDelayMs: 10,
};

export interface TWorldOptions {
  /** the app named by Stasis() in the dialplan (extensions.conf: samvad) */
  dialplanApp: string;
  timings: TTimings;
  /** nominal length of a media URI, when the test knows better (generated speech) */
  durationOf?: (uri: string) => number | undefined;
  asteriskId?: string;
}

const KNOWN_EVENTS = new Set(EVENT_TYPES);

/**
 * A small Asterisk: channels with dialplan positions and Stasis membership, app subscriptions,
 * and events sent in Asterisk's order to the apps subscribed to what they are about. Bridges,
 * media and snoops live in the world-*.ts modules that operate on it.
 */
export class FakeAsterisk {
  readonly channels = new Map<string, TChan>();
  readonly bridges = new Map<string, TBridge>();
  readonly playbacks = new Map<string, TPlayback>();
  readonly recordings = new Map<string, TRecording>();
  readonly storedRecordings = new Set<string>();
  /** applications Asterisk knows: registered once by an event socket, kept after it closes */
  readonly apps = new Set<string>();
  readonly scripts = new Map<string, TBehaviour>();
  readonly sent: { app: string; message: Record<string, unknown> }[] = [];
  readonly snoopLog: { snoopId: string; targetId: string; spy: string; whisper: string; app: string }[] = [];
  /** channels whose hangup the test scheduled: teardown hooks for snoops and playbacks */
  readonly onTeardown: ((c: TChan) => void)[] = [];
  /** what each channel heard, kept after it is gone */
  readonly heardLog = new Map<string, string[]>();
  private seq = 0;

  constructor(
    readonly sink: TEventSink,
    readonly options: TWorldOptions,
  ) {}

  // ——— objects ———

  newChannel(init: Partial<TChan> & Pick<TChan, 'name' | 'state'>): TChan {
    this.seq += 1;
    const c: TChan = {
      id: `${Math.floor(Date.now() / 1000)}.${this.seq}`,
      protocolId: init.name.startsWith('PJSIP/') ? `${randomUUID()}@samvad.test` : '',
      caller: { name: '', number: '' },
      connected: { name: '', number: '' },
      dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
      creationtime: asteriskTime(),
      language: 'en',
      subscribers: new Set(),
      stasisApp: null,
      bridgeId: null,
      heard: [],
      mute: { in: false, out: false },
      tones: [],
      vars: new Map(),
      dying: false,
      timers: new Set(),
      playQueue: [],
      currentPlayback: null,
      snoopOf: null,
      origin: null,
      ...init,
    };
    this.channels.set(c.id, c);
    this.heardLog.set(c.id, c.heard);
    return c;
  }

  /** PJSIP names a channel after its endpoint: `PJSIP/carrier-0000000c`. */
  channelName(tech: string, endpoint: string): string {
    return `${tech}/${endpoint}-${(this.seq + 1).toString(16).padStart(8, '0')}`;
  }

  channel(id: string): TChan {
    const c = this.channels.get(id);
    if (!c) throw new AriHttpError(404, 'Channel not found');
    return c;
  }

  controlled(id: string): TChan {
    const c = this.channel(id);
    if (!c.stasisApp) throw new AriHttpError(409, 'Channel not in Stasis application');
    return c;
  }

  later(c: TChan, ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      c.timers.delete(timer);
      if (this.channels.get(c.id) === c) fn();
    }, ms);
    c.timers.add(timer);
  }

  // ——— events ———

  /** Sends one event to each app, in Asterisk's shape; events about nobody's objects go nowhere. */
  send(apps: Iterable<string>, type: string, payload: Record<string, unknown>): void {
    if (!KNOWN_EVENTS.has(type)) throw new Error(`test server would send ${type}, which its API description lacks (ari-client would crash)`);
    const timestamp = asteriskTime();
    for (const app of new Set(apps)) {
      const message = { type, timestamp, ...payload, asterisk_id: this.options.asteriskId ?? '02:42:ac:11:00:02', application: app };
      if (this.sink.deliver(app, message)) this.sent.push({ app, message });
    }
  }

  channelEvent(c: TChan, type: string, extra: Record<string, unknown> = {}): void {
    this.send(c.subscribers, type, { ...extra, channel: channelJson(c) });
  }

  bridgeEvent(b: TBridge, c: TChan, type: string): void {
    this.send([...b.subscribers, ...c.subscribers], type, { bridge: bridgeJson(b), channel: channelJson(c) });
  }

  setState(c: TChan, state: TChannelState): void {
    if (c.state === state) return;
    c.state = state;
    this.channelEvent(c, 'ChannelStateChange');
  }

  setVar(c: TChan, variable: string, value: string): void {
    c.vars.set(variable, value);
    this.channelEvent(c, 'ChannelVarset', { variable, value });
  }

  moveDialplan(c: TChan, dialplan: Partial<TChan['dialplan']>): void {
    c.dialplan = { ...c.dialplan, ...dialplan };
    this.channelEvent(c, 'ChannelDialplan', { dialplan_app: c.dialplan.app_name, dialplan_app_data: c.dialplan.app_data });
  }

  // ——— Stasis ———

  /** Stasis(app,args…): fails (and the dialplan goes on) when no socket holds the app. */
  enterStasis(c: TChan, app: string, args: string[]): boolean {
    if (!this.sink.active(app)) return false;
    c.stasisApp = app;
    c.subscribers.add(app);
    c.dialplan = { ...c.dialplan, app_name: 'Stasis', app_data: [app, ...args].join(',') };
    this.channelEvent(c, 'StasisStart', { args });
    return true;
  }

  // ——— hangup ———

  /** A hangup request from the far side (cause given) or from ARI (soft, no Q.850 in the request). */
  requestHangup(c: TChan, cause: number, soft: boolean): void {
    if (c.dying) return;
    this.channelEvent(c, 'ChannelHangupRequest', soft ? { soft: true } : { cause });
    this.teardown(c, cause);
  }

  /**
   * The channel goes: playback ends, it leaves its bridge, leaves Stasis, then is destroyed with
   * its cause; snoops on it go after it.
   */
  teardown(c: TChan, cause: number): void {
    if (c.dying) return;
    c.dying = true;
    for (const timer of c.timers) clearTimeout(timer);
    c.timers.clear();
    for (const hook of this.onTeardown) hook(c);
    if (c.stasisApp) {
      this.channelEvent(c, 'StasisEnd');
      c.stasisApp = null;
    }
    const destroy = () => {
      this.channelEvent(c, 'ChannelDestroyed', { cause, cause_txt: CAUSE_TEXT[cause] ?? 'Unknown' });
      this.channels.delete(c.id);
      for (const snoop of this.channels.values()) if (snoop.snoopOf?.targetId === c.id) this.requestHangup(snoop, 16, false);
    };
    if (this.options.timings.destroyDelayMs > 0) setTimeout(destroy, this.options.timings.destroyDelayMs);
    else destroy();
  }

  // ——— applications ———

  appJson(name: string) {
    const channelIds = [...this.channels.values()].filter((c) => c.subscribers.has(name)).map((c) => c.id);
    const bridgeIds = [...this.bridges.values()].filter((b) => b.subscribers.has(name)).map((b) => b.id);
    return { name, channel_ids: channelIds, bridge_ids: bridgeIds, endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] };
  }

  app(name: string): string {
    if (!this.apps.has(name)) throw new AriHttpError(404, 'Application does not exist.');
    return name;
  }

  subscription(appName: string, sources: string[], subscribe: boolean) {
    const app = this.app(appName);
    if (sources.length === 0) throw new AriHttpError(400, 'Missing parameter eventSource');
    const targets = sources.map((source) => {
      const [scheme, id = ''] = source.split(/:(.*)/s);
      if (scheme !== 'channel' && scheme !== 'bridge') throw new AriHttpError(400, 'Invalid event source URI scheme');
      const target = scheme === 'channel' ? this.channels.get(id) : this.bridges.get(id);
      if (!target) throw new AriHttpError(422, 'Event source does not exist');
      if (!subscribe && !target.subscribers.has(app)) throw new AriHttpError(409, 'Application not subscribed to event source');
      return target;
    });
    for (const target of targets) {
      if (subscribe) target.subscribers.add(app);
      else target.subscribers.delete(app);
    }
    return this.appJson(app);
  }

  /** A channel left in the app by an earlier connection: no StasisStart will ever be sent for it. */
  plantStasisChannel(app: string, args: string[]): TChan {
    const c = this.newChannel({ name: this.channelName('PJSIP', 'carrier'), state: 'Up', caller: { name: '', number: '09812000000' } });
    c.stasisApp = app;
    c.subscribers.add(app);
    c.dialplan = { context: 'helpline', exten: '18002334455', priority: 5, app_name: 'Stasis', app_data: [app, ...args].join(',') };
    return c;
  }
}
