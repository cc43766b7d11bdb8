import type { PrismaClient } from '@samvad/db';
import type { TCallbackReceipt, TCallbackRequest } from '@samvad/ivr-flows';
import { Invalid } from '../errors.js';
import { whenCallRowExists } from './call-row.js';

/**
 * A call-back request. Call-backs of a queue are made in the order their callers joined it, so
 * a caller who leaves the waiting room for a call-back keeps their place. Asking again on the
 * same number for the same queue returns the request already pending, not a second call.
 */
export async function requestCallback(
  deps: { prisma: PrismaClient; now: () => Date; dueWithinMinutes: number },
  request: TCallbackRequest,
): Promise<TCallbackReceipt> {
  const { prisma, now, dueWithinMinutes } = deps;
  if (request.caller === null) throw Invalid('The caller withheld their number: there is no number to call back');
  const phone = request.caller;
  const queue = await prisma.queue.findUnique({ where: { code: request.queue }, select: { code: true } });
  if (!queue) throw Invalid(`No queue ${request.queue} to call back from`);
  const requestedAt = now();
  const waitingSince = request.waitingSince ? new Date(request.waitingSince) : requestedAt;

  return whenCallRowExists(() =>
    prisma.$transaction(async (tx) => {
      // one request per number and queue: two calls from one phone at once take turns here
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`callback:${phone}:${request.queue}`}))`;
      const callback =
        (await tx.callback.findFirst({ where: { phone, queueCode: request.queue, status: 'pending' }, orderBy: { id: 'asc' } })) ??
        (await tx.callback.create({
          data: {
            phone,
            callId: request.callId,
            queueCode: request.queue,
            waitingSince,
            requestedAt,
            dueAt: new Date(requestedAt.getTime() + dueWithinMinutes * 60_000),
          },
        }));
      const ahead = await tx.callback.count({
        where: {
          queueCode: request.queue,
          status: 'pending',
          OR: [{ waitingSince: { lt: callback.waitingSince } }, { waitingSince: callback.waitingSince, id: { lt: callback.id } }],
        },
      });
      return { callbackId: callback.id, position: ahead + 1, dueAt: callback.dueAt.toISOString() };
    }),
  );
}
