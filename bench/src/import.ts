import { Readable } from 'node:stream';
import { getHeapStatistics } from 'node:v8';
import { createDatabase } from '@samvad/db';
import { createBeneficiaryImportService } from '../../server/src/modules/beneficiaries/import.service.js';
import { round } from '../lib.js';

const HEADER = 'scheme,beneficiary_id,name,father_or_husband_name,gender,birth_year,district,block,village,mobile\n';

interface TSource {
  enrolments: { beneficiaryId: string; name: string; year: number; district: number; block: number; mobile: string | null }[];
  residents: { name: string; year: number; district: number; block: number; mobile: string }[];
}

/**
 * The file as a department would send it, generated as it is read so that only the parser's and
 * the importer's memory is measured: 60 % known beneficiary ids, 20 % new ids of residents known
 * by phone, 12 % people the registry does not know, 8 % rows with a mistake.
 */
function* csvChunks(rows: number, scheme: string, source: TSource, runTag: string): Generator<string> {
  yield HEADER;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const kind = i % 25;
    let cells: (string | number)[];
    if (kind < 15 && source.enrolments.length > 0) {
      const e = source.enrolments[i % source.enrolments.length]!;
      // each known id once per file, as a real list has it; beyond the seeded ones the id is new
      const id = i < source.enrolments.length ? e.beneficiaryId : `${runTag}-${i}`;
      cells = [scheme, id, e.name, '', 'F', e.year, e.district, e.block, 'Kohka', e.mobile ?? `9${String(100_000_000 + i)}`];
    } else if (kind < 20 && source.residents.length > 0) {
      const r = source.residents[i % source.residents.length]!;
      cells = [scheme, `${runTag}-${i}`, r.name, '', 'M', r.year, r.district, r.block, '', r.mobile];
    } else if (kind < 23) {
      cells = [scheme, `${runTag}-${i}`, 'Kamla Bai', 'Ramesh', 'F', 1960 + (i % 50), source.residents[0]?.district ?? 0, source.residents[0]?.block ?? 0, 'Kohka', `8${String(100_000_000 + i)}`];
    } else {
      cells = [scheme, `${runTag}-${i}`, 'Ram123', '', 'X', '19xx', '999', '', '', '12345'];
    }
    chunk += cells.join(',') + '\n';
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export async function benchImport(databaseUrl: string, rows: number) {
  const db = createDatabase({ url: databaseUrl, poolSize: 4 });
  try {
    const { prisma } = db;
    const bySchemes = await prisma.enrolment.groupBy({ by: ['schemeCode'], _count: { _all: true }, orderBy: { _count: { schemeCode: 'desc' } }, take: 1 });
    const scheme = bySchemes[0]?.schemeCode ?? (await prisma.scheme.findFirstOrThrow()).code;
    const enrolments = await prisma.enrolment.findMany({
      where: { schemeCode: scheme },
      take: Math.ceil(rows * 0.6),
      select: { beneficiaryId: true, resident: { select: { nameEn: true, birthDate: true, mobile: true } }, household: { select: { districtCode: true, block: { select: { lgdCode: true } } } } },
    });
    const residents = await prisma.resident.findMany({
      where: { mobile: { not: null } },
      take: 20_000,
      select: { nameEn: true, birthDate: true, mobile: true, household: { select: { districtCode: true, block: { select: { lgdCode: true } } } } },
    });
    const source: TSource = {
      enrolments: enrolments.map((e) => ({ beneficiaryId: e.beneficiaryId, name: e.resident.nameEn, year: e.resident.birthDate.getUTCFullYear(), district: e.household.districtCode, block: e.household.block.lgdCode, mobile: e.resident.mobile })),
      residents: residents.map((r) => ({ name: r.nameEn, year: r.birthDate.getUTCFullYear(), district: r.household.districtCode, block: r.household.block.lgdCode, mobile: r.mobile! })),
    };
    const admin = await prisma.user.findFirstOrThrow({ where: { role: 'admin' } });
    const user = { id: admin.id, username: admin.username, role: admin.role, departmentCode: null, districtCode: null, officeId: null };
    const service = createBeneficiaryImportService({ prisma });

    global.gc?.();
    const baselineRssMb = process.memoryUsage().rss / 1e6;
    let peakRss = 0;
    let peakHeap = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const timer = setInterval(sample, 20);
    const started = performance.now();
    const runTag = `B${Date.now().toString(36)}`;
    let bytes = 0;
    const body = Readable.from(
      (function* () {
        for (const chunk of csvChunks(rows, scheme, source, runTag)) {
          bytes += Buffer.byteLength(chunk);
          yield Buffer.from(chunk);
        }
      })(),
    );
    const result = await service.importFile({ schemeCode: scheme, fileName: `bench-${runTag}.csv`, mapping: {}, body }, user);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    sample();

    // The downloadable report, streamed a page at a time.
    const reportStarted = performance.now();
    let reportLines = 0;
    for await (const chunk of service.reportLines(result.id)) reportLines += chunk.split('\n').length - 1;
    const reportSeconds = (performance.now() - reportStarted) / 1000;

    return {
      rows,
      fileMb: round(bytes / 1e6, 1),
      scheme,
      status: result.status,
      counts: result.counts,
      seconds: round(seconds, 2),
      rowsPerSecond: round(rows / seconds, 0),
      baselineRssMb: round(baselineRssMb, 0),
      peakRssMb: round(peakRss / 1e6, 0),
      /** what the import itself added: the baseline holds the process and the generator's source rows */
      rssGrowthMb: round(peakRss / 1e6 - baselineRssMb, 0),
      peakHeapUsedMb: round(peakHeap / 1e6, 0),
      /** V8 lets garbage pile up to its limit before collecting hard; run with --max-old-space-size=256 to see the working set */
      heapLimitMb: round(getHeapStatistics().heap_size_limit / 1e6, 0),
      report: { lines: reportLines, seconds: round(reportSeconds, 2) },
      goals: { rows: 100_000, rssGrowthMbBelow: 256 },
      meetsGoal: result.status === 'completed' && result.totalRows === rows && peakRss / 1e6 - baselineRssMb < 256,
    };
  } finally {
    await db.close();
  }
}
