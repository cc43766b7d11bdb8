import type { Prisma, PrismaClient } from '@samvad/db';
import type { Logger } from '../logger.js';
import type { TTelephonyEvent } from './port.js';
import type { TCallChange, TLiveCall } from './registry.js';

/**
 * Writes every call and every call event to PostgreSQL. Writes for one call are chained so
 * they land in the order the provider sent them, while different calls write in parallel.
 * A failed write is logged with the call id and never stops the call itself.
 */
export class CallRecorder {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger: Logger,
  ) {}

  record(change: TCallChange, event: TTelephonyEvent | null): Promise<void> {
    if (change.kind === 'ignored') return Promise.resolve();
    const { call } = change;
    const previous = this.chains.get(call.callId) ?? Promise.resolve();
    const next = previous
      .then(() => this.write(change.kind, call, event))
      .catch((error: unknown) => this.logger.error({ err: error, callId: call.callId }, 'could not record call event'));
    this.chains.set(call.callId, next);
    if (change.kind === 'ended') {
      void next.finally(() => {
        if (this.chains.get(call.callId) === next) this.chains.delete(call.callId);
      });
    }
    return next;
  }

  /** Resolves when every write queued so far has landed (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all(this.chains.values());
  }

  private async write(kind: 'created' | 'updated' | 'ended', call: TLiveCall, event: TTelephonyEvent | null): Promise<void> {
    const times = {
      answeredAt: call.answeredAt ? new Date(call.answeredAt) : null,
      bridgedAt: call.bridgedAt ? new Date(call.bridgedAt) : null,
      endedAt: call.endedAt ? new Date(call.endedAt) : null,
      hangupCause: call.cause,
      q850Code: call.q850,
    };
    if (kind === 'created') {
      await this.prisma.call.create({
        data: {
          id: call.callId,
          direction: call.direction,
          provider: call.provider,
          providerCallId: call.providerCallId,
          fromNumber: call.from,
          toNumber: call.to,
          offeredAt: new Date(call.offeredAt),
          ...times,
        },
      });
    } else {
      await this.prisma.call.update({ where: { id: call.callId }, data: { providerCallId: call.providerCallId, ...times } });
    }
    if (event) {
      const { type, callId, at, ...data } = event;
      await this.prisma.callEvent.create({
        // Event payloads are plain strings, numbers and nested plain objects: valid JSON.
        data: { callId, type, at: new Date(at), data: data as Prisma.InputJsonObject },
      });
    }
  }
}
