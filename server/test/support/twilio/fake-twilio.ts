import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { callResource, FakeCall, rfc2822, type TCallStatus } from './fake-call.js';
import { FakeRooms } from './fake-room.js';
import { TwimlRunner } from './fake-runner.js';
import { restError, TwilioRestStub, type TRestForm, type TRestReply, type TRestRequest } from './rest-stub.js';
import { FakeTime } from './timing.js';

/** How the far end of the next outbound call to a number behaves. */
export type TOutboundScript =
  | { kind: 'answer'; afterSec?: number }
  | { kind: 'machine'; answeredBy?: string; afterSec?: number }
  | { kind: 'busy' }
  | { kind: 'no_answer' }
  | { kind: 'failed'; sipCode: number };

export interface TFakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** the base of every URL Samvad gives Twilio (what Twilio signs) */
  publicBaseUrl: string;
  /** where that base really is: the test server (Twilio → proxy → Samvad) */
  localBaseUrl: () => string;
  /** the phone number's configuration in Twilio's console */
  numberVoiceUrl: string;
  numberStatusUrl: string;
  /** real milliseconds per second of call time */
  msPerSecond: number;
  speechCharsPerSecond?: number;
  /** a caller hanging up mid-message: Twilio may post <Record>'s action after the status callback */
  recordActionAfterStatus?: boolean;
}

