import { describe, expect, it } from 'vitest';
import { dayFromIso } from './calendar.js';
import { CopyBuffer, escapeText, line } from './copy-format.js';
import { createContext, generateHousehold } from './household.js';
import { newIdCursor } from './ids.js';
import { loadReferenceData } from './reference.js';
import { applicationsTable, enrolmentsTable, eventsTable, householdsTable, paymentsTable, residentsTable, type BulkTableSpec } from './tables.js';

function written<T>(spec: BulkTableSpec<T>, rows: readonly T[]): string {
  const out = new CopyBuffer();
  for (const row of rows) spec.write(out, row);
  return Buffer.concat(out.take()).toString('utf8');
}

describe('COPY text', () => {
  it('escapes backslash, tab, newline and carriage return, and writes NULL as \\N', () => {
    expect(escapeText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(line(['x', null, 3, true, 'तीन'])).toBe('x\t\\N\t3\tt\tतीन\n');
  });

  it('writes the same bytes through CopyBuffer as through line(), for every bulk table', () => {
    const ctx = createContext(loadReferenceData(), { seed: 5, asOfDay: dayFromIso('2026-11-01'), aadhaarSalt: 's' });
    const ids = newIdCursor();
    const bundles = Array.from({ length: 300 }, (_, i) => generateHousehold(ctx, i, ids));
    const households = bundles.map((b) => b.household);
    // names and addresses with every character COPY must escape
    const first = bundles[0];
    if (!first) throw new Error('no households');
    households[0] = { ...first.household, address: 'back\\slash\ttab\nnew line\rCR अक्षर', village: 'गाँव' };
    const check = <T>(spec: BulkTableSpec<T>, rows: readonly T[]): void => {
      expect(rows.length).toBeGreaterThan(0);
      expect(written(spec, rows)).toBe(rows.map((r) => spec.line(r)).join(''));
    };
    check(householdsTable, households);
    check(residentsTable, bundles.flatMap((b) => b.residents));
    check(enrolmentsTable, bundles.flatMap((b) => b.enrolments));
    check(paymentsTable, bundles.flatMap((b) => b.payments));
    check(applicationsTable, bundles.flatMap((b) => b.applications));
    check(eventsTable, bundles.flatMap((b) => b.events));
  });

  it('writes dates and timestamps like toISOString, including negative days and negative integers', () => {
    const out = new CopyBuffer();
    out.beginRow();
    out.date(dayFromIso('1935-03-09'));
    out.tab();
    out.timestamp(Date.UTC(2026, 9, 31, 23, 59, 58, 7));
    out.tab();
    out.int(-42);
    out.endRow();
    expect(Buffer.concat(out.take()).toString()).toBe('1935-03-09\t2026-10-31T23:59:58.007Z\t-42\n');
  });
});
