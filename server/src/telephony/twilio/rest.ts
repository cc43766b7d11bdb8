import twilio from 'twilio';
import { AppError } from '../../errors.js';

type TTwilioClient = ReturnType<typeof twilio>;

/** Twilio's answers that mean "this call is already over": not a failure of ours. */
const CALL_GONE_CODES = new Set([
  20404, // no such call
  21220, // call is not in progress; cannot redirect
]);

/** `unavailable` for the caller; Twilio's own error stays as the cause, for the log */
function unavailable(message: string, cause: unknown): AppError {
  return new AppError('unavailable', message, undefined, { cause });
}

export function isCallGone(error: unknown): boolean {
  return error instanceof twilio.RestException && (error.status === 404 || (error.code !== undefined && CALL_GONE_CODES.has(error.code)));
}

export interface TCreateCall {
  to: string;
  from: string;
  url: string;
  statusCallback: string;
  timeoutSec: number;
  detectMachine: boolean;
}

/**
 * The few REST calls the adapter makes: place a call, replace what a call runs, end it. Errors
 * become `unavailable` (Twilio could not be asked) unless the call was simply gone already.
 */
export class TwilioRest {
  constructor(private readonly client: TTwilioClient) {}

  async create(call: TCreateCall): Promise<{ sid: string }> {
    try {
      const created = await this.client.calls.create({
        to: call.to,
        from: call.from,
        url: call.url,
        method: 'POST',
        statusCallback: call.statusCallback,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
        timeout: call.timeoutSec,
        // synchronous detection: the answer URL is fetched once AnsweredBy is known
        ...(call.detectMachine ? { machineDetection: 'Enable' } : {}),
      });
      return { sid: created.sid };
    } catch (error) {
      throw unavailable('Twilio did not place the call', error);
    }
  }

  /** replaces the TwiML a live call runs; 'gone' if the call has ended meanwhile */
  async redirect(sid: string, twiml: string): Promise<'ok' | 'gone'> {
    return this.update(sid, { twiml }, 'Twilio did not take the new instructions');
  }

  /** `completed` hangs up an answered call; `canceled` withdraws one still ringing */
  async end(sid: string, status: 'completed' | 'canceled'): Promise<'ok' | 'gone'> {
    return this.update(sid, { status }, 'Twilio did not end the call');
  }

  /** mutes a conference participant; 'gone' if it has left the room (or the call ended) meanwhile */
  async muteParticipant(conferenceSid: string, callSid: string, muted: boolean): Promise<'ok' | 'gone'> {
    try {
      await this.client.conferences(conferenceSid).participants(callSid).update({ muted });
      return 'ok';
    } catch (error) {
      if (isCallGone(error)) return 'gone';
      throw unavailable('Twilio did not mute the participant', error);
    }
  }

  private async update(sid: string, params: { twiml?: string; status?: 'completed' | 'canceled' }, failure: string): Promise<'ok' | 'gone'> {
    try {
      await this.client.calls(sid).update(params);
      return 'ok';
    } catch (error) {
      if (isCallGone(error)) return 'gone';
      throw unavailable(failure, error);
    }
  }
}

export type { TTwilioClient };
