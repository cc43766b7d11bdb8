import { Conflict, Invalid } from '../../errors.js';
import type { TSnoopMode } from '../port.js';
import type { SimCore } from './core.js';
import type { TSimLeg } from './types.js';

export interface TBridgeRecord {
  bridgeId: string;
  /** the legs in the bridge now (both original legs while it lives) */
  members: string[];
  /** the legs it was made with, in the order `bridge` named them */
  legs: readonly [string, string];
  record: boolean;
  startedAt: string;
  endedAt: string | null;
}

export interface TSnoopRecord {
  supervisorCallId: string;
  targetCallId: string;
  mode: TSnoopMode;
  startedAt: string;
  endedAt: string | null;
}

/** drops the oldest finished records beyond `keep`, so the logs stay small in a long demo */
function trim(log: { endedAt: string | null }[], keep: number): void {
  while (log.length > keep && log[0]?.endedAt != null) log.shift();
}

/**
 * Who hears whom: two-party bridges and supervisors' snoops. A bridge lasts while both legs
 * are in it; when one leaves (hang-up, or bridged elsewhere) the other is told `call.unbridged`
 * and the bridge's recording, if asked for, is reported on the leg that stays.
 */
export class AudioGraph {
  readonly bridgeLog: TBridgeRecord[] = [];
  readonly snoopLog: TSnoopRecord[] = [];
  private readonly bridges = new Map<string, TBridgeRecord>();
  /** live snoops by supervisor leg */
  private readonly snoops = new Map<string, TSnoopRecord>();

  constructor(private readonly core: SimCore) {
    core.endHooks.push((leg) => this.legEnded(leg));
  }

  bridge(a: TSimLeg, b: TSimLeg, record: boolean): string {
    const [idA, idB] = [a.info.callId, b.info.callId];
    if (a === b) throw Invalid('cannot bridge a call with itself');
    if (this.snoops.has(idA) || this.snoops.has(idB)) throw Conflict('a leg that is snooping cannot be bridged');
    if (a.bridgeId !== null && a.bridgeId === b.bridgeId) return a.bridgeId;
    this.leave(a);
    this.leave(b);
    const bridge: TBridgeRecord = { bridgeId: this.core.newId(), members: [idA, idB], legs: [idA, idB], record, startedAt: this.core.iso(), endedAt: null };
    this.bridges.set(bridge.bridgeId, bridge);
    this.bridgeLog.push(bridge);
    trim(this.bridgeLog, this.core.settings.keepEnded);
    for (const [leg, other] of [
      [a, idB],
      [b, idA],
    ] as const) {
      leg.bridgeId = bridge.bridgeId;
      // the waiting room is over
      leg.onHold = false;
      this.core.emit(leg, { type: 'call.bridged', bridgeId: bridge.bridgeId, withCallId: other });
    }
    return bridge.bridgeId;
  }

  /** a supervisor's leg listens to, whispers to or barges into the target's call; a new mode replaces the old */
  snoop(target: TSimLeg, supervisor: TSimLeg, mode: TSnoopMode): void {
    if (target === supervisor) throw Invalid('a leg cannot snoop on itself');
    if (supervisor.bridgeId !== null) throw Conflict('the supervisor leg is in a bridge');
    this.endSnoop(supervisor.info.callId);
    const snoop: TSnoopRecord = {
      supervisorCallId: supervisor.info.callId,
      targetCallId: target.info.callId,
      mode,
      startedAt: this.core.iso(),
      endedAt: null,
    };
    this.snoops.set(snoop.supervisorCallId, snoop);
    this.snoopLog.push(snoop);
    trim(this.snoopLog, this.core.settings.keepEnded);
    supervisor.onHold = false;
  }

  /** the legs whose voice reaches this leg now */
  hears(callId: string): string[] {
    const leg = this.core.get(callId);
    if (leg.state === 'ended') return [];
    const heard = new Set<string>();
    const bridge = leg.bridgeId ? this.bridges.get(leg.bridgeId) : undefined;
    for (const member of bridge?.members ?? []) heard.add(member);
    const own = this.snoops.get(callId);
    if (own) for (const member of this.groupOf(own.targetCallId)) heard.add(member);
    for (const snoop of this.snoops.values()) {
      if (snoop.supervisorCallId === callId) continue;
      if (this.audienceOf(snoop).includes(callId)) heard.add(snoop.supervisorCallId);
    }
    heard.delete(callId);
    // a muted leg is in the bridge but its voice reaches nobody
    for (const id of heard) if (this.core.legs.get(id)?.muted) heard.delete(id);
    return [...heard];
  }

  /** the call a snoop attaches to: the target and whoever is bridged with it */
  private groupOf(targetCallId: string): string[] {
    const target = this.core.get(targetCallId);
    const bridge = target.bridgeId ? this.bridges.get(target.bridgeId) : undefined;
    return bridge ? [...bridge.members] : [targetCallId];
  }

  /**
   * Who hears the supervisor. Whisper speaks to the agent: the agent endpoints in the call, or
   * the target itself when none is (Asterisk whispers into the snooped channel).
   */
  private audienceOf(snoop: TSnoopRecord): string[] {
    const group = this.groupOf(snoop.targetCallId);
    if (snoop.mode === 'listen') return [];
    if (snoop.mode === 'barge') return group;
    const agents = group.filter((id) => this.core.get(id).isAgent);
    return agents.length > 0 ? agents : [snoop.targetCallId];
  }

  private legEnded(leg: TSimLeg): void {
    this.leave(leg);
    for (const snoop of [...this.snoops.values()]) {
      // ending the call ends the snoop; the supervisor's leg stays up
      if (snoop.supervisorCallId === leg.info.callId || snoop.targetCallId === leg.info.callId) this.endSnoop(snoop.supervisorCallId);
    }
  }

  private endSnoop(supervisorCallId: string): void {
    const snoop = this.snoops.get(supervisorCallId);
    if (!snoop) return;
    snoop.endedAt = this.core.iso();
    this.snoops.delete(supervisorCallId);
  }

  private leave(leg: TSimLeg): void {
    const bridge = leg.bridgeId ? this.bridges.get(leg.bridgeId) : undefined;
    leg.bridgeId = null;
    if (!bridge) return;
    bridge.members = bridge.members.filter((id) => id !== leg.info.callId);
    this.core.emit(leg, { type: 'call.unbridged', bridgeId: bridge.bridgeId });
    if (bridge.members.length >= 2) return;
    this.bridges.delete(bridge.bridgeId);
    bridge.endedAt = this.core.iso();
    for (const id of bridge.members) {
      const stays = this.core.get(id);
      if (bridge.record) {
        const durationSec = Math.round((Date.parse(bridge.endedAt) - Date.parse(bridge.startedAt)) / 1000);
        this.core.emit(stays, { type: 'recording.finished', recordingId: bridge.bridgeId, uri: `sim:recording/${bridge.bridgeId}`, durationSec });
      }
      stays.bridgeId = null;
      this.core.emit(stays, { type: 'call.unbridged', bridgeId: bridge.bridgeId });
    }
    bridge.members = [];
  }
}
