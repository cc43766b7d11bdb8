import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { TableSpec } from './tables.js';

// Streams COPY text into a table through pg-copy-streams; pipeline() applies backpressure (the
// source is only read as fast as PostgreSQL takes the data) and surfaces a failed COPY as an error.

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface CopyOptions {
  /**
   * COPY ... WITH (FREEZE): rows are written already frozen, which saves the hint-bit rewrite and
   * the anti-wraparound vacuum after a bulk load. Only allowed when the table was truncated in
   * the current transaction.
   */
  freeze?: boolean;
}

export async function copyText(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  source: Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
  options: CopyOptions = {},
): Promise<void> {
  const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN${options.freeze ? ' WITH (FREEZE)' : ''}`;
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from(source, { objectMode: false }), stream);
}

/** Lines of a small table, grouped into chunks of about 64 kB. */
export function* chunkLines<T>(spec: TableSpec<T>, rows: Iterable<T>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += spec.line(row);
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

export async function copyRows<T>(client: pg.ClientBase, spec: TableSpec<T>, rows: Iterable<T>, options: CopyOptions = {}): Promise<number> {
  let count = 0;
  function* counted(): Generator<T> {
    for (const row of rows) {
      count++;
      yield row;
    }
  }
  await copyText(client, spec.table, spec.columns, chunkLines(spec, counted()), options);
  return count;
}
