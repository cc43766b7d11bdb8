import { Invalid } from '../../errors.js';
import { Q850_FOR_CAUSE, type TCallInfo, type TOriginateRequest, type TTelephonyEvent } from '../port.js';
import { AudioGraph, type TBridgeRecord, type TSnoopRecord } from './audio.js';
import { RealClock, type TSimClock } from './clock.js';
import { DEFAULT_SETTINGS, SimCore, type TSimSettings } from './core.js';
import { isAgentEndpoint, originate } from './dialing.js';
import { pressKeys } from './keys.js';
import type { TLegEnd, TSimControl } from './types.js';
import { answerLeg, createLeg, remoteHangup } from './legs.js';
import { SimLink } from './link.js';
import type { THeardItem } from './media.js';
import { outboundCitizen } from './personas.js';
import { SimRandom } from './random.js';
import { parseScript, type TCitizenScript, type TCitizenScriptInput } from './script.js';

export interface TSimulatorOptions {
  /** same seed, same clock start, same commands: same events, ids included */
  seed?: number;
  /** default: real time; tests pass a VirtualClock */
  clock?: TSimClock;
  settings?: Partial<TSimSettings>;
  /** the far end of an outbound call to a number nobody scripted (default: a plausible citizen) */
  defaultOutbound?: (to: string, random: SimRandom) => TCitizenScriptInput;
  /** a listener threw; default: rethrown on its own, as an EventEmitter would */
  onListenerError?: (error: unknown, event: TTelephonyEvent) => void;
}

/** a leg as the far side sees it, for tests and the console */
export interface TSimLegView {
  info: TCallInfo;
  state: 'ringing' | 'answered' | 'ended';
  onHold: boolean;
  muted: boolean;
  bridgeId: string | null;
  isMachine: boolean;
  answeredAt: string | null;
  endedAt: string | null;
  end: TLegEnd | null;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A virtual phone network in the process: citizens' phones, answering machines and agents'
 * endpoints on one side, Samvad's `SimProvider` on the other. This class is the far side's
 * handle: tests and the demo dial in, press keys, hang up, script outbound calls and read back
 * what each leg heard and who heard whom.
 */
export class SimulatedNetwork {
  readonly clock: TSimClock;
  /** @internal the provider's way in */
  readonly core: SimCore;
  /** @internal */
  readonly audio: AudioGraph;
  private readonly nextScripts = new Map<string, TCitizenScript[]>();
  private readonly standing = new Map<string, TCitizenScript>();
  private readonly dialling: SimRandom;
  private readonly defaultOutbound: (to: string, random: SimRandom) => TCitizenScriptInput;

  constructor(options: TSimulatorOptions = {}) {
    this.clock = options.clock ?? new RealClock();
    const root = new SimRandom(options.seed ?? 1, 'sim');
    this.dialling = root.stream('dialling');
    this.defaultOutbound = options.defaultOutbound ?? ((_to, random) => outboundCitizen(random));
    const onListenerError =
      options.onListenerError ??
      ((error: unknown) =>
        queueMicrotask(() => {
          throw error;
        }));
    const link = new SimLink(() => new Date(this.clock.now()).toISOString(), onListenerError);
    this.core = new SimCore(this.clock, root.stream('ids'), link, { ...DEFAULT_SETTINGS, ...options.settings });
    this.audio = new AudioGraph(this.core);
  }

  /** a citizen dials `to`; their script drives key presses and hang-up; returns the new leg's id */
  dialIn(from: string, to: string, script: TCitizenScriptInput = {}): string {
    if (!E164.test(from) && !isAgentEndpoint(from)) throw Invalid(`caller ${from} is not an E.164 number`);
    const leg = createLeg(this.core, {
      info: { callId: this.core.newId(), providerCallId: this.core.newProviderCallId(), direction: 'inbound', from, to },
      isAgent: isAgentEndpoint(from),
      detectMachine: false,
      script: parseScript(script),
    });
    if (this.core.link.isStopped) {
      // nobody is taking calls: the caller hears the network's congestion tone
      this.core.end(leg, { kind: 'hangup', cause: 'congestion', q850: Q850_FOR_CAUSE.congestion, by: 'local' });
      return leg.info.callId;
    }
    this.core.emit(leg, { type: 'call.incoming', call: { ...leg.info } });
    leg.party.dialled();
    return leg.info.callId;
  }

