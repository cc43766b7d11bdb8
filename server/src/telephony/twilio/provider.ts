import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { Conflict, Invalid } from '../../errors.js';
import type { Logger } from '../../logger.js';
import {
  DTMF_DIGITS,
  type THangupCause,
  type TMedia,
  type TOriginateRequest,
  type TProviderStatus,
  type TRecordOptions,
  type TSnoopMode,
  type TTelephonyEvent,
  type TTelephonyProvider,
} from '../port.js';
import { TwilioCalls } from './calls.js';
import { checkCollect, checkMedia } from './checks.js';
import { Dispatcher } from './dispatcher.js';
import type { TInstruction } from './instructions.js';
import { TwilioLeg } from './leg.js';
import { isAgentAddress, twilioAddress } from './mapping.js';
import { TWILIO_DEFAULTS, type TTwilioProviderOptions } from './options.js';
import { ReplayCache } from './replay.js';
import { TwilioRest } from './rest.js';
import { DEFAULT_VOICES } from './twiml.js';
import { TwilioUrls } from './urls.js';
import { TwilioWebhooks } from './webhooks.js';

/**
 * Twilio behind the call model. Twilio drives a call with TwiML documents it fetches from our
 * webhooks; Samvad's commands become documents (see Dispatcher), Twilio's webhooks become events
 * (see TwilioWebhooks), and `twilioRoutes` mounts those webhooks on the HTTP app.
 */
export class TwilioProvider implements TTelephonyProvider {
  readonly name = 'twilio' as const;
  /** the webhook handlers, for `twilioRoutes` */
  readonly webhooks: TwilioWebhooks;
  private readonly calls: TwilioCalls;
  private readonly dispatcher: Dispatcher;
  private readonly rest: TwilioRest;
  private readonly urls: TwilioUrls;
  private readonly agentAddress: (username: string) => string;
  private readonly now: () => Date;
  private readonly logger: Logger | undefined;
  private open = false;
  private closedSince: string;

