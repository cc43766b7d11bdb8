import type { Logger } from '../logger.js';
import type { TOriginateRequest, TTelephonyEvent, TTelephonyProvider } from './port.js';
import type { CallRecorder } from './recorder.js';
import { CallRegistry } from './registry.js';

/**
 * The provider as the rest of the server uses it: commands pass through, and every event first
 * updates the registry of live calls and is queued for the database before listeners (call
 * control, the queues, the dialer) hear of it.
 */
export class TelephonyService {
  readonly registry: CallRegistry;
  private readonly listeners = new Set<(event: TTelephonyEvent) => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    readonly provider: TTelephonyProvider,
    private readonly recorder: CallRecorder,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.registry = new CallRegistry(provider.name);
  }

  async start(): Promise<void> {
    this.unsubscribe = this.provider.onEvent((event) => this.handle(event));
    await this.provider.start();
  }

  async stop(): Promise<void> {
    await this.provider.stop();
    this.unsubscribe?.();
    await this.recorder.flush();
  }

  onEvent(listener: (event: TTelephonyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Places an outbound call; the leg is registered (and written) before the provider is asked. */
  async originate(request: TOriginateRequest): Promise<void> {
    const change = this.registry.originating(
      { callId: request.callId, providerCallId: request.callId, direction: 'outbound', from: request.callerId, to: request.to },
      this.now().toISOString(),
    );
    void this.recorder.record(change, null);
    await this.provider.originate(request);
  }

  private handle(event: TTelephonyEvent): void {
    const change = this.registry.apply(event);
    if (change.kind === 'ignored') this.logger.debug({ callId: event.callId, type: event.type, reason: change.reason }, 'event ignored');
    void this.recorder.record(change, change.kind === 'ignored' ? null : event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, callId: event.callId, type: event.type }, 'telephony listener failed');
      }
    }
  }
}
