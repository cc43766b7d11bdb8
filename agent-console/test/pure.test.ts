import { describe, expect, it } from 'vitest';
import type { TAgentDesk, TAgentView, TConnectedCall, TOffer } from '../src/api/acd.schemas.js';
import { activeCallOf } from '../src/features/agent-desk/active-call.js';
import { deskNeedsSnapshot, reduceBoard, reduceDesk } from '../src/realtime/acd-reducers.js';
import { clockOffset } from '../src/realtime/server-clock.js';
import { formatDuration } from '../src/ui/format.js';
import { searchCategories } from '../src/features/grievances/category-search.js';
import type { TGrievanceCategory } from '../src/features/grievances/grievance.schemas.js';
import { createProjection, initialZoom, niceDistance, radiusToFit, spreadMarkers, toLocalKm } from '../src/features/facilities/projection.js';

/** Great-circle distance, the way the server measures it. */
function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('the offline map projection', () => {
  const raipur = { lat: 21.2514, lon: 81.6296 };

  it('keeps distances within 1% of great-circle distance over a district', () => {
    for (const [dLat, dLon] of [
      [0.3, 0],
      [0, 0.4],
      [-0.25, 0.3],
      [0.45, -0.45],
    ] as const) {
      const point = { lat: raipur.lat + dLat, lon: raipur.lon + dLon };
      const { x, y } = toLocalKm(raipur, point);
      const planar = Math.hypot(x, y);
      expect(Math.abs(planar - haversineKm(raipur, point)) / haversineKm(raipur, point)).toBeLessThan(0.01);
    }
  });

  it('puts north up and east right, the household in the centre, and pulls far points onto the edge', () => {
    const viewport = { width: 600, height: 400, padding: 20 };
    const projection = createProjection(raipur, 10, viewport);
    expect(projection.project(raipur)).toEqual({ x: 300, y: 200, clamped: false });
    const north = projection.project({ lat: raipur.lat + 0.05, lon: raipur.lon });
    expect(north.y).toBeLessThan(200);
    expect(north.x).toBeCloseTo(300, 6);
    const east = projection.project({ lat: raipur.lat, lon: raipur.lon + 0.05 });
    expect(east.x).toBeGreaterThan(300);
    // 10 km to the shorter side's edge: 180 px, so 18 px per km
    expect(projection.pxPerKm).toBeCloseTo(18, 6);
    const far = projection.project({ lat: raipur.lat + 2, lon: raipur.lon });
    expect(far).toMatchObject({ clamped: true });
    expect(far.y).toBeCloseTo(20, 6);
  });

  it('fits every point when asked, and opens on the extent that holds most of them', () => {
    const viewport = { width: 640, height: 400, padding: 30 };
    const points = [0.02, 0.03, 0.05, 0.07, 1.5].map((d) => ({ lat: raipur.lat + d, lon: raipur.lon }));
    const radius = radiusToFit(raipur, points, viewport);
    for (const p of points) expect(createProjection(raipur, radius, viewport).project(p).clamped).toBe(false);
    expect(initialZoom([1.5, 2.1, 3.5, 3.9, 8.9, 9.8, 11, 42, 70, 188], 150)).toBe(15);
    expect(initialZoom([1, 2, 3], 3.3)).toBeNull();
    expect(initialZoom([], 1)).toBeNull();
    expect(niceDistance(37)).toBe(25);
    expect(niceDistance(0.01)).toBe(0.05);
  });
});

