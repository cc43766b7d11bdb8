import { Unavailable } from '../../errors.js';
import type { TProviderStatus, TTelephonyEvent } from '../port.js';

type TListener = (event: TTelephonyEvent) => void;

/**
 * The link between Samvad and the simulated network. Up: events are delivered in order, each
 * after the command that caused it has returned (as a real provider's would arrive over the
 * wire), which also spares listeners re-entrant calls. Idle (not started yet) or down (dropped
 * by a test): the network carries on and its events wait here until the link comes up, and
 * commands are refused. Stopped: events are dropped.
 */
export class SimLink {
  private state: 'idle' | 'up' | 'down' | 'stopped' = 'idle';
  private since: string;
  private readonly listeners = new Set<TListener>();
  private readonly held: TTelephonyEvent[] = [];
  private readonly outbox: TTelephonyEvent[] = [];
  private flushing = false;

  constructor(
    private readonly now: () => string,
    private readonly onListenerError: (error: unknown, event: TTelephonyEvent) => void,
  ) {
    this.since = now();
  }

  get isStopped(): boolean {
    return this.state === 'stopped';
  }

  status(): TProviderStatus {
    // the simulator reconnects the moment it is told to, so there are no failed attempts to count
    return this.state === 'up' ? { state: 'connected' } : { state: 'disconnected', since: this.since, attempts: 0 };
  }

  onEvent(listener: TListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Samvad's side connects */
  start(): void {
    this.up();
  }

  /** the far side breaks a live link; no-op unless it is up */
  drop(): void {
    if (this.state !== 'up') return;
    this.state = 'down';
    this.since = this.now();
  }

  /** the far side mends a dropped link; no-op unless it was dropped */
  restore(): void {
    if (this.state === 'down') this.up();
  }

  private up(): void {
    if (this.state === 'up') return;
    this.state = 'up';
    this.outbox.push(...this.held.splice(0));
    this.schedule();
  }

  stop(): void {
    this.state = 'stopped';
    this.since = this.now();
    this.held.length = 0;
  }

  send(event: TTelephonyEvent): void {
    if (this.state === 'up') {
      this.outbox.push(event);
      this.schedule();
    } else if (this.state === 'down' || this.state === 'idle') {
      this.held.push(event);
    }
  }

  /** refuses a command unless the link is up */
  require(command: string): void {
    if (this.state === 'up') return;
    const why =
      this.state === 'stopped'
        ? 'the simulated provider is stopped'
        : this.state === 'idle'
          ? 'the simulated provider is not started'
          : 'the simulated provider link is down';
    throw Unavailable(`${why}: ${command} refused`);
  }

  private schedule(): void {
    if (this.flushing || this.outbox.length === 0) return;
    this.flushing = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    // a listener may drop the link; what is still in the outbox then waits for the restore
    while (this.state === 'up') {
      const event = this.outbox.shift();
      if (!event) break;
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch (error) {
          this.onListenerError(error, event);
        }
      }
    }
    if (this.state === 'down') this.held.unshift(...this.outbox.splice(0));
    if (this.state === 'stopped') this.outbox.length = 0;
    this.flushing = false;
  }
}
