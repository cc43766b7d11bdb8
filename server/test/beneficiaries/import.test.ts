import { randomInt } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBeneficiaryImportService } from '../../src/modules/beneficiaries/import.service.js';
import { auth, createTestContext, createUser, type TTestContext } from '../helpers.js';

const HEADER = 'scheme,beneficiary_id,name,father_or_husband_name,gender,birth_year,district,block,village,mobile';
type TCells = [string, string, string, string, string, string, string, string, string, string];

/** A CSV line from cells, quoting where needed; a Buffer passes raw bytes through. */
function line(cells: readonly (string | Buffer)[]): Buffer {
  const parts = cells.map((c) => (Buffer.isBuffer(c) ? c : Buffer.from(/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)));
  const out: Buffer[] = [];
  parts.forEach((p, i) => out.push(...(i > 0 ? [Buffer.from(','), p] : [p])));
  out.push(Buffer.from('\n'));
  return Buffer.concat(out);
}

describe('beneficiary list import', () => {
  let ctx: TTestContext;
  let supervisor: string;
  let agent: string;
  let scheme: string;
  let otherScheme: string;
  /** real enrolments of the scheme, with what the registry knows of them */
  let known: { beneficiaryId: string; residentId: number; nameEn: string; nameHi: string; gender: string; birthYear: number; districtCode: number; districtName: string; blockLgd: number; blockName: string; mobile: string | null }[];
  let place: { districtCode: number; districtName: string; districtHi: string; blockLgd: number; blockName: string; blockHi: string; blockId: number; foreignBlockLgd: number };
  let ambiguousPhone: string;
  let soloPhone: string;
  let soloResidentId: number;

  /** a phone number no resident has */
  async function freshPhone(): Promise<string> {
    for (;;) {
      const phone = `+917${String(randomInt(100_000_000, 999_999_999))}`;
      if ((await ctx.prisma.resident.count({ where: { mobile: phone } })) === 0) return phone;
    }
  }

  /** a valid row of an unknown beneficiary on an unknown phone */
  function base(id: string, phone = '9123456780'): TCells {
    return [scheme, id, 'Kamla Bai', 'Ramesh', 'F', '1975', String(place.districtCode), String(place.blockLgd), 'Kohka', phone];
  }

  function upload(body: Buffer | string, query: Record<string, string> = {}, token = supervisor, type = 'text/csv') {
    return request(ctx.app)
      .post('/api/beneficiary-imports')
      .query({ scheme, fileName: 'list.csv', ...query })
      .set(auth(token))
      .set('content-type', type)
      .send(Buffer.isBuffer(body) ? body : Buffer.from(body));
  }

  async function rowsOf(importId: number) {
    return ctx.prisma.beneficiaryImportRow.findMany({ where: { importId }, orderBy: { line: 'asc' } });
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    const sup = await createUser(ctx.prisma, 'supervisor');
    supervisor = await ctx.tokenFor(sup.username, sup.password);
    const ag = await createUser(ctx.prisma, 'agent');
    agent = await ctx.tokenFor(ag.username, ag.password);

    const bySchemes = await ctx.prisma.enrolment.groupBy({ by: ['schemeCode'], _count: { _all: true }, orderBy: { _count: { schemeCode: 'desc' } } });
    scheme = bySchemes[0]!.schemeCode;
    otherScheme = bySchemes[1]!.schemeCode;
    const enrolments = await ctx.prisma.enrolment.findMany({
      where: { schemeCode: scheme },
      take: 6,
      orderBy: { id: 'asc' },
      include: { resident: true, household: { include: { district: true, block: true } } },
    });
    known = enrolments.map((e) => ({
      beneficiaryId: e.beneficiaryId,
      residentId: e.residentId,
      nameEn: e.resident.nameEn,
      nameHi: e.resident.nameHi,
      gender: e.resident.gender,
      birthYear: e.resident.birthDate.getUTCFullYear(),
      districtCode: e.household.districtCode,
      districtName: e.household.district.name,
      blockLgd: e.household.block.lgdCode,
      blockName: e.household.block.name,
      mobile: e.resident.mobile,
    }));
    expect(known.length).toBe(6);

    const block = await ctx.prisma.block.findFirstOrThrow({ include: { district: true }, orderBy: { id: 'asc' } });
    const foreign = await ctx.prisma.block.findFirstOrThrow({ where: { districtCode: { not: block.districtCode }, lgdCode: { notIn: (await ctx.prisma.block.findMany({ where: { districtCode: block.districtCode }, select: { lgdCode: true } })).map((b) => b.lgdCode) } } });
    place = { districtCode: block.districtCode, districtName: block.district.name, districtHi: block.district.nameHi, blockLgd: block.lgdCode, blockName: block.name, blockHi: block.nameHi, blockId: block.id, foreignBlockLgd: foreign.lgdCode };

    // Two residents of one household share a phone and nearly a name: a row naming them is ambiguous.
    ambiguousPhone = await freshPhone();
    soloPhone = await freshPhone();
    const household = await ctx.prisma.household.create({
      data: { cardNumber: `IMP-${randomInt(1e9)}`, rationCategory: 'priority', address: 'Ward 3', village: 'Kohka', districtCode: block.districtCode, blockId: block.id, lat: 21.2, lon: 81.6 },
    });
    const resident = (nameEn: string, nameHi: string, year: number, mobile: string) =>
      ctx.prisma.resident.create({ data: { householdId: household.id, nameEn, nameHi, gender: 'female', birthDate: new Date(Date.UTC(year, 5, 1)), relation: 'spouse', mobile } });
    await resident('Sunita Sahu', 'सुनीता साहू', 1980, ambiguousPhone);
    await resident('Sunita Sahu', 'सुनीता साहू', 1981, ambiguousPhone);
    soloResidentId = (await resident('Ramesh Kumar Verma', 'रमेश कुमार वर्मा', 1970, soloPhone)).id;
  });

  it('validates 50+ kinds of bad rows, each with its reason, and matches the good ones', async () => {
    const b = (id: string) => base(id, '9123456780');
    const with_ = (id: string, index: number, value: string | Buffer): (string | Buffer)[] => {
      const cells: (string | Buffer)[] = b(id);
      cells[index] = value;
      return cells;
    };
    const [N, F, G, Y, D, BL, V, M] = [2, 3, 4, 5, 6, 7, 8, 9];
    const bad: [string, (string | Buffer)[], string][] = [
      ['latin-1 byte in a name', with_('B01', N, Buffer.from('Ram\xe9', 'latin1')), 'invalid_encoding'],
      ['broken UTF-8 in a village', with_('B02', V, Buffer.from([0x4b, 0xc3, 0x28])), 'invalid_encoding'],
      ['NUL in a name', with_('B03', N, 'Ram\u0000'), 'control_characters'],
      ['bell in a village', with_('B04', V, 'Koh\u0007ka'), 'control_characters'],
      ['another scheme', (() => { const c = b('B05'); c[0] = otherScheme; return c; })(), 'scheme_mismatch'],
      ['no beneficiary id', b(''), 'beneficiary_id_missing'],
      ['blank beneficiary id', b('   '), 'beneficiary_id_missing'],
      ['beneficiary id too long', b('X'.repeat(41)), 'beneficiary_id_too_long'],
      ['space in beneficiary id', b('AB CD'), 'beneficiary_id_invalid'],
      ['hash in beneficiary id', b('#123'), 'beneficiary_id_invalid'],
      ['formula as beneficiary id', b('=HYPERLINK("x")'), 'beneficiary_id_invalid'],
      ['no name', with_('B12', N, ''), 'name_missing'],
      ['name too long', with_('B13', N, 'A'.repeat(101)), 'name_too_long'],
      ['digits in a name', with_('B14', N, 'Ram123'), 'name_invalid'],
      ['two scripts in one name', with_('B15', N, 'Ram राम'), 'name_invalid'],
      ['emoji in a name', with_('B16', N, 'Ram 🙂'), 'name_invalid'],
      ['punctuation for a name', with_('B17', N, '...'), 'name_invalid'],
      ['stray quote in a name', with_('B18', N, Buffer.from('Ram"Kumar')), 'name_invalid'],
      ['father name too long', with_('B19', F, 'B'.repeat(101)), 'father_or_husband_name_too_long'],
      ['father name of symbols', with_('B20', F, '@@'), 'father_or_husband_name_invalid'],
      ['no gender', with_('B21', G, ''), 'gender_missing'],
      ['gender X', with_('B22', G, 'X'), 'gender_invalid'],
      ['gender unknown', with_('B23', G, 'unknown'), 'gender_invalid'],
      ['no birth year', with_('B24', Y, ''), 'birth_year_missing'],
      ['letters in birth year', with_('B25', Y, '19xx'), 'birth_year_invalid'],
      ['a full date for a year', with_('B26', Y, '12/05/1980'), 'birth_year_invalid'],
      ['two-digit year', with_('B27', Y, '80'), 'birth_year_invalid'],
      ['Devanagari digits in year', with_('B28', Y, '१९८०'), 'birth_year_invalid'],
      ['year before 1900', with_('B29', Y, '1850'), 'birth_year_out_of_range'],
      ['year in the future', with_('B30', Y, '2099'), 'birth_year_out_of_range'],
      ['no district', with_('B31', D, ''), 'district_missing'],
      ['unknown district code', with_('B32', D, '999'), 'district_unknown'],
      ['unknown district name', with_('B33', D, 'Gotham'), 'district_unknown'],
      ['unknown Hindi district', with_('B34', D, 'अज्ञात'), 'district_unknown'],
      ['no block', with_('B35', BL, ''), 'block_missing'],
      ['unknown block code', with_('B36', BL, '99999'), 'block_unknown'],
      ['unknown block name', with_('B37', BL, 'Nowhere'), 'block_unknown'],
      ['block of another district', with_('B38', BL, 'FOREIGN'), 'block_not_in_district'],
      ['village too long', with_('B39', V, 'V'.repeat(101)), 'village_too_long'],
      ['no mobile', with_('B40', M, ''), 'mobile_missing'],
      ['letters for a mobile', with_('B41', M, 'abc'), 'mobile_invalid'],
      ['too short a mobile', with_('B42', M, '98765'), 'mobile_invalid'],
      ['too long a mobile', with_('B43', M, '98765432101234'), 'mobile_invalid'],
      ['a landline', with_('B44', M, '022 2345 6789'), 'mobile_invalid'],
      ['a foreign number', with_('B45', M, '+1 202 555 0143'), 'mobile_invalid'],
      ['mobile starting with 5', with_('B46', M, '5876543210'), 'mobile_invalid'],
      ['letter O in a mobile', with_('B47', M, '98765O4321'), 'mobile_invalid'],
      ['mobile over 32 characters', with_('B48', M, '9'.repeat(40)), 'mobile_invalid'],
      ['too few columns', b('B49').slice(0, 6), 'column_count_mismatch'],
      ['too many columns', [...b('B50'), 'extra'], 'column_count_mismatch'],
      ['duplicate beneficiary id', with_('G01', N, 'Other Person'), 'beneficiary_id_duplicate'],
      ['exact duplicate row', b('G01'), 'row_duplicate'],
    ];
    const foreignIndex = bad.findIndex(([label]) => label === 'block of another district');
    bad[foreignIndex]![1][BL] = String(place.foreignBlockLgd);

    const [k0, k1, k2] = known;
    const good: [string, (string | Buffer)[]][] = [
      ['first of the duplicates', b('G01')],
      ['by beneficiary id, phone in local form', [scheme, k0!.beneficiaryId, k0!.nameEn, '', k0!.gender === 'female' ? 'महिला' : 'M', String(k0!.birthYear), k0!.districtName, k0!.blockName, '', '09876543210']],
      ['by beneficiary id, district and block as codes', ['', k1!.beneficiaryId, k1!.nameEn, '', 'O', String(k1!.birthYear), String(k1!.districtCode), String(k1!.blockLgd), '', '+91 98765 43210']],
      ['by beneficiary id in Hindi', [scheme, k2!.beneficiaryId, k2!.nameHi, '', 'f', String(k2!.birthYear), place.districtHi, place.blockHi, '', '98765-43210']],
      ['phone and Latin name', [scheme, 'NEW-1', 'Shri Ramesh Kumar Varma', '', 'M', '1971', place.districtName, place.blockName, 'Kohka', soloPhone.slice(3)]],
      ['phone and Hindi name', [scheme, 'NEW-2', 'रमेश कुमार वर्मा', '', 'पुरुष', '1970', String(place.districtCode), String(place.blockLgd), '', soloPhone]],
      ['phone shared by two look-alikes', [scheme, 'NEW-3', 'Sunita Sahu', '', 'F', '1980', String(place.districtCode), String(place.blockLgd), '', ambiguousPhone]],
      ['unknown person', [scheme, 'NEW-4', 'Nobody Known', '', 'F', '1990', String(place.districtCode), String(place.blockLgd), '', '9123400000']],
      ['known phone, other birth year', [scheme, 'NEW-5', 'Ramesh Kumar Verma', '', 'M', '1990', String(place.districtCode), String(place.blockLgd), '', soloPhone]],
    ];
    // k2's district and block are given in Hindi, so it must live in the place used above.
    good[3]![1][D] = known[2]!.districtCode === place.districtCode ? place.districtHi : String(known[2]!.districtCode);
    good[3]![1][BL] = known[2]!.districtCode === place.districtCode ? place.blockHi : String(known[2]!.blockLgd);

    const rows = [...good.map(([, cells]) => cells), ...bad.map(([, cells]) => cells)];
    // A BOM and CRLF line ends, as spreadsheets save them.
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\r\n`), ...rows.map(line)]);
    const res = await upload(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const imp = res.body;
    expect(new Set(bad.map(([, , reason]) => reason)).size).toBeGreaterThanOrEqual(27);
    expect(bad.length).toBeGreaterThanOrEqual(50);
    expect(imp.status).toBe('completed');
    expect(imp.reused).toBe(false);
    expect(imp.totalRows).toBe(rows.length);

    const stored = await rowsOf(imp.id);
    expect(stored.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
    const byLine = new Map(stored.map((r) => [r.line, r]));
    for (const [i, [label, , reason]] of bad.entries()) {
      const row = byLine.get(good.length + i + 2);
      expect(row?.outcome, label).toBe('rejected');
      expect(row?.reasons, label).toContain(reason);
    }
    expect(imp.counts).toEqual({ accepted: good.length, matched: 5, ambiguous: 1, unmatched: 3, rejected: bad.length });
    const outcomes = good.map((_, i) => {
      const r = byLine.get(i + 2)!;
      return [r.outcome, r.matchMethod, r.residentId, r.reasons];
    });
    expect(outcomes).toEqual([
      ['unmatched', null, null, []],
      ['matched', 'beneficiary_id', k0!.residentId, []],
      ['matched', 'beneficiary_id', k1!.residentId, []],
      ['matched', 'beneficiary_id', k2!.residentId, []],
      ['matched', 'phone_name', soloResidentId, []],
      ['matched', 'phone_name', soloResidentId, []],
      ['ambiguous', 'phone_name', null, []],
      ['unmatched', null, null, []],
      ['unmatched', null, null, []],
    ]);
    expect(byLine.get(3)?.mobile).toBe('+919876543210');
    expect(byLine.get(4)?.mobile).toBe('+919876543210');
    expect(byLine.get(8)?.candidateCount).toBe(2);
    expect(imp.reasonCounts.mobile_invalid).toBe(8);

    // The report: one line per row, reasons joined, formulas defused.
    const report = await request(ctx.app).get(`/api/beneficiary-imports/${imp.id}/report.csv`).set(auth(supervisor)).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toMatch(/^text\/csv/);
    const parsed: string[][] = parseCsv(report.body as string);
    expect(parsed[0]).toEqual(['line', 'beneficiary_id', 'name', 'outcome', 'reasons', 'match_method', 'candidate_count', 'resident_id']);
    expect(parsed.length).toBe(rows.length + 1);
    const formulaLine = parsed.find((r) => r[0] === String(good.length + 2 + bad.findIndex(([l]) => l === 'formula as beneficiary id')));
    expect(formulaLine?.[1]).toBe(`'=HYPERLINK("x")`);
    expect(parsed.find((r) => r[0] === '8')?.slice(3)).toEqual(['ambiguous', '', 'phone_name', '2', '']);

    const one = await request(ctx.app).get(`/api/beneficiary-imports/${imp.id}`).set(auth(supervisor));
    expect(one.body.counts).toEqual(imp.counts);
    const list = await request(ctx.app).get('/api/beneficiary-imports').query({ scheme }).set(auth(supervisor));
    expect(list.body.map((i: { id: number }) => i.id)).toContain(imp.id);
  });

  it('re-importing the same file returns the first import and writes nothing new', async () => {
    const body = Buffer.from(`${HEADER}\n${[base('IDEM-1'), base('IDEM-2', '9123456781')].map((c) => c.join(',')).join('\n')}\n`);
    const first = await upload(body);
    expect(first.status).toBe(201);
    // Counted by name and id: other test files import at the same time.
    const idemRows = () => ctx.prisma.beneficiaryImportRow.count({ where: { beneficiaryId: { in: ['IDEM-1', 'IDEM-2'] } } });
    const rowsBefore = await idemRows();
    const [again, concurrent] = await Promise.all([upload(body, { fileName: 'again.csv' }), upload(body, { fileName: 'again2.csv' })]);
    for (const res of [again, concurrent]) {
      expect(res.status).toBe(201);
      expect(res.body.id).toBe(first.body.id);
      expect(res.body.reused).toBe(true);
    }
    expect(await ctx.prisma.beneficiaryImport.count({ where: { fileName: { in: ['again.csv', 'again2.csv'] } } })).toBe(0);
    expect(await idemRows()).toBe(rowsBefore);
    // Another mapping of the same bytes reads other columns, so it is a new import.
    const remapped = await upload(body, { mapping: JSON.stringify({ village: 'father_or_husband_name', father_or_husband_name: 'village' }) });
    expect(remapped.status).toBe(201);
    expect(remapped.body.id).not.toBe(first.body.id);
  });

  it('leaves nothing partial when the upload breaks after rows were written', async () => {
    const service = createBeneficiaryImportService({ prisma: ctx.prisma, batchSize: 5 });
    const user = { id: 1, username: 'x', role: 'supervisor' as const, departmentCode: null, districtCode: null, officeId: null };
    const lines = Array.from({ length: 40 }, (_, i) => base(`PART-${i}`).join(',') + '\n');
    async function* broken() {
      yield `${HEADER}\n`;
      for (const l of lines) yield l;
      throw new Error('connection reset');
    }
    const partRows = () => ctx.prisma.beneficiaryImportRow.count({ where: { beneficiaryId: { startsWith: 'PART-' } } });
    await expect(service.importFile({ schemeCode: scheme, fileName: 'broken.csv', mapping: {}, body: Readable.from(broken()) }, user)).rejects.toThrow('connection reset');
    const failed = await ctx.prisma.beneficiaryImport.findFirstOrThrow({ where: { fileName: 'broken.csv' }, orderBy: { id: 'desc' } });
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('The import failed; nothing from this file was kept');
    expect(await rowsOf(failed.id)).toEqual([]);
    expect(await partRows()).toBe(0);

    // An unclosed quote at the end of the file: the 40 rows before it are not kept either.
    const res = await upload(`${HEADER}\n${lines.join('')}${scheme},"PART-X,unclosed\n`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Import \d+ refused the file: The file is not valid CSV/);
    const refused = await ctx.prisma.beneficiaryImport.findFirstOrThrow({ where: { fileName: 'list.csv', status: 'failed' }, orderBy: { id: 'desc' } });
    expect(await rowsOf(refused.id)).toEqual([]);
    expect(await partRows()).toBe(0);
  });

  it('refuses files it cannot read, naming the problem, and keeps no rows', async () => {
    const row = base('FILE-1').join(',');
    const cases: [string, Buffer | string, Record<string, string>, RegExp][] = [
      ['a required column missing', `scheme,beneficiary_id,name\n${scheme},X1,Ram\n`, {}, /no column for gender, birth_year, district, block, mobile/],
      ['a header twice', `${HEADER},name\n${row},Ram\n`, {}, /appears twice/],
      ['a mapping to a missing header', `${HEADER}\n${row}\n`, { mapping: '{"mobile":"Contact No"}' }, /"Contact No" \(for mobile\)/],
      ['an empty file', '', {}, /The file is empty/],
      ['only a BOM', Buffer.from([0xef, 0xbb, 0xbf]), {}, /The file is empty/],
      ['a binary file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a, 0x22, 0x00]), {}, /no column for|not valid CSV/],
    ];
    for (const [label, body, query, message] of cases) {
      const res = await upload(body, query);
      expect(res.status, label).toBe(400);
      expect(res.body.error.message, label).toMatch(message);
      const importId = Number(/^Import (\d+) refused the file/.exec(res.body.error.message)?.[1]);
      expect(importId, label).toBeGreaterThan(0);
      expect(await ctx.prisma.beneficiaryImportRow.count({ where: { importId } }), label).toBe(0);
    }
    const badRequests: [string, () => request.Test, RegExp][] = [
      ['JSON instead of CSV', () => upload('{"a":1}', {}, supervisor, 'application/json'), /The body must be CSV/],
      ['an unknown scheme', () => upload(`${HEADER}\n${row}\n`, { scheme: 'NO-SUCH' }), /Unknown scheme/],
      ['a mapping that is not JSON', () => upload(`${HEADER}\n${row}\n`, { mapping: '{oops' }), /invalid fields/],
      ['a mapping of an unknown field', () => upload(`${HEADER}\n${row}\n`, { mapping: '{"aadhaar":"x"}' }), /invalid fields/],
      ['no scheme', () => request(ctx.app).post('/api/beneficiary-imports').set(auth(supervisor)).set('content-type', 'text/csv').send(`${HEADER}\n`), /invalid fields/],
    ];
    for (const [label, send, message] of badRequests) {
      const res = await send();
      expect(res.status, label).toBe(400);
      expect(res.body.error.message, label).toMatch(message);
    }
    expect((await upload(`${HEADER}\n${row}\n`, {}, agent)).status).toBe(403);
  });

  it('documents the upload as a CSV body in the OpenAPI document', async () => {
    const doc = await request(ctx.app).get('/api/openapi.json');
    const op = doc.body.paths['/api/beneficiary-imports'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['text/csv']);
    expect(op.requestParams ?? op.parameters.map((p: { name: string }) => p.name)).toEqual(['scheme', 'fileName', 'mapping']);
  });

  it('reads UTF-16 files with a BOM, and a mapping of its own headers', async () => {
    const text = `Yojana,Ben. No.,Beneficiary Name,Sex,YOB,District,Block,Contact\n${scheme},U16-1,कमला बाई,महिला,1975,${place.districtCode},${place.blockLgd},9123456789\n`;
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const res = await upload(body, { mapping: JSON.stringify({ beneficiary_id: 'Ben. No.', birth_year: 'YOB', mobile: 'Contact' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.columns).toMatchObject({ beneficiary_id: 'Ben. No.', name: 'Beneficiary Name', gender: 'Sex', birth_year: 'YOB', mobile: 'Contact' });
    const [row] = await rowsOf(res.body.id);
    expect(row).toMatchObject({ beneficiaryId: 'U16-1', name: 'कमला बाई', gender: 'female', birthYear: 1975, blockId: place.blockId, mobile: '+919123456789', outcome: 'unmatched', reasons: [] });
  });
});
