import type { TelephonyService } from '../telephony/telephony.service.js';
import type { TIvrCommand, TIvrEvent } from './engine-contract.js';
import type { TIvrCall } from './ivr-call.js';
import type { TIvrPathEntry, IvrPathWriter } from './ivr-path.js';
import type { TIvrLookups } from './ivr-lookups.js';
import { describeFailure, runLookup } from './lookup-dispatch.js';
import { isUnplayable, promptToMedia } from './prompt-media.js';
import type { TQueueHandoff } from './queue-handoff.js';

/** What carrying out a command needs from the rest of the server. */
export interface TCommandContext {
  telephony: Pick<TelephonyService, 'provider' | 'originate' | 'registry'>;
  lookups: TIvrLookups;
  queues: TQueueHandoff;
  path: IvrPathWriter;
  now: () => Date;
  newId: () => string;
  /** the caller ID a transfer presents */
  transferCallerId: string;
  /** a transfer leg was dialled for this call */
  transferring: (legId: string, callId: string) => void;
}

const RING_TIMEOUT_SEC = 30;

/**
 * Carries out one interpreter command on one call. Returns the event the command produces for
 * the interpreter at once (a lookup's result, the queue's answer), or null when the answer comes
 * later from the provider (media finished, digits, a recording) or never (the flow ended).
 */
export async function carryOut<F>(ctx: TCommandContext, call: TIvrCall<F>, command: TIvrCommand): Promise<TIvrEvent | null> {
  const { provider } = ctx.telephony;
  switch (command.type) {
    case 'trace':
      ctx.path.append(call.callId, [
        { at: ctx.now().toISOString(), kind: 'node', nodeId: command.nodeId, nodeType: command.nodeType, detail: { ...command.detail } },
      ]);
      return null;

    case 'lookup': {
      const started = Date.now();
      try {
        const outcome = await runLookup(ctx.lookups, command, {
          callId: call.callId,
          caller: call.caller,
          variables: call.variables,
          waitingSince: ctx.queues.waitingSince(call.callId),
        });
        call.log.debug({ lookup: command.name, ms: Date.now() - started }, 'lookup answered');
        if (outcome.ok && outcome.households?.length === 1) {
          const [household] = outcome.households;
          if (household) {
            const residentId = household.callerResidentIds.length === 1 ? (household.callerResidentIds[0] ?? null) : null;
            ctx.path.identify(call.callId, household.householdId, residentId);
          }
        }
        return outcome.ok
          ? { type: 'lookup.result', requestId: command.requestId, ok: true, value: outcome.value }
          : { type: 'lookup.result', requestId: command.requestId, ok: false, error: outcome.error };
      } catch (error) {
        const reason = describeFailure(error);
        call.log.warn({ err: error, lookup: command.name }, 'lookup failed; the flow hears an error');
        return { type: 'lookup.result', requestId: command.requestId, ok: false, error: reason };
      }
    }

    case 'play': {
      if (call.gone) return null;
      heard(ctx, call, command.prompt);
      const { mediaId } = await provider.play(call.callId, promptToMedia(command.prompt), { interruptOnDtmf: command.interruptible });
      call.media.set(mediaId, command.mediaId);
      return null;
    }

    case 'collect': {
      if (call.gone) return null;
      if (command.prompt) heard(ctx, call, command.prompt);
      const requestId = ctx.newId();
      call.requests.set(requestId, command.requestId);
      await provider.collect(call.callId, {
        requestId,
        maxDigits: command.maxDigits,
        timeoutMs: command.timeoutMs,
        ...(command.terminator === null ? {} : { terminator: command.terminator }),
        ...(command.prompt ? { prompt: promptToMedia(command.prompt) } : {}),
      });
      return null;
    }

    case 'record': {
      if (call.gone) return null;
      const recordingId = ctx.newId();
      call.requests.set(recordingId, command.requestId);
      const endKey = command.endKey === '*' ? '*' : '#';
      await provider.record(call.callId, { recordingId, maxSeconds: command.maxSeconds, endKey, beep: command.beep });
      return null;
    }

    case 'enqueue': {
      if (call.gone) return null;
      const place = await ctx.queues.enqueue(
        { callId: call.callId, caller: call.caller },
        { queue: command.queue, skills: command.skills, priority: command.priority },
      );
      return { type: 'enqueued', requestId: command.requestId, ...place };
    }

    case 'transfer': {
      if (call.gone) return null;
      const legId = ctx.newId();
      call.transferLeg = legId;
      ctx.transferring(legId, call.callId);
      // the caller is bridged to the new leg when it answers (call-control.ts follows its events)
      await ctx.telephony.originate({ callId: legId, to: command.to, callerId: ctx.transferCallerId, timeoutSec: RING_TIMEOUT_SEC });
      return null;
    }

    case 'hangup':
      if (call.gone) return null;
      await provider.hangup(call.callId, command.reason === 'error' ? 'failed' : 'normal');
      return null;
  }
}

/** the words of a prompt, as the caller hears them, go into the call's IVR path */
function heard<F>(ctx: TCommandContext, call: TIvrCall<F>, prompt: Extract<TIvrCommand, { type: 'play' }>['prompt']): void {
  if (isUnplayable(prompt)) call.log.warn({ language: prompt.language }, 'prompt has no recording in a language without speech');
  const entry: TIvrPathEntry = {
    at: ctx.now().toISOString(),
    kind: 'prompt',
    nodeId: call.session?.nodeId ?? null,
    language: prompt.language,
    text: prompt.text,
    file: prompt.file ?? null,
  };
  ctx.path.append(call.callId, [entry]);
}