export interface TWebhookRecord {
  url: string;
  params: Record<string, string>;
  /** the HTTP status; null while the request waits for its answer, 0 if it could not be sent */
  status: number | null;
  body: string;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Twilio, played by a test: a REST API (through the SDK's httpClient) that places and updates
 * calls, and a voice platform that runs the TwiML it fetches and posts signed webhooks to the
 * server under test, in the order Twilio would.
 */
export class FakeTwilio {
  readonly rest: TwilioRestStub;
  readonly rooms: FakeRooms;
  readonly calls = new Map<string, FakeCall>();
  readonly webhooks: TWebhookRecord[] = [];
  private readonly scripts = new Map<string, TOutboundScript[]>();
  private readonly time: FakeTime;
  private readonly runner: TwimlRunner;
  private closed = false;

  constructor(private readonly options: TFakeTwilioOptions) {
    this.time = new FakeTime(options.msPerSecond);
    this.rest = new TwilioRestStub(options.accountSid, options.authToken, (request) => this.answerRest(request));
    this.rooms = new FakeRooms({
      accountSid: options.accountSid,
      newSid: (prefix) => this.newSid(prefix),
      timestamp: () => rfc2822(Date.now()),
      nowMs: () => Date.now(),
      post: (url, params) => this.post(url, params),
    });
    this.runner = new TwimlRunner({
      time: this.time,
      rooms: this.rooms,
      speechCharsPerSecond: options.speechCharsPerSecond ?? 14,
      accountSid: options.accountSid,
      fetchAndRun: (call, url, params) => this.fetchAndRun(call, url, params),
      finish: (call, status, sipCode) => this.finish(call, status, sipCode),
    });
  }

  newSid(prefix: string): string {
    return `${prefix}${randomBytes(16).toString('hex')}`;
  }

  /** the far end of the next call to `to` (a Twilio address: +91…, client:agent1) */
  script(to: string, script: TOutboundScript): void {
    this.scripts.set(to, [...(this.scripts.get(to) ?? []), script]);
  }

  /** a citizen dials the number: Twilio asks the number's voice URL what to do */
  dialIn(from: string, to: string): FakeCall {
    const call = new FakeCall({
      sid: this.newSid('CA'),
      direction: 'inbound',
      from,
      to,
      url: null,
      statusCallback: this.options.numberStatusUrl,
      // a number's status callback reports the end of the call only
      statusEvents: new Set(['completed']),
      machineDetection: false,
      timeoutSec: 0,
      status: 'ringing',
    });
    this.calls.set(call.sid, call);
    void this.fetchAndRun(call, this.options.numberVoiceUrl, {});
    return call;
  }

  /** keys on the far end's phone; a caller presses them once asked (when a <Gather> or a <Record> listens) */
  async pressDigits(sid: string, digits: string, waitMs = 3000): Promise<void> {
    const call = this.get(sid);
    const listening = () => (call.gather !== null && !call.gather.done.settled) || call.recording !== null;
    if (!listening()) await Promise.race([call.gatherStarted.promise, call.recordingStarted.promise, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
    for (const key of digits) {
      if (call.recording?.key(key)) continue;
      if (call.gather && listening()) call.gather.key(key);
      else call.lostKeys.push(key);
    }
  }

  /** resolves once a <Record> takes the caller's message (at once if one is already running) */
  async recordingStarted(sid: string, waitMs = 3000): Promise<void> {
    const call = this.get(sid);
    if (call.recording) return;
    await Promise.race([call.recordingStarted.promise, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  /**
   * The far end hangs up. Mid-message, Twilio still posts <Record>'s action (Digits=hangup),
   * before or after the status callback; the answer to that action is ignored, so it is not awaited.
   */
  async hangup(sid: string): Promise<void> {
    const call = this.get(sid);
    const recording = call.recording;
    call.recording = null;
    const postAction = () => {
      if (recording) void this.post(recording.action, { ...this.callParams(call), ...recording.params(this.options.accountSid, 'hangup') });
    };
    if (recording && !this.options.recordActionAfterStatus) {
      postAction();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await this.finish(call, call.status === 'in-progress' ? 'completed' : 'canceled');
    if (this.options.recordActionAfterStatus) postAction();
  }

  get(sid: string): FakeCall {
    const call = this.calls.get(sid);
    if (!call) throw new Error(`no call ${sid}`);
    return call;
  }

  /** an outbound call placed for Samvad's `callId` (its answer URL carries it) */
  outboundFor(callId: string): FakeCall | undefined {
    return [...this.calls.values()].find((call) => call.url !== null && new URL(call.url).searchParams.get('callId') === callId);
  }

  /** signs and posts a webhook as Twilio does; answers '' when the server did not answer 200 */
  async post(url: string, params: Record<string, string>): Promise<string> {
    if (this.closed) return '';
    const signature = twilio.getExpectedTwilioSignature(this.options.authToken, url, params);
    // recorded when sent: a held webhook is visible while it waits
    const record: TWebhookRecord = { url, params, status: null, body: '' };
    this.webhooks.push(record);
    try {
      const response = await fetch(this.localUrl(url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params),
      });
      record.body = await response.text();
      record.status = response.status;
      return response.status === 200 ? record.body : '';
    } catch (error) {
      record.status = 0;
      record.body = String(error);
      return '';
    }
  }

  /** the parameters Twilio sends with every request about a call */
  callParams(call: FakeCall): Record<string, string> {
    return {
      AccountSid: this.options.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: call.status,
      Called: call.to,
      Caller: call.from,
      Direction: call.direction,
      From: call.from,
      To: call.to,
      ...(call.from.startsWith('+91') ? { CallerCountry: 'IN', FromCountry: 'IN' } : {}),
      ...(call.to.startsWith('+91') ? { CalledCountry: 'IN', ToCountry: 'IN' } : {}),
      ...(call.answeredBy ? { AnsweredBy: call.answeredBy } : {}),
    };
  }

  /** what real Twilio would have complained about: refused TwiML, webhooks answered with an error */
  complaints(): string[] {
    return [
      ...[...this.calls.values()].flatMap((call) => call.problems.map((problem) => `${call.sid}: ${problem}`)),
      ...this.rooms.history.flatMap((room) => room.problems.map((problem) => `${room.name}: ${problem}`)),
      ...this.webhooks
        .filter((w) => w.status !== null && (w.status < 200 || w.status >= 300))
        .map((w) => `${w.url} answered ${w.status}: ${w.body.slice(0, 200)}`),
    ];
  }

  close(): void {
    this.closed = true;
    this.time.close();
    for (const call of this.calls.values()) call.stopRunning();
  }

  private localUrl(url: string): string {
    if (!url.startsWith(this.options.publicBaseUrl)) throw new Error(`Twilio was given ${url}, outside ${this.options.publicBaseUrl}`);
    return `${this.options.localBaseUrl()}${url.slice(this.options.publicBaseUrl.length)}`;
  }

  private async fetchAndRun(call: FakeCall, url: string, params: Record<string, string>): Promise<void> {
    const generation = call.generation;
    const twiml = await this.post(url, { ...this.callParams(call), ...params });
    // a REST update or the end of the call while we waited: Twilio drops this answer
    if (this.closed || call.ended || call.generation !== generation) return;
    if (!twiml.includes('<Response')) {
      // Twilio says "an application error has occurred" and hangs up
      call.problems.push(`no TwiML from ${url}`);
      await this.finish(call, call.status === 'in-progress' ? 'completed' : 'failed');
      return;
    }
    await this.runner.run(call, twiml, call.replace(twiml));
  }

  private async finish(call: FakeCall, status: TCallStatus, sipCode?: number): Promise<void> {
    if (call.ended) return;
    call.status = status;
    call.stopRunning();
    const seconds = call.answeredAtMs === null ? 0 : Math.round((Date.now() - call.answeredAtMs) / 1000);
    await this.sendStatus(call, {
      CallDuration: String(seconds),
      Duration: String(Math.ceil(seconds / 60)),
      ...(sipCode ? { SipResponseCode: String(sipCode) } : {}),
    });
    await this.rooms.leave(call.sid);
  }

  /** a status callback, if the call asked for this event */
  private async sendStatus(call: FakeCall, extra: Record<string, string> = {}): Promise<void> {
    const event = call.status === 'in-progress' ? 'answered' : call.ended ? 'completed' : call.status;
    if (!call.statusCallback || !call.statusEvents.has(event)) return;
    await this.post(call.statusCallback, {
      ...this.callParams(call),
      CallbackSource: 'call-progress-events',
      SequenceNumber: String(call.nextSequence()),
      Timestamp: rfc2822(Date.now()),
      ...extra,
    });
  }

  /** an outbound call, from queued to answered (or not), as its script says */
  private async progress(call: FakeCall, script: TOutboundScript): Promise<void> {
    const during = (seconds: number) => this.time.sleep(seconds, call.interrupt.promise);
    await during(0.7);
    if (call.ended) return;
    call.status = 'initiated';
    await this.sendStatus(call);
    if (script.kind === 'busy') return this.finish(call, 'busy', 486);
    if (script.kind === 'failed') return this.finish(call, 'failed', script.sipCode);
    call.status = 'ringing';
    await this.sendStatus(call);
    const pickupSec = script.kind === 'no_answer' ? Number.POSITIVE_INFINITY : (script.afterSec ?? (call.to.startsWith('client:') ? 1 : 3));
    await during(Math.min(pickupSec, call.timeoutSec));
    if (call.ended) return;
    // Twilio gives up ringing with a CANCEL: 487
    if (pickupSec >= call.timeoutSec) return this.finish(call, 'no-answer', 487);
    call.status = 'in-progress';
    call.answeredAtMs = Date.now();
    await this.sendStatus(call);
    if (call.machineDetection) {
      // synchronous detection: the answer URL waits for the verdict
      await during(2.5);
      if (call.ended) return;
      call.answeredBy = script.kind === 'machine' ? (script.answeredBy ?? 'machine_end_beep') : 'human';
    }
    if (call.url) await this.fetchAndRun(call, call.url, call.machineDetection ? { MachineDetectionDuration: '2500' } : {});
  }

  private answerRest(request: TRestRequest): TRestReply {
    const calls = `/2010-04-01/Accounts/${this.options.accountSid}/Calls`;
    const participant = new RegExp(`^/2010-04-01/Accounts/${this.options.accountSid}/Conferences/(CF[0-9a-f]{32})/Participants/(CA[0-9a-f]{32})\\.json$`).exec(request.path);
    if (participant) return this.updateParticipant(request, participant[1] ?? '', participant[2] ?? '');
    if (request.method === 'POST' && request.path === `${calls}.json`) return this.createCall(request.form);
    const sid = new RegExp(`^${calls}/(CA[0-9a-f]{32})\\.json$`).exec(request.path)?.[1];
    const call = sid ? this.calls.get(sid) : undefined;
    if (!call) return restError(404, 20404, `The requested resource ${request.path} was not found`);
    if (request.method === 'GET') return { status: 200, json: callResource(call, this.options.accountSid) };
    if (request.method === 'POST') return this.updateCall(call, request.form);
    return restError(405, 20004, 'Method not allowed');
  }

  /** POST …/Conferences/CF…/Participants/CA….json: Muted=true|false on someone still in the room */
  private updateParticipant(request: TRestRequest, conferenceSid: string, callSid: string): TRestReply {
    const room = this.rooms.liveBySid(conferenceSid);
    const present = room?.participants.get(callSid);
    if (!room || !present) return restError(404, 20404, `The requested resource ${request.path} was not found`);
    if (request.method !== 'POST') return restError(405, 20004, 'Method not allowed');
    const muted = first(request.form.Muted);
    if (muted !== undefined) {
      if (muted !== 'true' && muted !== 'false') return restError(400, 21610, `Muted must be true or false, not ${muted}`);
      present.attrs = { ...present.attrs, muted };
      room.muteChanges.push({ callSid, muted: muted === 'true' });
    }
    const json = {
      account_sid: this.options.accountSid,
      call_sid: callSid,
      conference_sid: conferenceSid,
      muted: present.attrs.muted === 'true',
      hold: false,
      coaching: Boolean(present.attrs.coach),
      status: 'connected',
      uri: request.path,
    };
    return { status: 200, json };
  }

  private createCall(form: TRestForm): TRestReply {
    const to = first(form.To);
    const from = first(form.From);
    const url = first(form.Url);
    if (!to) return restError(400, 21201, "No 'To' number is specified");
    if (!from) return restError(400, 21213, "No 'From' number is specified");
    if (!url) return restError(400, 21205, 'Url parameter is required.');
    if (!/^(\+[1-9]\d{6,14}|client:[\w.-]+|sip:.+)$/.test(to)) return restError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    const events = list(form.StatusCallbackEvent);
    const call = new FakeCall({
      sid: this.newSid('CA'),
      direction: 'outbound-api',
      from,
      to,
      url,
      statusCallback: first(form.StatusCallback) ?? null,
      statusEvents: new Set(events.length > 0 ? events : ['completed']),
      machineDetection: first(form.MachineDetection) === 'Enable' || first(form.MachineDetection) === 'DetectMessageEnd',
      timeoutSec: Number(first(form.Timeout) ?? '60'),
      status: 'queued',
    });
    this.calls.set(call.sid, call);
    const script = this.scripts.get(to)?.shift() ?? { kind: 'answer' };
    // the REST answer goes first; the call's progress follows on its own
    this.time.after(0, () => void this.progress(call, script));
    return { status: 201, json: callResource(call, this.options.accountSid) };
  }

  private updateCall(call: FakeCall, form: TRestForm): TRestReply {
    const notInProgress = restError(400, 21220, 'Unable to update record. Call is not in-progress. Cannot redirect.');
    if (call.ended) return notInProgress;
    const status = first(form.Status);
    const twiml = first(form.Twiml);
    if (status === 'completed' || status === 'canceled') {
      // `canceled` has no effect on an answered call; `completed` ends whatever state it is in
      if (call.status !== 'in-progress') void this.finish(call, 'canceled');
      else if (status === 'completed') void this.finish(call, 'completed');
      return { status: 200, json: callResource(call, this.options.accountSid) };
    }
    if (twiml !== undefined) {
      if (call.status !== 'in-progress') return notInProgress;
      const generation = call.replace(twiml);
      // the call leaves its room before the new document runs
      void this.rooms.leave(call.sid).then(() => this.runner.run(call, twiml, generation));
      return { status: 200, json: callResource(call, this.options.accountSid) };
    }
    return restError(400, 21218, 'Invalid update: give Twiml, Url or Status');
  }
}
