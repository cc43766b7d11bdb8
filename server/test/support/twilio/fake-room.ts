import { Deferred } from './timing.js';

/** What the rooms need from the fake Twilio around them. */
export interface TRoomHost {
  accountSid: string;
  newSid(prefix: string): string;
  /** now, as Twilio writes callback timestamps (RFC 2822) */
  timestamp(): string;
  nowMs(): number;
  /** a signed webhook; its answer is ignored for room callbacks */
  post(url: string, params: Record<string, string>): Promise<string>;
}

interface TParticipant {
  callSid: string;
  attrs: Record<string, string>;
  /** resolved when the participant is out of the room (it left, or the room ended) */
  left: Deferred;
}

const EVENT_NAMES: Record<string, string> = {
  start: 'conference-start',
  end: 'conference-end',
  join: 'participant-join',
  leave: 'participant-leave',
};

/** One <Conference> room, from its first participant to its end. Kept after it ends, for assertions. */
export class FakeRoom {
  readonly participants = new Map<string, TParticipant>();
  /** every join, with the attributes the participant came with */
  readonly joins: { callSid: string; attrs: Record<string, string> }[] = [];
  /** participants muted or unmuted through the REST API, in order */
  readonly muteChanges: { callSid: string; muted: boolean }[] = [];
  /** what real Twilio would have refused or warned about */
  readonly problems: string[] = [];
  started = false;
  ended = false;
  statusCallback: string | null = null;
  events = new Set<string>();
  recording: { callback: string | null; startedAtMs: number } | null = null;
  private seq = 0;

  constructor(
    readonly name: string,
    readonly sid: string,
  ) {}

  nextSequence(): number {
    this.seq += 1;
    return this.seq;
  }
}

/**
 * Twilio's conference rooms: named, created by the first participant, started by one with
 * startConferenceOnEnter, ended when one with endConferenceOnExit leaves or the last one does.
 * Joins and leaves are reported to the room's status callback; a recorded room reports its
 * recording when it ends.
 */
export class FakeRooms {
  readonly history: FakeRoom[] = [];
  private readonly live = new Map<string, FakeRoom>();

  constructor(private readonly host: TRoomHost) {}

  /** a room still running, by its ConferenceSid (the REST API's address) */
  liveBySid(sid: string): FakeRoom | undefined {
    return [...this.live.values()].find((room) => room.sid === sid);
  }

  roomOf(callSid: string): FakeRoom | undefined {
    return [...this.live.values()].find((room) => room.participants.has(callSid));
  }

  /** joins a room; resolves with the Deferred that tells when the participant is out again */
  async join(callSid: string, name: string, attrs: Record<string, string>): Promise<Deferred> {
    let room = this.live.get(name);
    if (!room) {
      room = new FakeRoom(name, this.host.newSid('CF'));
      this.live.set(name, room);
      this.history.push(room);
    }
    if (!room.statusCallback && attrs.statusCallback) {
      room.statusCallback = attrs.statusCallback;
      room.events = new Set((attrs.statusCallbackEvent ?? '').split(/\s+/).filter(Boolean));
    }
    if (attrs.coach && !room.participants.has(attrs.coach)) room.problems.push(`coach target ${attrs.coach} is not in ${name}`);
    const participant: TParticipant = { callSid, attrs, left: new Deferred() };
    room.participants.set(callSid, participant);
    room.joins.push({ callSid, attrs });
    if (attrs.record === 'record-from-start' && !room.recording) {
      room.recording = { callback: attrs.recordingStatusCallback ?? null, startedAtMs: this.host.nowMs() };
    }
    if (!room.started && attrs.startConferenceOnEnter !== 'false') {
      room.started = true;
      await this.notify(room, 'start');
    }
    await this.notify(room, 'join', participant);
    return participant.left;
  }

  /**
   * Takes a call out of the room it is in (hang-up, or new TwiML). With `only`, just the stay
   * that `join` returned it for: a call that has since joined again stays.
   */
  async leave(callSid: string, only?: Deferred): Promise<void> {
    const room = this.roomOf(callSid);
    const participant = room?.participants.get(callSid);
    if (!room || !participant || (only && participant.left !== only)) return;
    room.participants.delete(callSid);
    participant.left.resolve();
    await this.notify(room, 'leave', participant);
    if (participant.attrs.endConferenceOnExit === 'true' || room.participants.size === 0) await this.end(room);
  }

  private async end(room: FakeRoom): Promise<void> {
    if (room.ended) return;
    room.ended = true;
    this.live.delete(room.name);
    for (const participant of [...room.participants.values()]) {
      room.participants.delete(participant.callSid);
      participant.left.resolve();
      await this.notify(room, 'leave', participant);
    }
    await this.notify(room, 'end');
    if (room.recording?.callback) {
      const recordingSid = this.host.newSid('RE');
      await this.host.post(room.recording.callback, {
        AccountSid: this.host.accountSid,
        ConferenceSid: room.sid,
        RecordingSid: recordingSid,
        RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${this.host.accountSid}/Recordings/${recordingSid}`,
        RecordingStatus: 'completed',
        RecordingDuration: String(Math.round((this.host.nowMs() - room.recording.startedAtMs) / 1000)),
        RecordingChannels: '1',
        RecordingSource: 'DialVerb',
        RecordingStartTime: this.host.timestamp(),
      });
    }
  }

  private async notify(room: FakeRoom, event: string, participant?: TParticipant): Promise<void> {
    const name = EVENT_NAMES[event];
    if (!room.statusCallback || !room.events.has(event) || !name) return;
    await this.host.post(room.statusCallback, {
      AccountSid: this.host.accountSid,
      ConferenceSid: room.sid,
      FriendlyName: room.name,
      StatusCallbackEvent: name,
      SequenceNumber: String(room.nextSequence()),
      Timestamp: this.host.timestamp(),
      ...(participant
        ? {
            CallSid: participant.callSid,
            Muted: participant.attrs.muted ?? 'false',
            Hold: 'false',
            Coaching: participant.attrs.coach ? 'true' : 'false',
            ...(participant.attrs.coach ? { CallSidToCoach: participant.attrs.coach } : {}),
            EndConferenceOnExit: participant.attrs.endConferenceOnExit ?? 'false',
            StartConferenceOnEnter: participant.attrs.startConferenceOnEnter ?? 'true',
          }
        : {}),
    });
  }
}
