import { EventEmitter } from 'node:events';
import ari, { type Client } from 'ari-client';
import type { Logger } from '../../logger.js';
import type { TProviderStatus } from '../port.js';
import type { TAriConfig } from './ari.config.js';
import { preflightDescription } from './ari.preflight.js';
import { errorForLog, secretForms } from './ari.redact.js';
import { createAriRest, type TAriRest } from './ari.rest.js';

export interface TLinkHandlers {
  /** every event message, raw; must not throw (it runs inside ari-client's socket handler) */
  onEvent(raw: unknown): void;
  /** the event socket is open (first time or again): state may have moved while it was closed */
  onConnected(rest: TAriRest): void;
}

type TAriEmitter = Client & EventEmitter;

/** ari-client's Client is an EventEmitter at run time; its typings do not say so. */
function isEmitter(client: Client): client is TAriEmitter {
  return client instanceof EventEmitter;
}

function stopQuietly(client: TAriEmitter): void {
  try {
    client.stop();
  } catch {
    // stop() dereferences a socket that does not exist before start()
  }
}

/**
 * The connection to Asterisk: one ari-client Client at a time, replaced when it can no longer
 * recover. ari-client reconnects its event socket by itself, but only ten times (about 43 s of
 * back-off) before it emits WebSocketMaxRetries and stops for good; it never notices a socket that
 * went silent; and its `stop()` during a connection attempt schedules another attempt. So this
 * class keeps its own back-off loop around whole clients, pings, and fences off retired clients.
 */
export class AriLink {
  private status_: TProviderStatus;
  private client: TAriEmitter | null = null;
  private rest_: TAriRest | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private endSession: (() => void) | null = null;
  private wake: (() => void) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private missedPongs = 0;
  private readonly secrets: string[];
  private readonly firstConnection: Promise<void>;
  private releaseStart: () => void = () => undefined;

  constructor(
    private readonly config: TAriConfig,
    private readonly logger: Logger,
    private readonly handlers: TLinkHandlers,
  ) {
    this.status_ = { state: 'disconnected', since: new Date().toISOString(), attempts: 0 };
    this.secrets = secretForms(config.username, config.password);
    this.firstConnection = new Promise((resolve) => (this.releaseStart = resolve));
  }

  status(): TProviderStatus {
    return this.status_;
  }

  /** the REST side of the current client, if one is loaded (REST works while the socket reconnects) */
  rest(): TAriRest | null {
    return this.rest_;
  }

  /** resolves once the event socket is open, or when stop() is called first; never rejects */
  start(): Promise<void> {
    this.loop ??= this.run();
    return this.firstConnection;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.releaseStart();
    this.endSession?.();
    this.wake?.();
    this.rest_ = null;
    // a description fetch in flight may take up to connectTimeoutMs; its client is retired when it lands
    await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }

