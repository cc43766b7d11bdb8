import type { TAcdClock, TAcdTimer } from './clock.js';

export interface TPresenceOptions {
  /** how long an agent may be without a console before they are made not ready */
  timeoutMs: number;
  clock: TAcdClock;
  /** the agent's last console has been gone for `timeoutMs` */
  onAbsent: (userId: number) => void;
}

/**
 * Which agents have a console open, counted in sockets on the server: the realtime layer calls
 * `connected`/`disconnected` for every agent socket. An agent whose last socket has been gone for
 * the timeout is reported absent, so no call is offered to a dead tab; nothing here depends on
 * the browser's own timers. A reconnect (a page reload, a network blip) within the timeout
 * cancels it.
 */
export class AgentPresence {
  private readonly sockets = new Map<number, Set<string>>();
  private readonly timers = new Map<number, TAcdTimer>();

  constructor(private readonly options: TPresenceOptions) {}

  connected(userId: number, socketId: string): void {
    const sockets = this.sockets.get(userId) ?? new Set<string>();
    sockets.add(socketId);
    this.sockets.set(userId, sockets);
    this.cancel(userId);
  }

  disconnected(userId: number, socketId: string): void {
    const sockets = this.sockets.get(userId);
    sockets?.delete(socketId);
    if (sockets && sockets.size > 0) return;
    this.sockets.delete(userId);
    this.expect(userId);
  }

  isPresent(userId: number): boolean {
    return (this.sockets.get(userId)?.size ?? 0) > 0;
  }

  /**
   * The agent should have a console (they became ready over HTTP, or the server restarted): if
   * none connects within the timeout they are reported absent.
   */
  expect(userId: number): void {
    if (this.isPresent(userId) || this.timers.has(userId)) return;
    this.timers.set(
      userId,
      this.options.clock.setTimeout(() => {
        this.timers.delete(userId);
        if (!this.isPresent(userId)) this.options.onAbsent(userId);
      }, this.options.timeoutMs),
    );
  }

  /** nothing to watch any more (the agent signed off) */
  forget(userId: number): void {
    this.cancel(userId);
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private cancel(userId: number): void {
    this.timers.get(userId)?.cancel();
    this.timers.delete(userId);
  }
}
