import type { TRealtimeServer } from '../realtime/socket.js';
import type { TServerToClientEvents } from '../realtime/events.js';
import type { TAcdClock, TAcdTimer } from './clock.js';
import type { TBoardUpdate } from './acd.schemas.js';

type TAgentEventName = 'acd:state' | 'acd:offer' | 'acd:offer-ended' | 'acd:call-connected' | 'acd:call-held' | 'acd:call-ended';

/** one event for one agent, as a tagged value so each name travels with its own payload */
export type TAgentMessage = { [E in TAgentEventName]: { event: E; payload: Parameters<TServerToClientEvents[E]>[0] } }[TAgentEventName];

/** Where the ACD's news goes: the agent concerned, and the supervisors' board. */
export interface TAcdOutbox {
  toAgent(userId: number, message: TAgentMessage): void;
  toSupervisors(update: TBoardUpdate): void;
}

/** nobody listens yet (before Socket.IO is attached, and in tests that do not care) */
export const silentOutbox: TAcdOutbox = {
  toAgent: () => undefined,
  toSupervisors: () => undefined,
};

/** the rooms `realtime/socket.ts` puts every socket in */
export function socketOutbox(io: TRealtimeServer): TAcdOutbox {
  return {
    toAgent(userId, message) {
      const room = io.to(`user:${userId}`);
      switch (message.event) {
        case 'acd:state':
          room.emit(message.event, message.payload);
          break;
        case 'acd:offer':
          room.emit(message.event, message.payload);
          break;
        case 'acd:offer-ended':
          room.emit(message.event, message.payload);
          break;
        case 'acd:call-connected':
          room.emit(message.event, message.payload);
          break;
        case 'acd:call-held':
          room.emit(message.event, message.payload);
          break;
        case 'acd:call-ended':
          room.emit(message.event, message.payload);
          break;
      }
    },
    toSupervisors(update) {
      io.to(['role:supervisor', 'role:admin']).emit('acd:board', update);
    },
  };
}

export interface TBoardPublisherOptions {
  /** at most one push per interval; the first change after a quiet spell goes at once */
  intervalMs: number;
  clock: TAcdClock;
  /** the update for these changed agents */
  build: (changedAgents: readonly number[]) => TBoardUpdate;
  send: (update: TBoardUpdate) => void;
}

/**
 * Coalesces the supervisors' board: changes mark it dirty; a push goes out at once when the
 * last one is older than the interval, otherwise when the interval is up, carrying every agent
 * that changed meanwhile. Supervisors never poll.
 */
export class BoardPublisher {
  private readonly changed = new Set<number>();
  private dirty = false;
  private lastSent = Number.NEGATIVE_INFINITY;
  private timer: TAcdTimer | null = null;
  private soon = false;
  private stopped = false;

  constructor(private readonly options: TBoardPublisherOptions) {}

  touch(userId?: number): void {
    if (userId !== undefined) this.changed.add(userId);
    this.dirty = true;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer || this.soon || this.stopped) return;
    const wait = this.lastSent + this.options.intervalMs - this.options.clock.now();
    if (wait <= 0) {
      // at the end of this turn, so a burst of changes in one turn is one push
      this.soon = true;
      queueMicrotask(() => {
        this.soon = false;
        this.flush();
      });
      return;
    }
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (!this.dirty || this.stopped) return;
    this.dirty = false;
    this.lastSent = this.options.clock.now();
    const changed = [...this.changed];
    this.changed.clear();
    this.options.send(this.options.build(changed));
  }
}