  /** listeners ari-client holds for this adapter: constant per client, whatever the number of calls */
  listenerCount(): number {
    const client = this.client;
    if (!client) return 0;
    return client.eventNames().reduce((sum, name) => sum + client.listenerCount(name), 0);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const hadSession = await this.session();
      if (this.stopped) break;
      failures = hadSession ? 0 : failures + 1;
      const delay = Math.min(this.config.reconnectMaxMs, this.config.reconnectInitialMs * 2 ** Math.min(failures, 16));
      await this.sleep(delay * (0.8 + Math.random() * 0.4));
    }
  }

  /** one client's life; true if its event socket opened at least once */
  private async session(): Promise<boolean> {
    this.noteAttempt();
    let client: TAriEmitter;
    try {
      await preflightDescription(this.config, this.config.connectTimeoutMs);
      client = await this.load();
    } catch (error) {
      this.logger.warn({ err: errorForLog(error, this.secrets), attempts: this.attempts() }, 'ARI not reachable; will retry');
      return false;
    }
    if (this.stopped) {
      this.retire(client);
      return false;
    }
    let opened = false;
    const ended = new Promise<void>((resolve) => (this.endSession = resolve));
    this.client = client;
    this.rest_ = createAriRest(client, this.config.requestTimeoutMs);
    client.on('*', (event: unknown) => this.deliver(event));
    client.on('WebSocketConnected', () => {
      opened = true;
      this.connected();
    });
    client.on('WebSocketReconnecting', (error: unknown) => this.reconnecting(error));
    client.on('WebSocketMaxRetries', (error: unknown) => {
      this.logger.warn({ err: errorForLog(error, this.secrets) }, 'ARI event socket: ari-client gave up reconnecting; starting a new client');
      this.endSession?.();
    });
    client.on('pong', () => (this.missedPongs = 0));
    // rejects only when the socket never opened and the retries ran out: WebSocketMaxRetries says so
    client.start(this.config.app).catch(() => undefined);
    await ended;
    this.endSession = null;
    this.stopHeartbeat();
    this.retire(client);
    if (this.client === client) this.client = null;
    if (!this.stopped) this.markDisconnected();
    return opened;
  }

  /** ari.connect() with a deadline: a socket error while loading the description is never reported */
  private load(): Promise<TAriEmitter> {
    const timeoutMs = this.config.connectTimeoutMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`API description not loaded within ${timeoutMs} ms`)), timeoutMs);
      ari.connect(this.config.url, this.config.username, this.config.password).then(
        (client) => {
          clearTimeout(timer);
          if (isEmitter(client)) resolve(client);
          else reject(new Error('ari-client returned a client that is not an EventEmitter'));
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error('API description failed to load'));
        },
      );
    });
  }

  private deliver(event: unknown): void {
    try {
      if (typeof event === 'object' && event !== null && 'type' in event && event.type === 'ApplicationReplaced') {
        this.logger.error({ app: this.config.app }, 'another connection took over the ARI application; reconnecting');
        this.endSession?.();
        return;
      }
      this.handlers.onEvent(event);
    } catch (error) {
      this.logger.error({ err: errorForLog(error, this.secrets) }, 'ARI event handler failed');
    }
  }

  private connected(): void {
    this.status_ = { state: 'connected' };
    this.logger.info({ app: this.config.app }, 'ARI event socket connected');
    this.startHeartbeat();
    this.releaseStart();
    const rest = this.rest_;
    if (rest) this.handlers.onConnected(rest);
  }

  private reconnecting(error: unknown): void {
    this.stopHeartbeat();
    this.markDisconnected();
    this.noteAttempt();
    this.logger.warn({ err: errorForLog(error, this.secrets), attempts: this.attempts() }, 'ARI event socket lost; ari-client is reconnecting');
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.missedPongs = 0;
    this.heartbeat = setInterval(() => {
      if (this.missedPongs >= 2) {
        this.logger.warn('ARI event socket silent (no pong); starting a new client');
        this.endSession?.();
        return;
      }
      this.missedPongs += 1;
      try {
        this.client?.ping();
      } catch {
        // ws throws when the socket is not open; the reconnect path handles that state
      }
    }, this.config.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /**
   * Lets a client go. Its listeners go first, so nothing it still receives reaches the adapter;
   * then, since a client stopped while connecting schedules one more attempt, any socket it opens
   * later is closed at once: left open it would take the application over from the live client.
   */
  private retire(client: TAriEmitter): void {
    client.removeAllListeners();
    client.on('WebSocketConnected', () => stopQuietly(client));
    stopQuietly(client);
  }

  private markDisconnected(): void {
    if (this.status_.state === 'connected') this.status_ = { state: 'disconnected', since: new Date().toISOString(), attempts: 0 };
  }

  private noteAttempt(): void {
    if (this.status_.state === 'disconnected') this.status_ = { ...this.status_, attempts: this.status_.attempts + 1 };
  }

  private attempts(): number {
    return this.status_.state === 'disconnected' ? this.status_.attempts : 0;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
