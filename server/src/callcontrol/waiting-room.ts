import type { TQueuedCall, TQueueHandoff, TQueuePlace, TQueueRequest } from './queue-handoff.js';

/** A call waiting for an agent, as the ACD receives it from `take`. */
export interface TWaitingCall extends TQueuedCall, TQueueRequest {
  enqueuedAt: string;
}

export interface TWaitingRoomOptions {
  /** holds the call with music; the provider's `hold` */
  hold: (callId: string) => Promise<void>;
  /** average handling time of one call, for the caller's expected wait */
  averageHandlingSec: number;
  now?: () => Date;
}

/**
 * The queues until the ACD exists: callers wait here with music, in order (priority, then
 * arrival), per queue, in memory. **This is the hand-off point**: the ACD takes the next caller
 * of a queue with `take(queue)` and bridges them to an agent; `onTaken` lets call control know
 * the IVR no longer owns that call.
 *
 * The expected wait assumes one agent per queue working through the callers ahead
 * (position × average handling time): pessimistic, and right until the ACD knows its agents.
 */
export class WaitingRoom implements TQueueHandoff {
  private readonly queues = new Map<string, TWaitingCall[]>();
  private readonly where = new Map<string, string>();
  private readonly takenListeners = new Set<(call: TWaitingCall) => void>();
  private readonly now: () => Date;

  constructor(private readonly options: TWaitingRoomOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async enqueue(call: TQueuedCall, request: TQueueRequest): Promise<TQueuePlace> {
    this.leave(call.callId);
    const waiting: TWaitingCall = { ...call, ...request, skills: [...request.skills], enqueuedAt: this.now().toISOString() };
    const queue = this.queues.get(request.queue) ?? [];
    // after everyone of the same or higher priority: FIFO within a priority
    const index = queue.findIndex((other) => other.priority < request.priority);
    if (index < 0) queue.push(waiting);
    else queue.splice(index, 0, waiting);
    this.queues.set(request.queue, queue);
    this.where.set(call.callId, request.queue);
    await this.options.hold(call.callId);
    return this.placeOf(call.callId) ?? { position: queue.length, expectedWaitSec: this.expectedWait(queue.length) };
  }

  leave(callId: string): void {
    const code = this.where.get(callId);
    if (code === undefined) return;
    this.where.delete(callId);
    const queue = this.queues.get(code) ?? [];
    const index = queue.findIndex((c) => c.callId === callId);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(code);
  }

  waitingSince(callId: string): string | null {
    const code = this.where.get(callId);
    return this.queues.get(code ?? '')?.find((c) => c.callId === callId)?.enqueuedAt ?? null;
  }

  /** the hand-off: the next caller of a queue leaves the waiting room for an agent */
  take(queue: string): TWaitingCall | null {
    const next = this.queues.get(queue)?.[0];
    if (!next) return null;
    this.leave(next.callId);
    for (const listener of this.takenListeners) listener(next);
    return next;
  }

  /** tells call control (or anyone) that a call was taken */
  onTaken(listener: (call: TWaitingCall) => void): () => void {
    this.takenListeners.add(listener);
    return () => this.takenListeners.delete(listener);
  }

  placeOf(callId: string): TQueuePlace | null {
    const code = this.where.get(callId);
    const index = this.queues.get(code ?? '')?.findIndex((c) => c.callId === callId) ?? -1;
    if (index < 0) return null;
    return { position: index + 1, expectedWaitSec: this.expectedWait(index + 1) };
  }

  /** the callers of a queue in the order they will be taken */
  waiting(queue: string): readonly TWaitingCall[] {
    return [...(this.queues.get(queue) ?? [])];
  }

  private expectedWait(position: number): number {
    return Math.round(position * this.options.averageHandlingSec);
  }
}
