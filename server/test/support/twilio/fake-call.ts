import type { FakeGather } from './fake-gather.js';
import type { FakeRecording } from './fake-record.js';
import { Deferred } from './timing.js';

export type TCallStatus = 'queued' | 'initiated' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

/** how Twilio writes times in callbacks and resources */
export const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

const FINAL: readonly TCallStatus[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];

export interface TFakeCallInit {
  sid: string;
  direction: 'inbound' | 'outbound-api';
  from: string;
  to: string;
  /** the answer URL of an outbound call */
  url: string | null;
  statusCallback: string | null;
  /** StatusCallbackEvent: which of initiated / ringing / answered / completed are reported */
  statusEvents: ReadonlySet<string>;
  machineDetection: boolean;
  timeoutSec: number;
  status: TCallStatus;
}

/** One call as Twilio holds it: its status, the TwiML it was given, and what its far end heard. */
export class FakeCall {
  readonly sid: string;
  readonly direction: 'inbound' | 'outbound-api';
  readonly from: string;
  readonly to: string;
  readonly url: string | null;
  readonly statusCallback: string | null;
  readonly statusEvents: ReadonlySet<string>;
  readonly machineDetection: boolean;
  readonly timeoutSec: number;
  readonly createdAtMs = Date.now();
  status: TCallStatus;
  /** speech text and media URLs, in the order the far end heard them */
  readonly heard: string[] = [];
  /** keys played to the far end as tones (<Play digits>), in order */
  readonly tones: string[] = [];
  /** every TwiML document the call ran, from a webhook answer or a REST update */
  readonly documents: string[] = [];
  /** keys pressed while no <Gather> listened: Twilio reports them nowhere */
  readonly lostKeys: string[] = [];
  /** what real Twilio would have refused */
  readonly problems: string[] = [];
  answeredAtMs: number | null = null;
  answeredBy: string | null = null;
  /** bumped by every new document; a runner of an older one stops at its next step */
  generation = 0;
  /** resolved when the running document is replaced or the call ends */
  interrupt = new Deferred();
  gather: FakeGather | null = null;
  /** a <Record> taking the caller's message */
  recording: FakeRecording | null = null;
  /** resolved when a <Record> starts (then replaced) */
  recordingStarted = new Deferred();
  /** resolved when a <Gather> starts listening (then replaced) */
  gatherStarted = new Deferred();
  private sequence = 0;

  constructor(init: TFakeCallInit) {
    this.sid = init.sid;
    this.direction = init.direction;
    this.from = init.from;
    this.to = init.to;
    this.url = init.url;
    this.statusCallback = init.statusCallback;
    this.statusEvents = init.statusEvents;
    this.machineDetection = init.machineDetection;
    this.timeoutSec = init.timeoutSec;
    this.status = init.status;
  }

  get ended(): boolean {
    return FINAL.includes(this.status);
  }

  /** status callbacks number their events from 0 */
  nextSequence(): number {
    const next = this.sequence;
    this.sequence += 1;
    return next;
  }

  /** a new document replaces the running one */
  replace(twiml: string): number {
    this.generation += 1;
    this.stopRunning();
    this.documents.push(twiml);
    return this.generation;
  }

  stopRunning(): void {
    this.interrupt.resolve();
    this.interrupt = new Deferred();
    this.gather?.cancel();
    this.gather = null;
  }
}

/** the Call resource as Twilio's REST API writes it */
export function callResource(call: FakeCall, account: string): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${account}/Calls/${call.sid}`;
  const seconds = call.answeredAtMs === null ? null : Math.round((Date.now() - call.answeredAtMs) / 1000);
  return {
    sid: call.sid,
    account_sid: account,
    date_created: rfc2822(call.createdAtMs),
    date_updated: rfc2822(Date.now()),
    parent_call_sid: null,
    to: call.to,
    to_formatted: call.to,
    from: call.from,
    from_formatted: call.from,
    phone_number_sid: null,
    status: call.status,
    start_time: call.answeredAtMs === null ? null : rfc2822(call.answeredAtMs),
    end_time: call.ended ? rfc2822(Date.now()) : null,
    duration: call.ended && seconds !== null ? String(seconds) : null,
    price: null,
    price_unit: 'USD',
    direction: call.direction,
    answered_by: call.answeredBy,
    api_version: '2010-04-01',
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri: `${uri}.json`,
    subresource_uris: {
      notifications: `${uri}/Notifications.json`,
      recordings: `${uri}/Recordings.json`,
      payments: `${uri}/Payments.json`,
      events: `${uri}/Events.json`,
      siprec: `${uri}/Siprec.json`,
      streams: `${uri}/Streams.json`,
      user_defined_message_subscriptions: `${uri}/UserDefinedMessageSubscriptions.json`,
      user_defined_messages: `${uri}/UserDefinedMessages.json`,
    },
  };
}
