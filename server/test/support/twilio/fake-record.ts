import { randomBytes } from 'node:crypto';
import { Deferred } from './timing.js';

/**
 * A running <Record> as Twilio runs it: it ends on a finish key, at maxLength, or when the
 * caller hangs up; Twilio then posts the action with the recording and the key (or "hangup").
 */
export class FakeRecording {
  readonly sid = `RE${randomBytes(16).toString('hex')}`;
  readonly startedMs = Date.now();
  /** the key that ended it ('' at the limit, "hangup" when the caller rang off) */
  readonly done = new Deferred<string>();

  constructor(
    readonly action: string,
    readonly finishOnKey: string,
    private readonly msPerSecond: number,
  ) {}

  key(key: string): boolean {
    if (!this.finishOnKey.includes(key)) return false;
    this.done.resolve(key);
    return true;
  }

  /** the action's parameters, as Twilio sends them */
  params(account: string, digits: string): Record<string, string> {
    const seconds = Math.round((Date.now() - this.startedMs) / this.msPerSecond);
    return {
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${account}/Recordings/${this.sid}`,
      RecordingDuration: String(seconds),
      RecordingSid: this.sid,
      Digits: digits,
    };
  }
}
