import { createHash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import type { Prisma, PrismaClient } from '@samvad/db';
import { parse } from 'csv-parse';
import { Conflict, Invalid, NotFound } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import { pickFields, resolveColumns, type TColumnMapping, type TResolvedColumns } from './column-mapping.js';
import { decideMatch, phoneNameCandidates, type TCandidate, type TMatch } from './matching.js';
import { TPlaceIndex, validateRow, type TValidatedRow, type TValidationContext } from './row-validation.js';
import type { TImportSummary } from './beneficiaries.schemas.js';

export const BATCH_SIZE = 1000;
/** A whole list is one transaction; a large one takes minutes, not the default five seconds. */
const TRANSACTION_TIMEOUT_MS = 30 * 60_000;
/** Fields longer than this are not a beneficiary list: csv-parse stops instead of buffering them. */
const MAX_RECORD_BYTES = 64 * 1024;
/**
 * A running import holds this advisory lock (with its id) for its whole transaction. PostgreSQL
 * drops it when the transaction ends, also when the server that ran it dies, so an import that is
 * `processing` with its lock free belongs to no live process.
 */
const RUN_LOCK = 'beneficiary_import_run';
/** How old an unlocked `processing` import must be before it counts as interrupted: above the transaction's maxWait, its record is written before its lock is taken. */
export const INTERRUPTED_AFTER_MS = 2 * 60_000;
/**
 * An import's transaction that sits idle this long is ended by PostgreSQL, which frees its locks:
 * an upload that sends nothing for minutes, or a server that vanished without closing its
 * connections (power lost), whose sockets TCP would otherwise keep open for about two hours.
 */
export const STALLED_AFTER_MS = 5 * 60_000;
export const INTERRUPTED_ERROR = 'interrupted: the server stopped during the import; import the file again';

type TTx = Prisma.TransactionClient;

interface TParsedRow extends TValidatedRow {
  line: number;
}

interface TTally {
  total: number;
  matched: number;
  ambiguous: number;
  unmatched: number;
  rejected: number;
  reasons: Record<string, number>;
}

/** A file the import cannot read at all: recorded as failed, answered with 400. */
class FileRefused extends Error {}

/** The import was failed as interrupted before its transaction took its lock. */
class Interrupted extends Error {}

/** The file was imported before with the same columns: rolls this attempt back and answers with that import. */
class SameFile extends Error {
  constructor(readonly earlier: TImportRecord) {
    super('same file');
  }
}

type TImportRecord = Awaited<ReturnType<PrismaClient['beneficiaryImport']['findUniqueOrThrow']>>;

function summary(record: TImportRecord, reused = false): TImportSummary {
  return {
    id: record.id,
    schemeCode: record.schemeCode,
    fileName: record.fileName,
    fileSha256: record.fileSha256,
    status: record.status,
    totalRows: record.totalRows,
    counts: { accepted: record.totalRows - record.rejectedRows, matched: record.matchedRows, ambiguous: record.ambiguousRows, unmatched: record.unmatchedRows, rejected: record.rejectedRows },
    reasonCounts: (record.reasonCounts ?? {}) as Record<string, number>,
    columns: (record.columns ?? null) as Record<string, string> | null,
    createdAt: record.createdAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
    error: record.error,
    reused,
  };
}

async function matchBatch(tx: TTx, schemeCode: string, rows: readonly TParsedRow[]): Promise<Map<number, TMatch>> {
  const valid = rows.filter((r) => r.reasons.length === 0);
  const ids = [...new Set(valid.map((r) => r.beneficiaryId).filter((v): v is string => v !== null))];
  const phones = [...new Set(valid.map((r) => r.mobile).filter((v): v is string => v !== null))];
  const [enrolments, residents] = await Promise.all([
    ids.length ? tx.enrolment.findMany({ where: { schemeCode, beneficiaryId: { in: ids } }, select: { id: true, residentId: true, beneficiaryId: true } }) : [],
    phones.length ? tx.resident.findMany({ where: { mobile: { in: phones } }, select: { id: true, nameEn: true, nameHi: true, birthDate: true, mobile: true } }) : [],
  ]);
  const byId = new Map(enrolments.map((e) => [e.beneficiaryId, e]));
  const byPhone = new Map<string, TCandidate[]>();
  for (const r of residents) {
    if (!r.mobile) continue;
    const list = byPhone.get(r.mobile) ?? [];
    list.push({ residentId: r.id, nameEn: r.nameEn, nameHi: r.nameHi, birthYear: r.birthDate.getUTCFullYear() });
    byPhone.set(r.mobile, list);
  }
  const out = new Map<number, TMatch>();
  for (const row of valid) {
    const enrolment = row.beneficiaryId ? byId.get(row.beneficiaryId) : undefined;
    const candidates = enrolment || !row.mobile || !row.name || row.birthYear === null ? [] : phoneNameCandidates({ name: row.name, birthYear: row.birthYear }, byPhone.get(row.mobile) ?? []);
    out.set(row.line, decideMatch(enrolment, candidates));
  }
  return out;
}

async function writeBatch(tx: TTx, importId: number, schemeCode: string, rows: readonly TParsedRow[], tally: TTally): Promise<void> {
  const matches = await matchBatch(tx, schemeCode, rows);
  const data: Prisma.BeneficiaryImportRowCreateManyInput[] = rows.map((row) => {
    const match = matches.get(row.line);
    const outcome = match?.outcome ?? 'rejected';
    tally.total += 1;
    tally[outcome] += 1;
    for (const reason of row.reasons) tally.reasons[reason] = (tally.reasons[reason] ?? 0) + 1;
    return {
      importId,
      line: row.line,
      beneficiaryId: row.beneficiaryId,
      name: row.name,
      fatherOrHusbandName: row.fatherOrHusbandName,
      gender: row.gender,
      birthYear: row.birthYear,
      districtCode: row.districtCode,
      blockId: row.blockId,
      village: row.village,
      mobile: row.mobile,
      outcome,
      reasons: row.reasons,
      matchMethod: match?.method ?? null,
      candidateCount: match?.candidateCount ?? 0,
      residentId: match?.outcome === 'matched' ? match.residentId : null,
      enrolmentId: match?.outcome === 'matched' ? match.enrolmentId : null,
    };
  });
  // One statement of one array per column: the same shape for every batch, so it is planned once,
  // where a createMany of 1,000 rows binds 17,000 parameters.
  const col = <K extends keyof Prisma.BeneficiaryImportRowCreateManyInput>(key: K) => data.map((d) => d[key] ?? null);
  await tx.$executeRaw`
    INSERT INTO beneficiary_import_rows (import_id, line, beneficiary_id, name, father_or_husband_name, gender, birth_year, district_code, block_id, village, mobile, outcome, reasons, match_method, candidate_count, resident_id, enrolment_id)
    SELECT i, l, b, n, f, g::gender, y, d, bl, v, m, o::beneficiary_import_outcome, CASE WHEN r = '' THEN ARRAY[]::text[] ELSE string_to_array(r, ';') END, mm, c, res, e
    FROM unnest(${col('importId')}::int[], ${col('line')}::int[], ${col('beneficiaryId')}::text[], ${col('name')}::text[], ${col('fatherOrHusbandName')}::text[],
                ${col('gender')}::text[], ${col('birthYear')}::int[], ${col('districtCode')}::int[], ${col('blockId')}::int[], ${col('village')}::text[], ${col('mobile')}::text[],
                ${col('outcome')}::text[], ${data.map((d) => (d.reasons as string[]).join(';'))}::text[], ${col('matchMethod')}::text[], ${col('candidateCount')}::int[],
                ${col('residentId')}::int[], ${col('enrolmentId')}::int[])
      AS t(i, l, b, n, f, g, y, d, bl, v, m, o, r, mm, c, res, e)`;
}

export interface TStartImport {
  schemeCode: string;
  fileName: string;
  mapping: TColumnMapping;
  /** the raw CSV bytes, read once as they arrive */
  body: Readable;
}

export function createBeneficiaryImportService(deps: {
  prisma: PrismaClient;
  now?: () => Date;
  batchSize?: number;
  /** an unlocked `processing` import older than this was interrupted */
  interruptedAfterMs?: number;
  /** an import's transaction idle this long is ended by PostgreSQL */
  stalledAfterMs?: number;
}) {
  const { prisma, now = () => new Date(), batchSize = BATCH_SIZE, interruptedAfterMs = INTERRUPTED_AFTER_MS, stalledAfterMs = STALLED_AFTER_MS } = deps;

  /**
   * Marks `failed` every import (or the given one) that is `processing` but whose transaction no
   * longer runs, and returns their ids. One statement: two servers running it at once each take
   * a different part, a repeat finds nothing. An import past its transaction's timeout is failed
   * even if a hung connection still holds its lock; that import cannot complete any more, as its
   * last write asks for `processing`.
   */
  async function failInterrupted(id?: number): Promise<number[]> {
    const at = now();
    const quiet = new Date(at.getTime() - interruptedAfterMs);
    const overdue = new Date(at.getTime() - TRANSACTION_TIMEOUT_MS - interruptedAfterMs);
    const rows = await prisma.$queryRaw<{ id: number }[]>`
      WITH candidates AS MATERIALIZED (
        SELECT id FROM beneficiary_imports
        WHERE status = 'processing' AND created_at < ${quiet} AND (${id ?? null}::int IS NULL OR id = ${id ?? null}::int)
      )
      UPDATE beneficiary_imports b SET status = 'failed', error = ${INTERRUPTED_ERROR}, finished_at = ${at}
      FROM candidates c
      WHERE b.id = c.id AND b.status = 'processing'
        AND (b.created_at < ${overdue} OR pg_try_advisory_xact_lock(hashtext(${RUN_LOCK}), b.id))
      RETURNING b.id`;
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }

  async function places(): Promise<TPlaceIndex> {
    const [districts, blocks] = await Promise.all([
      prisma.district.findMany({ select: { lgdCode: true, name: true, nameHi: true } }),
      prisma.block.findMany({ select: { id: true, lgdCode: true, districtCode: true, name: true, nameHi: true } }),
    ]);
    return new TPlaceIndex(districts, blocks);
  }

  /**
   * Reads, validates, matches and writes the file in one transaction. The import's own record is
   * written first and outside it, so a failure leaves that record `failed` with its error and no rows.
   * If the server dies instead, PostgreSQL rolls the rows back and `failInterrupted` fails the record.
   */
  async function importFile(input: TStartImport, user: TAuthUser): Promise<TImportSummary> {
    const scheme = await prisma.scheme.findUnique({ where: { code: input.schemeCode }, select: { code: true } });
    if (!scheme) {
      input.body.resume();
      throw Invalid('Unknown scheme', [{ field: 'query.scheme', message: `no scheme has the code "${input.schemeCode}"` }]);
    }
    const index = await places();
    // An interrupted earlier attempt is failed first, so the list never shows it running beside this one.
    await failInterrupted();
    const record = await prisma.beneficiaryImport.create({
      data: { schemeCode: scheme.code, fileName: input.fileName, createdById: user.id, createdAt: now() },
    });

    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // Rows with too few or too many fields, or a stray quote inside a field, are rejected one by
    // one; only what makes the rest of the file unreadable (an unclosed quote) refuses the file.
    const parser = parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      info: true,
      max_record_size: MAX_RECORD_BYTES,
    });
    pipeline(input.body, tap, parser, () => {
      // errors reach the loop below through the parser
    });

    try {
      const outcome = await prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT set_config('idle_in_transaction_session_timeout', ${String(stalledAfterMs)}, true)`;
          // Taken first, before waiting for the scheme: a queued import is a live one.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${RUN_LOCK}), ${record.id}::int)`;
          const mine = await tx.beneficiaryImport.findUnique({ where: { id: record.id }, select: { status: true } });
          if (mine?.status !== 'processing') throw new Interrupted();
          // Two uploads for one scheme run one after the other, so the same file cannot be written twice.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('beneficiary_import'), hashtext(${scheme.code}))`;
          const tally: TTally = { total: 0, matched: 0, ambiguous: 0, unmatched: 0, rejected: 0, reasons: {} };
          const ctx: TValidationContext = { schemeCode: scheme.code, places: index, currentYear: now().getUTCFullYear(), seenIds: new Set(), seenRows: new Set() };
          let columns: TResolvedColumns | null = null;
          let width = 0;
          let headers: Record<string, string> = {};
          let batch: TParsedRow[] = [];
          try {
            for await (const { record: fields, info } of parser as AsyncIterable<{ record: string[]; info: { records: number; empty_lines: number } }>) {
              if (!columns) {
                const resolved = resolveColumns(fields, input.mapping);
                if (!resolved.ok) throw new FileRefused(resolved.problem);
                columns = resolved.columns;
                headers = resolved.headers as Record<string, string>;
                width = fields.length;
                continue;
              }
              if (fields.every((f) => f.trim() === '')) continue;
              // The row as a spreadsheet numbers it: a multi-line cell is one row, a blank line is one.
              const line = info.records + info.empty_lines;
              batch.push({ line, ...validateRow(pickFields(fields, columns), ctx, fields.length === width ? [] : ['column_count_mismatch']) });
              if (batch.length >= batchSize) {
                await writeBatch(tx, record.id, scheme.code, batch, tally);
                batch = [];
              }
            }
          } catch (error) {
            // csv-parse's own errors describe the file; anything else (the database, a dropped upload) is ours.
            const code = (error as { code?: unknown } | null)?.code;
            if (typeof code === 'string' && code.startsWith('CSV_') && error instanceof Error) throw new FileRefused(`The file is not valid CSV: ${error.message}`);
            throw error;
          }
          if (!columns) throw new FileRefused('The file is empty: expected a header row and at least one data row');
          if (batch.length > 0) await writeBatch(tx, record.id, scheme.code, batch, tally);

          const sha = hash.digest('hex');
          const earlier = await tx.beneficiaryImport.findFirst({
            where: { schemeCode: scheme.code, fileSha256: sha, status: 'completed', columns: { equals: headers }, id: { not: record.id } },
            orderBy: { id: 'asc' },
          });
          if (earlier) throw new SameFile(earlier);
          const done = await tx.beneficiaryImport.update({
            where: { id: record.id, status: 'processing' },
            data: {
              fileSha256: sha,
              status: 'completed',
              totalRows: tally.total,
              matchedRows: tally.matched,
              ambiguousRows: tally.ambiguous,
              unmatchedRows: tally.unmatched,
              rejectedRows: tally.rejected,
              reasonCounts: tally.reasons,
              columns: headers,
              finishedAt: now(),
            },
          });
          return done;
        },
        { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
      );
      return summary(outcome);
    } catch (error) {
      if (error instanceof SameFile) {
        // The same file was imported before: its result stands and this attempt leaves no trace.
        await prisma.beneficiaryImport.delete({ where: { id: record.id } });
        return summary(error.earlier, true);
      }
      input.body.resume();
      const refused = error instanceof FileRefused;
      const message = refused ? error.message : 'The import failed; nothing from this file was kept';
      // Only while still `processing`: an import already failed as interrupted keeps that error.
      await prisma.beneficiaryImport.updateMany({ where: { id: record.id, status: 'processing' }, data: { status: 'failed', error: message, finishedAt: now() } });
      if (error instanceof Interrupted) throw Conflict(`Import ${record.id} was marked interrupted before it began; import the file again`);
      if (refused) throw Invalid(`Import ${record.id} refused the file: ${message}`, [{ field: 'body', message }]);
      throw error;
    }
  }

  async function byId(id: number): Promise<TImportSummary> {
    let record = await prisma.beneficiaryImport.findUnique({ where: { id } });
    if (!record) throw NotFound('Import');
    if (record.status === 'processing' && (await failInterrupted(id)).length > 0) record = await prisma.beneficiaryImport.findUniqueOrThrow({ where: { id } });
    return summary(record);
  }

  async function list(schemeCode: string | undefined): Promise<TImportSummary[]> {
    await failInterrupted();
    const records = await prisma.beneficiaryImport.findMany({ where: schemeCode ? { schemeCode } : {}, orderBy: { id: 'desc' }, take: 100 });
    return records.map((r) => summary(r));
  }

  /** The report's rows in line order, a page at a time, so a large import is never held whole. */
  async function* reportLines(id: number): AsyncGenerator<string> {
    const record = await prisma.beneficiaryImport.findUnique({ where: { id }, select: { id: true } });
    if (!record) throw NotFound('Import');
    yield 'line,beneficiary_id,name,outcome,reasons,match_method,candidate_count,resident_id\n';
    let after = 0;
    for (;;) {
      const rows = await prisma.beneficiaryImportRow.findMany({
        where: { importId: id, line: { gt: after } },
        orderBy: { line: 'asc' },
        take: batchSize,
        select: { line: true, beneficiaryId: true, name: true, outcome: true, reasons: true, matchMethod: true, candidateCount: true, residentId: true },
      });
      if (rows.length === 0) return;
      yield rows.map((r) => [r.line, r.beneficiaryId ?? '', r.name ?? '', r.outcome, r.reasons.join(';'), r.matchMethod ?? '', r.candidateCount, r.residentId ?? ''].map(csvCell).join(',')).join('\n') + '\n';
      after = rows[rows.length - 1]?.line ?? after;
    }
  }

  return { importFile, byId, list, reportLines, failInterrupted };
}

export type TBeneficiaryImportService = ReturnType<typeof createBeneficiaryImportService>;

/** Quotes a cell when it needs it, and defuses spreadsheet formulas in text from the file. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
