import type { Logger } from '../../logger.js';
import type {
  THangupCause,
  TMedia,
  TOriginateRequest,
  TProviderStatus,
  TRecordOptions,
  TSnoopMode,
  TTelephonyEvent,
  TTelephonyProvider,
} from '../port.js';
import { bridge, hold, onEnteredBridge, onLeftBridge, onRecordingFinished, onSnoopDestroyed, onSnoopStasisStart, snoop } from './ari.bridging.js';
import { answer, hangup, onDestroyed, onDial, onHangupRequest, onStasisEnd, onStasisStart, onStateChange, originate } from './ari.calls.js';
import { realSchedule, type TSchedule } from './ari.collect.js';
import { mute, sendDtmf } from './ari.controls.js';
import { ZAriConfig, type TAriConfigInput } from './ari.config.js';
import { AriCore } from './ari.core.js';
import { parseAriEvent, type TAriEvent } from './ari.events.js';
import { AriLink } from './ari.link.js';
import { collect, onDtmf, onPlaybackFinished, onPlaybackStarted, play, stopMedia } from './ari.media.js';
import { reconcile } from './ari.reconcile.js';
import type { TAriRest } from './ari.rest.js';
import { hashedSpeech, type TSpeechToMediaUri } from './ari.speech.js';
import { recordVoiceMessage } from './ari.voice-message.js';

export interface TAriProviderDeps {
  logger: Logger;
  /** generated prompts; the default only names files by hash (the server supplies the synthesis) */
  speechToMediaUri?: TSpeechToMediaUri;
  schedule?: TSchedule;
}

/**
 * Asterisk through ARI: REST commands and WebSocket events, adapted to the call model. Calls
 * enter the app from the dialplan (`Stasis(samvad,inbound,…)`) or are originated with the port's
 * callId as the channel id; everything else (prompts, digit collection, bridges, the waiting
 * room, supervision, recording) is done on those channels with the adapter keeping the state.
 */
export class AriProvider implements TTelephonyProvider {
  readonly name = 'ari' as const;
  private readonly core: AriCore;
  private readonly link: AriLink;
  private reconciling: Promise<void> = Promise.resolve();

  constructor(config: TAriConfigInput, deps: TAriProviderDeps) {
    const parsed = ZAriConfig.parse(config);
    const logger = deps.logger.child({ provider: 'ari' });
    this.link = new AriLink(parsed, logger, { onEvent: (raw) => this.dispatch(raw), onConnected: (rest) => this.rebuild(rest) });
    this.core = new AriCore(parsed, logger, this.link, deps.speechToMediaUri ?? hashedSpeech().speechToMediaUri, deps.schedule ?? realSchedule);
  }

  start(): Promise<void> {
    return this.link.start();
  }

  async stop(): Promise<void> {
    await this.link.stop();
    for (const leg of this.core.legs.values()) this.core.releaseCallHandlers(leg);
  }

  status(): TProviderStatus {
    return this.link.status();
  }

  onEvent(listener: (event: TTelephonyEvent) => void): () => void {
    return this.core.onEvent(listener);
  }

  answer(callId: string): Promise<void> {
    return answer(this.core, callId);
  }

  play(callId: string, media: TMedia, options?: { interruptOnDtmf?: boolean }): Promise<{ mediaId: string }> {
    return play(this.core, callId, media, options);
  }

  stopMedia(callId: string, mediaId: string): Promise<void> {
    return stopMedia(this.core, callId, mediaId);
  }

  collect(callId: string, options: { requestId: string; maxDigits: number; timeoutMs: number; terminator?: string; prompt?: TMedia }): Promise<void> {
    return collect(this.core, callId, options);
  }

  record(callId: string, options: TRecordOptions): Promise<void> {
    return recordVoiceMessage(this.core, callId, options);
  }

  originate(request: TOriginateRequest): Promise<void> {
    return originate(this.core, request);
  }

  hold(callId: string): Promise<void> {
    return hold(this.core, callId);
  }

  mute(callId: string, muted: boolean): Promise<void> {
    return mute(this.core, callId, muted);
  }

  sendDtmf(callId: string, digits: string): Promise<void> {
    return sendDtmf(this.core, callId, digits);
  }

  bridge(callA: string, callB: string, options?: { record?: boolean }): Promise<{ bridgeId: string }> {
    return bridge(this.core, callA, callB, options);
  }

  snoop(targetCallId: string, supervisorCallId: string, mode: TSnoopMode): Promise<void> {
    return snoop(this.core, targetCallId, supervisorCallId, mode);
  }

  hangup(callId: string, cause?: THangupCause): Promise<void> {
    return hangup(this.core, callId, cause);
  }

  /** counts for readiness and leak checks: legs, per-call handlers, and listeners on ari-client */
  stats(): ReturnType<AriCore['stats']> & { clientListeners: number } {
    return { ...this.core.stats(), clientListeners: this.link.listenerCount() };
  }

  /** Resolves once the state rebuild started by the latest (re)connection has finished. */
  settled(): Promise<void> {
    return this.reconciling;
  }

  private rebuild(rest: TAriRest): void {
    this.reconciling = this.reconciling
      .then(() => reconcile(this.core, rest))
      .catch((error: unknown) => this.core.warn(error, 'could not rebuild call state after connecting'));
  }

  private dispatch(raw: unknown): void {
    const parsed = parseAriEvent(raw);
    if (!parsed.ok) {
      if (parsed.problem === 'invalid') this.core.logger.warn({ type: parsed.type }, 'ARI event not understood; skipped');
      return;
    }
    this.handle(parsed.event);
  }

  private handle(event: TAriEvent): void {
    const core = this.core;
    switch (event.type) {
      case 'StasisStart': {
        const snoopRec = core.snoops.get(event.channel.id);
        return snoopRec ? onSnoopStasisStart(snoopRec) : onStasisStart(core, event);
      }
      case 'StasisEnd':
        return onStasisEnd(core, event);
      case 'ChannelStateChange':
        return onStateChange(core, event);
      case 'Dial':
        return onDial(core, event);
      case 'ChannelDtmfReceived':
        return onDtmf(core, event);
      case 'ChannelHangupRequest':
        return onHangupRequest(core, event);
      case 'ChannelDestroyed': {
        const snoopRec = core.snoops.get(event.channel.id);
        return snoopRec ? onSnoopDestroyed(core, snoopRec) : onDestroyed(core, event);
      }
      case 'PlaybackStarted':
        return onPlaybackStarted(core, event);
      case 'PlaybackFinished':
        return onPlaybackFinished(core, event);
      case 'ChannelEnteredBridge':
        return onEnteredBridge(core, event);
      case 'ChannelLeftBridge':
        return onLeftBridge(core, event);
      case 'RecordingFinished':
      case 'RecordingFailed':
        return onRecordingFinished(core, event);
      case 'ApplicationReplaced':
        return; // handled by the link
    }
  }
}
