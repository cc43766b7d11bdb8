import { describe, expect, it } from 'vitest';
import type { TAriBridge, TAriChannel } from './ari.events.js';
import { planReconcile, type TReconcileInput } from './ari.reconcile.js';

function channel(id: string, app_name = 'Stasis', app_data = 'samvad,inbound,18002334455'): TAriChannel {
  return { id, name: `PJSIP/carrier-${id}`, state: 'Up', caller: { name: '', number: '' }, dialplan: { context: 'helpline', exten: 's', app_name, app_data } };
}
const bridge = (id: string, channels: string[], name = 'samvad:call'): TAriBridge => ({ id, bridge_type: 'mixing', name, channels });

const base: TReconcileInput = { app: 'samvad', snapshotAt: 1000, legs: [], snoopIds: [], bridgeIds: [], hasWaitingRoom: false, channels: [], bridges: [] };

describe('rebuilding state after the event socket comes back', () => {
  it('keeps legs that are still there and loses those that are gone', () => {
    const plan = planReconcile({
      ...base,
      legs: [
        { callId: 'a', channelId: 'ch-a', knownSince: 10, bridgeId: null },
        { callId: 'b', channelId: 'ch-b', knownSince: 10, bridgeId: null },
      ],
      channels: [channel('ch-a')],
    });
    expect(plan.present.map((p) => p.callId)).toEqual(['a']);
    expect(plan.lost).toEqual(['b']);
  });

  it('does not call a leg lost when it was learned after the snapshot was asked for', () => {
    const plan = planReconcile({ ...base, legs: [{ callId: 'new', channelId: 'ch-new', knownSince: 2000, bridgeId: null }] });
    expect(plan.lost).toEqual([]);
  });

  it('finds orphans: channels in our app that nobody here knows, not other apps or dialplan channels', () => {
    const plan = planReconcile({
      ...base,
      snoopIds: ['snoop-1'],
      channels: [channel('orphan'), channel('snoop-1', 'Stasis', 'samvad,snoop,x'), channel('other-app', 'Stasis', 'billing,x'), channel('in-amd', 'AMD', '')],
    });
    expect(plan.orphans).toEqual(['orphan']);
  });

  it('notices a leg that left its bridge, and bridges that are gone', () => {
    const plan = planReconcile({
      ...base,
      legs: [
        { callId: 'a', channelId: 'ch-a', knownSince: 10, bridgeId: 'b1' },
        { callId: 'b', channelId: 'ch-b', knownSince: 10, bridgeId: 'b2' },
      ],
      bridgeIds: ['b1', 'b2'],
      channels: [channel('ch-a'), channel('ch-b')],
      bridges: [bridge('b1', ['ch-x'])],
    });
    expect(plan.unbridged).toEqual([
      { callId: 'a', bridgeId: 'b1' },
      { callId: 'b', bridgeId: 'b2' },
    ]);
    expect(plan.goneBridges).toEqual(['b2']);
    expect(plan.liveBridges.map((b) => b.id)).toEqual(['b1']);
  });

  it('destroys bridges it named but does not know, and adopts a waiting room', () => {
    const plan = planReconcile({
      ...base,
      legs: [{ callId: 'a', channelId: 'ch-a', knownSince: 10, bridgeId: null }],
      channels: [channel('ch-a')],
      bridges: [bridge('stray', []), bridge('busy', ['ch-a']), bridge('foreign', [], 'someone-else'), bridge('wr', [], 'samvad:waiting-room')],
    });
    expect(plan.strayBridges).toEqual(['stray']);
    expect(plan.waitingRoom).toBe('wr');
    expect(planReconcile({ ...base, hasWaitingRoom: true, bridges: [bridge('wr', [], 'samvad:waiting-room')] }).strayBridges).toEqual(['wr']);
  });
});
