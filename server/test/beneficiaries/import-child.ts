// A server process in miniature for the interrupted-import test: starts one import whose upload
// never ends, and waits there until the test kills it.
import { PassThrough } from 'node:stream';
import { createPrismaClient } from '@samvad/db';
import { createBeneficiaryImportService } from '../../src/modules/beneficiaries/import.service.js';

const { IMPORT_DATABASE_URL, IMPORT_SCHEME, IMPORT_FILE_NAME, IMPORT_USER_ID, IMPORT_CSV, IMPORT_STALLED_AFTER_MS } = process.env;
if (!IMPORT_DATABASE_URL || !IMPORT_SCHEME || !IMPORT_FILE_NAME || !IMPORT_USER_ID || !IMPORT_CSV) throw new Error('import-child needs IMPORT_* variables');

const prisma = createPrismaClient({ url: IMPORT_DATABASE_URL, poolSize: 2 });
const body = new PassThrough();
body.write(IMPORT_CSV);
const user = { id: Number(IMPORT_USER_ID), username: 'import-child', role: 'supervisor' as const, departmentCode: null, districtCode: null, officeId: null };
createBeneficiaryImportService({ prisma, batchSize: 5, ...(IMPORT_STALLED_AFTER_MS ? { stalledAfterMs: Number(IMPORT_STALLED_AFTER_MS) } : {}) })
  .importFile({ schemeCode: IMPORT_SCHEME, fileName: IMPORT_FILE_NAME, mapping: {}, body }, user)
  .then(
    () => process.stdout.write('import finished\n'),
    (error: unknown) => process.stdout.write(`import failed: ${String(error)}\n`),
  );