  constructor(options: TTwilioProviderOptions) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
    this.closedSince = this.now().toISOString();
    this.urls = new TwilioUrls(options.publicBaseUrl);
    this.agentAddress = options.agentAddress ?? TWILIO_DEFAULTS.agentAddress;
    const client = twilio(options.accountSid, options.authToken, options.httpClient ? { httpClient: options.httpClient } : {});
    this.rest = new TwilioRest(client);
    this.calls = new TwilioCalls(this.now, options.logger);
    this.dispatcher = new Dispatcher(
      this.calls,
      this.rest,
      {
        urls: this.urls,
        voices: { ...DEFAULT_VOICES, ...options.voices },
        holdMusicUrl: options.holdMusicUrl ?? null,
        idlePauseSec: options.idlePauseSec ?? TWILIO_DEFAULTS.idlePauseSec,
        holdMs: options.holdMs ?? TWILIO_DEFAULTS.holdMs,
        answerGraceMs: options.answerGraceMs ?? TWILIO_DEFAULTS.answerGraceMs,
        answerTimeoutMs: options.answerTimeoutMs ?? TWILIO_DEFAULTS.answerTimeoutMs,
      },
      () => this.open,
    );
    const replay = new ReplayCache<string>(options.replayCapacity ?? TWILIO_DEFAULTS.replayCapacity);
    this.webhooks = new TwilioWebhooks(this.calls, this.dispatcher, replay, () => this.open, options.recordActionGraceMs ?? TWILIO_DEFAULTS.recordActionGraceMs);
  }

  /** Twilio has no link to open: webhooks arrive over HTTP, commands leave over HTTPS */
  async start(): Promise<void> {
    this.open = true;
  }

  /** refuses new calls and answers every held webhook, so that nothing waits on this process */
  async stop(): Promise<void> {
    this.open = false;
    this.closedSince = this.now().toISOString();
    this.dispatcher.releaseAll();
  }

  status(): TProviderStatus {
    return this.open ? { state: 'connected' } : { state: 'disconnected', since: this.closedSince, attempts: 0 };
  }

  onEvent(listener: (event: TTelephonyEvent) => void): () => void {
    return this.calls.onEvent(listener);
  }

  /** the live legs as Twilio knows them, for readiness pages and tests */
  liveCalls(): { callId: string; providerCallId: string | null; state: 'ringing' | 'answered' | 'ended' }[] {
    return this.calls.list().map((leg) => ({ callId: leg.callId, providerCallId: leg.sid, state: leg.state }));
  }

  async answer(callId: string): Promise<void> {
    const leg = this.calls.live(callId);
    if (leg.direction !== 'inbound') throw Invalid('an outbound call is answered by the far end');
    if (leg.state !== 'ringing') return;
    leg.state = 'answered';
    this.calls.emit(leg, { type: 'call.answered' });
    this.dispatcher.answered(leg);
  }

  async play(callId: string, media: TMedia, options: { interruptOnDtmf?: boolean } = {}): Promise<{ mediaId: string }> {
    const leg = this.calls.answered(callId);
    checkMedia(media);
    const mediaId = randomUUID();
    await this.dispatcher.enqueue(leg, { kind: 'play', mediaId, media, interruptible: options.interruptOnDtmf ?? false });
    return { mediaId };
  }

  async stopMedia(callId: string, mediaId: string): Promise<void> {
    const leg = this.calls.find(callId);
    // media that already finished, or a call already gone, is nothing to stop
    if (leg) await this.dispatcher.stopMedia(leg, mediaId);
  }

  async collect(
    callId: string,
    options: { requestId: string; maxDigits: number; timeoutMs: number; terminator?: string; prompt?: TMedia },
  ): Promise<void> {
    const rules = checkCollect(options);
    if (options.prompt) checkMedia(options.prompt);
    const leg = this.calls.answered(callId);
    const collecting = [leg.running?.purpose, ...leg.queue].find((i) => i?.kind === 'collect');
    if (collecting?.kind === 'collect') throw Conflict(`call ${callId} is already collecting digits (${collecting.requestId})`);
    await this.dispatcher.enqueue(leg, { kind: 'collect', requestId: options.requestId, ...rules, prompt: options.prompt ?? null });
  }

  async record(callId: string, options: TRecordOptions): Promise<void> {
    if (!Number.isFinite(options.maxSeconds) || options.maxSeconds <= 0) throw Invalid('maxSeconds must be a positive number');
    const leg = this.calls.answered(callId);
    const recording = [leg.running?.purpose, ...leg.queue].find((i) => i?.kind === 'record');
    if (recording?.kind === 'record') throw Conflict(`call ${callId} is already recording a message (${recording.recordingId})`);
    // <Record maxLength> counts whole seconds, and Twilio refuses less than one
    await this.dispatcher.enqueue(leg, { kind: 'record', recordingId: options.recordingId, maxSeconds: Math.max(1, Math.ceil(options.maxSeconds)), endKey: options.endKey, beep: options.beep });
  }

  async originate(request: TOriginateRequest): Promise<void> {
    if (this.calls.find(request.callId)) throw Conflict(`call ${request.callId} already exists`);
    const to = twilioAddress(request.to, this.agentAddress);
    if (!to) throw Invalid(`cannot dial ${request.to}: not an E.164 number nor agent:<username>`);
    if (!(request.timeoutSec > 0)) throw Invalid('timeoutSec must be positive');
    const leg = new TwilioLeg(request.callId, 'outbound', request.callerId, request.to, null, isAgentAddress(request.to));
    this.calls.add(leg);
    const created = this.rest.create({
      to,
      from: request.callerId,
      url: this.urls.voice(request.callId),
      statusCallback: this.urls.status(request.callId),
      timeoutSec: Math.round(request.timeoutSec),
      detectMachine: request.detectMachine ?? false,
    });
    // commands for this leg (a hang-up while it rings) wait for its CallSid
    leg.rest = created.catch(() => undefined);
    try {
      this.calls.learnSid(leg, (await created).sid);
    } catch (error) {
      // Twilio refused the call or could not be reached: for the dialer, a call that did not go through
      this.logger?.warn({ err: error, callId: request.callId }, 'Twilio did not place the call');
      this.calls.end(leg, { type: 'call.failed', reason: 'congestion', q850: 41 });
    }
  }

  async hold(callId: string): Promise<void> {
    const leg = this.calls.answered(callId);
    await this.dispatcher.enqueue(leg, conference(`hold-${callId}`, 'hold'));
  }

  /**
   * A leg talking in a bridge is a conference participant: Twilio mutes it there. A leg not in
   * a room yet keeps the flag, and its next bridge joins it muted (`<Conference muted>`).
   */
  async mute(callId: string, muted: boolean): Promise<void> {
    const leg = this.calls.answered(callId);
    leg.muted = muted;
    const room = leg.conference?.role === 'bridge' ? this.calls.bridges.get(leg.conference.room) : undefined;
    if (room?.conferenceSid && room.joined.has(callId) && leg.sid) await this.rest.muteParticipant(room.conferenceSid, leg.sid, muted);
  }

  /**
   * `<Play digits>` on the leg, taking its turn like a prompt. Twilio cannot play tones into a
   * conference without taking the leg out of it, so a leg in a room refuses.
   */
  async sendDtmf(callId: string, digits: string): Promise<void> {
    if (!DTMF_DIGITS.test(digits)) throw Invalid('digits are 1 to 32 of 0-9, * and #', [{ field: 'digits', message: 'must be 1 to 32 of 0-9, * and #' }]);
    const leg = this.calls.answered(callId);
    if (leg.conference) throw Conflict(`call ${callId} is in a conference; on Twilio keys can be sent only on a call that is not bridged`);
    await this.dispatcher.enqueue(leg, { kind: 'digits', digits });
  }

  async bridge(callA: string, callB: string, options: { record?: boolean } = {}): Promise<{ bridgeId: string }> {
    if (callA === callB) throw Invalid('cannot bridge a call with itself');
    const a = this.calls.answered(callA);
    const b = this.calls.answered(callB);
    if (isSnooping(a) || isSnooping(b)) throw Conflict('a leg that is snooping cannot be bridged');
    if (a.conference?.role === 'bridge' && a.conference.room === b.conference?.room) return { bridgeId: a.conference.room };
    const bridgeId = randomUUID();
    this.calls.bridges.set(bridgeId, { bridgeId, legs: [callA, callB], joined: new Set(), conferenceSid: null });
    const record = options.record ?? false;
    const instruction = { ...conference(bridgeId, 'bridge'), record, recordingUrl: record ? this.urls.recording(bridgeId, callA, callB) : null };
    // a leg muted before (the agent, across a hold) joins the new room muted
    await Promise.all([this.dispatcher.enqueue(a, { ...instruction, muted: a.muted }), this.dispatcher.enqueue(b, { ...instruction, muted: b.muted })]);
    return { bridgeId };
  }

  async snoop(targetCallId: string, supervisorCallId: string, mode: TSnoopMode): Promise<void> {
    if (targetCallId === supervisorCallId) throw Invalid('a leg cannot snoop on itself');
    const target = this.calls.answered(targetCallId);
    const supervisor = this.calls.answered(supervisorCallId);
    if (supervisor.conference?.role === 'bridge') throw Conflict('the supervisor leg is in a bridge');
    // Twilio hears a call only through the conference it is in: an IVR call cannot be listened to
    const bridge = target.conference?.role === 'bridge' ? this.calls.bridges.get(target.conference.room) : undefined;
    if (!bridge) throw Conflict(`call ${targetCallId} is not bridged; on Twilio only a bridged call can be listened to`);
    const coachSid = mode === 'whisper' ? this.agentSidIn(bridge.legs, target) : null;
    await this.dispatcher.enqueue(supervisor, { ...conference(bridge.bridgeId, mode), coachSid });
  }

  async hangup(callId: string, cause: THangupCause = 'normal'): Promise<void> {
    const leg = this.calls.find(callId);
    // hanging up a call that has just ended on its own is a race, not a mistake
    if (!leg) return;
    await this.dispatcher.hangup(leg, { kind: 'hangup', cause });
  }

  /** whisper speaks to the agent: the agent endpoint in the bridge, or the target itself */
  private agentSidIn(legs: readonly string[], target: TwilioLeg): string {
    const agent = legs.map((id) => this.calls.find(id)).find((leg) => leg?.isAgent) ?? target;
    if (!agent.sid) throw Conflict('the agent leg has no CallSid yet');
    return agent.sid;
  }
}

function conference(room: string, role: Extract<TInstruction, { kind: 'conference' }>['role']): Extract<TInstruction, { kind: 'conference' }> {
  return { kind: 'conference', room, role, record: false, coachSid: null, recordingUrl: null, muted: false };
}

function isSnooping(leg: TwilioLeg): boolean {
  const role = leg.conference?.role;
  return role === 'listen' || role === 'whisper' || role === 'barge';
}
