import { randomUUID } from 'node:crypto';
import { createDatabase } from '@samvad/db';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { IvrPathWriter, type TIvrPathEntry } from '../../src/callcontrol/ivr-path.js';
import { createLogger } from '../../src/logger.js';
import { pathOf } from './rig.js';
import { insertCall, phoneShared, unknownNumber } from './support.js';

const node = (i: number): TIvrPathEntry => ({ at: new Date().toISOString(), kind: 'node', nodeId: `n${i}`, nodeType: 'menu', detail: { i } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the IVR path on the call row', () => {
  const database = createDatabase({ url: inject('databaseUrl'), poolSize: 4 });
  const { prisma, pool } = database;
  afterAll(() => database.close());

  it('writes a busy call in batches: a step every 10 ms for 0.6 s is a handful of UPDATEs, in order', async () => {
    const writer = new IvrPathWriter(pool, createLogger('silent'), 250);
    const callId = await insertCall(prisma, unknownNumber());
    const started = Date.now();
    for (let i = 0; i < 60; i += 1) {
      writer.append(callId, [node(i)]);
      await sleep(10);
    }
    const elapsed = Date.now() - started;
    await writer.finish(callId);
    const row = await prisma.call.findUniqueOrThrow({ where: { id: callId } });
    expect(pathOf(row.ivrPath).map((e) => e.nodeId)).toEqual(Array.from({ length: 60 }, (_, i) => `n${i}`));
    // one UPDATE per 250 ms while the call runs, plus the last one at the end: never one per step
    expect(writer.writes).toBeGreaterThanOrEqual(2);
    expect(writer.writes).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
    expect(writer.writes).toBeLessThan(60 / 4);
  });

  it('sets the household and resident with the same UPDATE', async () => {
    const writer = new IvrPathWriter(pool, createLogger('silent'), 250);
    const { phone, householdId, residentIds } = await phoneShared(prisma, 1);
    const callId = await insertCall(prisma, phone);
    writer.append(callId, [node(1)]);
    writer.identify(callId, householdId, residentIds[0] ?? null);
    await writer.finish(callId);
    expect(writer.writes).toBe(1);
    expect(await prisma.call.findUniqueOrThrow({ where: { id: callId } })).toMatchObject({ householdId, residentId: residentIds[0] });
  });

  it('keeps the entries of a call whose row is not written yet, and writes them once it is', async () => {
    const writer = new IvrPathWriter(pool, createLogger('silent'), 50);
    const callId = randomUUID();
    writer.append(callId, [node(1), node(2)]);
    await sleep(120);
    await insertCall(prisma, unknownNumber(), callId);
    writer.append(callId, [node(3)]);
    await writer.finish(callId);
    const row = await prisma.call.findUniqueOrThrow({ where: { id: callId } });
    expect(pathOf(row.ivrPath).map((e) => e.nodeId)).toEqual(['n1', 'n2', 'n3']);
  });
});
