import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type pg from 'pg';
import { copyText, type CopyOptions } from './copy.js';
import { generateHouseholds, type GeneratorContext } from './household.js';
import { CopyBuffer } from './copy-format.js';
import type { IdCursor } from './ids.js';
import type { LoadMetrics } from './progress.js';
import {
  applicationsTable, enrolmentsTable, eventsTable, householdsTable, paymentsTable, residentsTable, type CopyTarget,
} from './tables.js';

// The household-derived tables, loaded batch by batch. While PostgreSQL ingests batch k, Node
// builds batch k+1 in slices that yield to the event loop, so the socket keeps draining; at most
// two batches are in memory, whatever the number of households.

export const BULK_TABLES: readonly CopyTarget[] = [householdsTable, residentsTable, enrolmentsTable, paymentsTable, applicationsTable, eventsTable];

/** one table's share of a batch: COPY text in Buffers of about 256 kB */
export interface BatchTable {
  target: CopyTarget;
  chunks: Buffer[];
  rows: number;
}

// Households generated between two turns of the event loop: short enough (a few ms) that the
// COPY handshakes and socket writes of the previous batch are not held up for long.
const SLICE = 50;

export async function buildBatch(ctx: GeneratorContext, start: number, end: number, ids: IdCursor): Promise<BatchTable[]> {
  const households = new CopyBuffer();
  const residents = new CopyBuffer();
  const enrolments = new CopyBuffer();
  const payments = new CopyBuffer();
  const applications = new CopyBuffer();
  const events = new CopyBuffer();
  let i = start;
  for (const b of generateHouseholds(ctx, start, end, ids)) {
    householdsTable.write(households, b.household);
    for (const r of b.residents) residentsTable.write(residents, r);
    for (const e of b.enrolments) enrolmentsTable.write(enrolments, e);
    for (const p of b.payments) paymentsTable.write(payments, p);
    for (const a of b.applications) applicationsTable.write(applications, a);
    for (const e of b.events) eventsTable.write(events, e);
    if (++i % SLICE === 0) await yieldToEventLoop();
  }
  const out: [CopyTarget, CopyBuffer][] = [
    [householdsTable, households], [residentsTable, residents], [enrolmentsTable, enrolments],
    [paymentsTable, payments], [applicationsTable, applications], [eventsTable, events],
  ];
  return out.map(([target, buffer]) => ({ target, rows: buffer.rows, chunks: buffer.take() }));
}

export async function copyBatch(client: pg.ClientBase, batch: readonly BatchTable[], metrics: LoadMetrics, options: CopyOptions): Promise<void> {
  for (const t of batch) {
    if (t.rows === 0) continue;
    const t0 = performance.now();
    await copyText(client, t.target.table, t.target.columns, t.chunks, options);
    metrics.record(t.target.table, t.rows, performance.now() - t0);
  }
}

export interface BulkLoadOptions extends CopyOptions {
  households: number;
  batchSize: number;
  /** called after each batch has been copied */
  onBatch?: (householdsDone: number) => void;
}

export async function loadHouseholds(client: pg.ClientBase, ctx: GeneratorContext, ids: IdCursor, metrics: LoadMetrics, options: BulkLoadOptions): Promise<void> {
  let inFlight: Promise<void> | null = null;
  for (let start = 0; start < options.households; start += options.batchSize) {
    const end = Math.min(options.households, start + options.batchSize);
    const batch = await buildBatch(ctx, start, end, ids);
    if (inFlight) await inFlight;
    const copying = copyBatch(client, batch, metrics, options).then(() => options.onBatch?.(end));
    // awaited at the next turn; the no-op handler keeps a failure from being reported as
    // unhandled while the next batch is being built
    copying.catch(() => {});
    inFlight = copying;
  }
  if (inFlight) await inFlight;
}