  /** the far end of a leg presses keys; resolves after the last key (or when the call ends) */
  async pressDigits(callId: string, keys: string, gapMs = this.core.settings.keyGapMs): Promise<void> {
    const leg = this.core.get(callId);
    if (!/^[0-9*#]+$/.test(keys)) throw Invalid('keys are 0-9, * and #');
    return new Promise((resolve) => pressKeys(this.core, leg, keys, gapMs, resolve));
  }

  /** the far end hangs up; on an outbound leg still ringing, that is declining the call */
  remoteHangup(callId: string): void {
    remoteHangup(this.core, this.core.get(callId));
  }

  /** a manual endpoint (an agent at the console) picks up */
  answerRemote(callId: string): void {
    const leg = this.core.live(callId);
    if (leg.info.direction !== 'outbound') throw Invalid('only outbound legs are answered by their far end');
    answerLeg(this.core, leg);
  }

  /** how the next outbound call to `to` goes (queued: one script per call) */
  scriptNext(to: string, script: TCitizenScriptInput): void {
    const queue = this.nextScripts.get(to) ?? [];
    queue.push(parseScript(script));
    this.nextScripts.set(to, queue);
  }

  /** how every outbound call to `to` goes until changed; null restores the default */
  setScript(to: string, script: TCitizenScriptInput | null): void {
    if (script === null) this.standing.delete(to);
    else this.standing.set(to, parseScript(script));
  }

  /** @internal the script for an outbound call about to be placed */
  scriptFor(to: string): TCitizenScript {
    const next = this.nextScripts.get(to)?.shift();
    if (next) return next;
    const standing = this.standing.get(to);
    if (standing) return standing;
    // agent endpoints answer on their own unless a test or the console says otherwise
    if (isAgentEndpoint(to)) return parseScript({});
    return parseScript(this.defaultOutbound(to, this.dialling));
  }

  /** @internal */
  originate(request: TOriginateRequest): void {
    originate(this.core, request, this.scriptFor(request.to));
  }

  /** what this leg heard, in order: speech text or file URI (silence is not heard) */
  heard(callId: string): string[] {
    return this.core
      .get(callId)
      .transcript.filter((item) => item.kind !== 'silence')
      .map((item) => item.content);
  }

  /** what this leg heard with timings and how each piece ended */
  transcript(callId: string): readonly THeardItem[] {
    return this.core.get(callId).transcript;
  }

  /** the legs whose voice reaches this leg now */
  hears(callId: string): string[] {
    return this.audio.hears(callId);
  }

  snoops(): readonly TSnoopRecord[] {
    return this.audio.snoopLog;
  }

  bridges(): readonly TBridgeRecord[] {
    return this.audio.bridgeLog;
  }

  leg(callId: string): TSimLegView {
    const { info, state, onHold, muted, bridgeId, isMachine, answeredAt, endedAt, end } = this.core.get(callId);
    return { info, state, onHold, muted, bridgeId, isMachine, answeredAt, endedAt, end };
  }

  /** what Samvad did to this leg beyond media: mute changes, and the keys its far end heard as tones */
  controls(callId: string): readonly TSimControl[] {
    return this.core.get(callId).controls;
  }

  /** legs that have not ended */
  liveCalls(): string[] {
    return [...this.core.legs.values()].filter((leg) => leg.state !== 'ended').map((leg) => leg.info.callId);
  }

  /** breaks the link to Samvad: calls go on, their events wait, commands are refused */
  dropLink(): void {
    this.core.link.drop();
  }

  restoreLink(): void {
    this.core.link.restore();
  }

  /** the network shuts down: every timer is cancelled and the link stops */
  close(): void {
    this.core.close();
    this.core.link.stop();
  }
}
