import pg from 'pg';
import { quoteIdent } from './copy.js';
import { listDomainTables } from './schema-ops.js';

// A fingerprint of every domain table, computed in SQL over the rows in primary-key order, so
// two loads can be compared without pulling millions of rows into Node. Rows are hashed in
// chunks (md5 of the chunks' md5s) because one string_agg over 30 million rows would pass
// PostgreSQL's 1 GB value limit.

const CHUNK_ROWS = 100_000;

export interface TableChecksum {
  rows: number;
  /** md5 of the chunk md5s; md5('') for an empty table */
  md5: string;
}

async function primaryKeyColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const result = await client.query<{ column: string }>(
    `SELECT a.attname AS column
       FROM pg_index ix
       JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ANY(ix.indkey)
      WHERE ix.indrelid = $1::regclass AND ix.indisprimary
      ORDER BY array_position(ix.indkey::int2[], a.attnum)`,
    [quoteIdent(table)],
  );
  return result.rows.map((r) => r.column);
}

export async function seedChecksum(databaseUrl: string): Promise<Record<string, TableChecksum>> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'samvad-seed-checksum' });
  client.on('error', () => {});
  await client.connect();
  try {
    // the text form of timestamps, dates and floats depends on these settings
    await client.query(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1; SET IntervalStyle = 'postgres'`);
    const out: Record<string, TableChecksum> = {};
    for (const table of await listDomainTables(client)) {
      const pk = await primaryKeyColumns(client, table);
      const order = (pk.length > 0 ? pk : ['t']).map((c) => (c === 't' ? 't::text' : `t.${quoteIdent(c)}`)).join(', ');
      const result = await client.query<{ rows: string; md5: string }>(
        `SELECT COALESCE(sum(n), 0)::text AS rows, md5(COALESCE(string_agg(chunk, '' ORDER BY g), '')) AS md5
           FROM (SELECT g, count(*) AS n, md5(string_agg(r, '|' ORDER BY rn)) AS chunk
                   FROM (SELECT t::text AS r, rn, (rn - 1) / ${CHUNK_ROWS} AS g
                           FROM (SELECT t, row_number() OVER (ORDER BY ${order}) AS rn FROM ${quoteIdent(table)} t) numbered) rows
                  GROUP BY g) chunks`,
      );
      const row = result.rows[0];
      out[table] = { rows: Number(row?.rows ?? 0), md5: row?.md5 ?? '' };
    }
    return out;
  } finally {
    await client.end().catch(() => {});
  }
}