describe('markers on the map', () => {
  it('are pushed apart until none overlaps another or the household, and stay on the plot', () => {
    const bounds = { minX: 10, minY: 10, maxX: 290, maxY: 190 };
    const household = { x: 150, y: 100 };
    const points = [household, { x: 152, y: 101 }, { x: 152, y: 101 }, { x: 160, y: 95 }, { x: 12, y: 12 }, { x: 11, y: 11 }];
    const placed = spreadMarkers(points, { minDistance: 23, fixed: [household], bounds });
    expect(placed).toHaveLength(points.length);
    for (const [i, a] of placed.entries()) {
      expect(Math.hypot(a.x - household.x, a.y - household.y)).toBeGreaterThanOrEqual(22.9);
      expect(a.x).toBeGreaterThanOrEqual(bounds.minX);
      expect(a.y).toBeLessThanOrEqual(bounds.maxY);
      for (const b of placed.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(22.9);
    }
    expect(spreadMarkers(points, { minDistance: 23, fixed: [household], bounds })).toEqual(placed);
    // markers that do not touch stay exactly where they are
    expect(spreadMarkers([{ x: 50, y: 50 }, { x: 100, y: 50 }], { minDistance: 23, bounds })).toEqual([{ x: 50, y: 50 }, { x: 100, y: 50 }]);
  });
});

describe('the grievance category search', () => {
  const category = (code: string, nameEn: string, nameHi: string, dept: [string, string, string]): TGrievanceCategory => ({
    code,
    nameEn,
    nameHi,
    deadlineDays: 7,
    department: { code: dept[0], nameEn: dept[1], nameHi: dept[2] },
  });
  const food: [string, string, string] = ['FOOD', 'Food, Civil Supplies and Consumer Protection Department', 'खाद्य, नागरिक आपूर्ति एवं उपभोक्ता संरक्षण विभाग'];
  const energy: [string, string, string] = ['ENERGY', 'Energy Department', 'ऊर्जा विभाग'];
  const categories = [
    category('FOOD-03', 'Ration not received or short quantity at fair price shop', 'उचित मूल्य दुकान से राशन नहीं मिला / कम मिला', food),
    category('ENERGY-01', 'No electricity supply', 'बिजली आपूर्ति नहीं', energy),
  ];

  it('matches English, Hindi, codes and departments, every word typed', () => {
    expect(searchCategories(categories, 'ration shop').map((c) => c.code)).toEqual(['FOOD-03']);
    expect(searchCategories(categories, 'राशन').map((c) => c.code)).toEqual(['FOOD-03']);
    expect(searchCategories(categories, 'बिजली').map((c) => c.code)).toEqual(['ENERGY-01']);
    expect(searchCategories(categories, 'energy-01').map((c) => c.code)).toEqual(['ENERGY-01']);
    expect(searchCategories(categories, 'ऊर्जा').map((c) => c.code)).toEqual(['ENERGY-01']);
    expect(searchCategories(categories, 'ration electricity')).toEqual([]);
    expect(searchCategories(categories, '  ')).toHaveLength(2);
  });
});

describe('the live desk, from snapshots and pushes', () => {
  const agent = (state: TAgentView['state'], since: string, extra: Partial<TAgentView> = {}): TAgentView => ({
    userId: 7,
    username: 'agent2',
    displayName: 'Rahul Verma',
    skills: ['hi'],
    state,
    reason: null,
    since,
    callId: null,
    queue: null,
    present: true,
    ...extra,
  });
  const offer: TOffer = {
    callId: 'c1',
    agentLegId: 'leg1',
    kind: 'call',
    callbackId: null,
    caller: '+919876543210',
    householdId: null,
    queue: 'general-hi',
    queueName: 'General helpline (Hindi)',
    waitingSince: '2026-03-01T10:00:00.000Z',
    ringDeadline: '2026-03-01T10:00:45.000Z',
  };
  const call: TConnectedCall = {
    callId: 'c1',
    agentLegId: 'leg1',
    kind: 'call',
    caller: '+919876543210',
    householdId: 42,
    queue: 'general-hi',
    connectedAt: '2026-03-01T10:00:35.000Z',
    held: false,
    muted: false,
  };
  const ready: TAgentDesk = { agent: agent('ready', '2026-03-01T10:00:00.000Z'), offer: null, call: null, wrapUp: null };

  it('follows an offer through the call to wrap-up, dropping what belongs to the state left', () => {
    let desk = reduceDesk(ready, { type: 'state', agent: agent('reserved', '2026-03-01T10:00:30.000Z', { callId: 'c1' }) });
    desk = reduceDesk(desk, { type: 'offer', offer: { ...offer, householdId: 42 } });
    expect(desk?.offer?.householdId).toBe(42);
    desk = reduceDesk(desk, { type: 'state', agent: agent('on_call', '2026-03-01T10:00:35.000Z', { callId: 'c1' }) });
    expect(desk?.offer).toBeNull();
    desk = reduceDesk(desk, { type: 'offer-ended', ended: { callId: 'c1', agentLegId: 'leg1', reason: 'accepted' } });
    desk = reduceDesk(desk, { type: 'call-connected', call });
    desk = reduceDesk(desk, { type: 'call-held', held: { callId: 'c1', held: true } });
    expect(desk?.call?.held).toBe(true);
    desk = reduceDesk(desk, { type: 'state', agent: agent('wrap_up', '2026-03-01T10:03:00.000Z', { callId: 'c1' }) });
    desk = reduceDesk(desk, { type: 'call-ended', ended: { callId: 'c1', agentLegId: 'leg1', by: 'caller', at: '2026-03-01T10:03:00.000Z' } });
    expect(desk).toMatchObject({ agent: { state: 'wrap_up' }, offer: null, call: null, wrapUp: null });
    expect(deskNeedsSnapshot(desk)).toBe(true);
    expect(desk && activeCallOf(desk)).toMatchObject({ stage: 'wrap_up', callId: 'c1' });
  });

  it('ignores an answer older than what the socket already said, and keeps the household an offer carried', () => {
    const onCall: TAgentDesk = { agent: agent('on_call', '2026-03-01T10:00:35.000Z', { callId: 'c1' }), offer: null, call, wrapUp: null };
    const lateAnswer: TAgentDesk = { agent: agent('reserved', '2026-03-01T10:00:30.000Z'), offer, call: null, wrapUp: null };
    expect(reduceDesk(onCall, { type: 'desk', desk: lateAnswer })).toBe(onCall);
    const ringing: TAgentDesk = { agent: agent('reserved', '2026-03-01T10:00:30.000Z'), offer: { ...offer, householdId: 42 }, call: null, wrapUp: null };
    expect(reduceDesk(ringing, { type: 'desk', desk: lateAnswer })?.offer?.householdId).toBe(42);
    // pushes before the first snapshot have nothing to refine, except a state
    expect(reduceDesk(null, { type: 'offer', offer })).toBeNull();
    expect(reduceDesk(null, { type: 'state', agent: agent('ready', '2026-03-01T10:00:00.000Z') })?.agent.state).toBe('ready');
  });

  it("merges the supervisors' pushes by agent, and lets an older snapshot only add who is missing", () => {
    const at = (s: number) => `2026-03-01T10:00:${String(s).padStart(2, '0')}.000Z`;
    const a = agent('ready', at(0));
    const b = agent('offline', at(0), { userId: 8, username: 'agent1' });
    let board = reduceBoard(null, { at: at(1), queues: [], agents: [a, b] });
    board = reduceBoard(board, { at: at(2), full: false, queues: [], agents: [{ ...a, state: 'on_call', since: at(2) }] });
    expect(board.agents.map((x) => `${x.username}:${x.state}`)).toEqual(['agent2:on_call', 'agent1:offline']);
    const c = agent('ready', at(0), { userId: 9, username: 'agent3' });
    board = reduceBoard(board, { at: at(1), queues: [], agents: [a, b, c] });
    expect(board.agents.map((x) => `${x.username}:${x.state}`)).toEqual(['agent2:on_call', 'agent1:offline', 'agent3:ready']);
    expect(board.at).toBe(at(2));
  });
});

describe('time on the server', () => {
  it('takes the middle of a ping as the moment the server answered', () => {
    expect(clockOffset(1000, 5100, 1200)).toBe(4000);
    expect(clockOffset(1000, 900, 1200)).toBe(-200);
  });

  it('shows durations as m:ss and h:mm:ss, never negative', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75_400)).toBe('1:15');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5000)).toBe('0:00');
  });
});
