import type { FakeCall, TCallStatus } from './fake-call.js';
import { FakeGather, gatherRules } from './fake-gather.js';
import { FakeRecording } from './fake-record.js';
import type { FakeRooms } from './fake-room.js';
import { Deferred, type FakeTime } from './timing.js';
import { readTwiml, type TTwimlNode } from './twiml-reader.js';

/** What the runner needs from the fake Twilio around it. */
export interface TRunnerHost {
  time: FakeTime;
  accountSid: string;
  rooms: FakeRooms;
  speechCharsPerSecond: number;
  /** fetches a URL for the call and runs the TwiML it answers */
  fetchAndRun(call: FakeCall, url: string, params: Record<string, string>): Promise<void>;
  finish(call: FakeCall, status: TCallStatus, sipCode?: number): Promise<void>;
}

type TNext = 'continue' | 'stop' | { url: string; params: Record<string, string> };

/** Twilio's default wait music, heard by a caller alone in a room that has not started */
const DEFAULT_WAIT_MUSIC = 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical';

/**
 * Runs TwiML documents verb by verb, as Twilio does: Say/Play/Pause take time, Gather listens,
 * Redirect and actions fetch the next document, Dial>Conference sits in a room, a document that
 * runs out hangs up. A newer document (REST update) or the end of the call stops an older run.
 */
export class TwimlRunner {
  constructor(private readonly host: TRunnerHost) {}

  async run(call: FakeCall, twiml: string, generation: number): Promise<void> {
    const stale = () => call.ended || call.generation !== generation;
    for (const verb of readTwiml(twiml).children) {
      if (stale()) return;
      // any verb but <Reject> answers an inbound call
      if (call.direction === 'inbound' && call.status === 'ringing' && verb.name !== 'Reject') {
        call.status = 'in-progress';
        call.answeredAtMs = Date.now();
      }
      const next = await this.verb(call, verb, stale);
      if (next === 'stop') return;
      if (next !== 'continue') return this.host.fetchAndRun(call, next.url, next.params);
    }
    if (!stale()) await this.host.finish(call, 'completed');
  }

  private async verb(call: FakeCall, verb: TTwimlNode, stale: () => boolean): Promise<TNext> {
    switch (verb.name) {
      case 'Say':
      case 'Play':
      case 'Pause':
        await this.media(call, verb);
        return 'continue';
      case 'Gather':
        return this.gather(call, verb, stale);
      case 'Record':
        return this.record(call, verb, stale);
      case 'Redirect':
        return { url: verb.text.trim(), params: {} };
      case 'Dial':
        return this.dial(call, verb, stale);
      case 'Hangup':
        await this.host.finish(call, 'completed');
        return 'stop';
      case 'Reject':
        await this.host.finish(call, verb.attrs.reason === 'busy' ? 'busy' : 'no-answer');
        return 'stop';
      default:
        call.problems.push(`unknown verb <${verb.name}>`);
        return 'continue';
    }
  }

  /** plays one piece of media; `early` cuts it short (a key during a Gather's prompt) */
  private async media(call: FakeCall, node: TTwimlNode, ...early: Promise<unknown>[]): Promise<void> {
    const { time } = this.host;
    switch (node.name) {
      case 'Say':
        call.heard.push(node.text);
        await time.sleep(Math.max(0.2, [...node.text].length / this.host.speechCharsPerSecond), call.interrupt.promise, ...early);
        return;
      case 'Play': {
        const digits = node.attrs.digits;
        if (digits !== undefined) {
          // tones: Twilio plays 0-9 * # (w waits half a second), about a tenth of a second each
          if (!/^[0-9*#w]+$/.test(digits) || node.text.trim() !== '') call.problems.push(`<Play digits="${digits}"> is not a digits play`);
          call.tones.push(digits);
          await time.sleep(digits.length * 0.2, call.interrupt.promise, ...early);
          return;
        }
        call.heard.push(node.text.trim());
        await time.sleep(3, call.interrupt.promise, ...early);
        return;
      }
      case 'Pause':
        await time.sleep(Number(node.attrs.length ?? '1'), call.interrupt.promise, ...early);
        return;
      default:
        call.problems.push(`<${node.name}> cannot be nested in <Gather>`);
    }
  }

  private async gather(call: FakeCall, verb: TTwimlNode, stale: () => boolean): Promise<TNext> {
    const gather = new FakeGather(gatherRules(verb.attrs), this.host.time);
    call.gather = gather;
    const started = call.gatherStarted;
    call.gatherStarted = new Deferred();
    started.resolve();
    for (const child of verb.children) {
      if (gather.firstKey.settled || stale()) break;
      await this.media(call, child, gather.firstKey.promise);
    }
    if (stale()) return 'stop';
    gather.promptsEnded();
    await Promise.race([gather.done.promise, call.interrupt.promise]);
    if (call.gather === gather) call.gather = null;
    if (stale()) return 'stop';
    // no digits (a timeout, or the finish key alone) falls through unless the action is forced
    if (gather.digits === '' && verb.attrs.actionOnEmptyResult !== 'true') return 'continue';
    if (!verb.attrs.action) {
      call.problems.push('<Gather> without an action would post to the current document');
      return 'stop';
    }
    return { url: verb.attrs.action, params: { Digits: gather.digits, FinishedOnKey: gather.finishedOnKey, msg: 'Gather End' } };
  }

  /** a voice message; a caller who hangs up mid-message is reported by the hang-up (FakeTwilio.hangup) */
  private async record(call: FakeCall, verb: TTwimlNode, stale: () => boolean): Promise<TNext> {
    if (!verb.attrs.action) {
      call.problems.push('<Record> without an action would post to the current document');
      return 'stop';
    }
    if (verb.attrs.playBeep !== 'false') call.heard.push('(beep)');
    const recording = new FakeRecording(verb.attrs.action, verb.attrs.finishOnKey ?? '1234567890*#', this.host.time.msPerSecond);
    call.recording = recording;
    const started = call.recordingStarted;
    call.recordingStarted = new Deferred();
    started.resolve();
    await this.host.time.sleep(Number(verb.attrs.maxLength ?? '3600'), recording.done.promise, call.interrupt.promise);
    if (call.recording !== recording) return 'stop';
    call.recording = null;
    if (stale()) return 'stop';
    const key = recording.done.settled ? await recording.done.promise : '';
    return { url: recording.action, params: recording.params(this.host.accountSid, key) };
  }

  private async dial(call: FakeCall, verb: TTwimlNode, stale: () => boolean): Promise<TNext> {
    const conference = verb.children.find((child) => child.name === 'Conference');
    if (!conference) {
      call.problems.push('<Dial> without <Conference>');
      return 'continue';
    }
    const name = conference.text.trim();
    const left = await this.host.rooms.join(call.sid, name, conference.attrs);
    const room = this.host.rooms.roomOf(call.sid);
    if (room && !room.started) call.heard.push(conference.attrs.waitUrl ?? DEFAULT_WAIT_MUSIC);
    if (!stale()) await Promise.race([left.promise, call.interrupt.promise]);
    if (stale()) {
      // the call ended or moved on while joining: it is not in the room any more
      await this.host.rooms.leave(call.sid, left);
      return 'stop';
    }
    return verb.attrs.action ? { url: verb.attrs.action, params: { DialCallStatus: 'completed' } } : 'continue';
  }
}
