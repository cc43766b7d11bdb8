import { z } from 'zod';
import { IMPORT_FIELDS, type TColumnMapping } from './column-mapping.js';

const ZMappingObject = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1).max(200));

/** A column mapping as JSON text: {"beneficiary_id": "Ben. No.", "mobile": "Contact"}. */
export const ZColumnMappingJson = z
  .string()
  .max(4000)
  .transform((text, ctx): TColumnMapping => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
    const parsed = ZMappingObject.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `must map fields (${IMPORT_FIELDS.join(', ')}) to header names` });
      return z.NEVER;
    }
    return parsed.data;
  })
  .meta({ description: 'JSON object: our field → the header in the file', example: '{"beneficiary_id":"Ben. No."}' });

const ZSchemeCode = z.string().trim().min(1).max(40).meta({ description: 'Scheme code', example: 'MVY' });

export const ZStartImportQuery = z.object({
  scheme: ZSchemeCode,
  fileName: z.string().trim().min(1).max(200).default('upload.csv'),
  mapping: ZColumnMappingJson.optional(),
});

export const ZImportListQuery = z.object({ scheme: ZSchemeCode.optional() });

export const ZImportParams = z.object({ id: z.coerce.number().int().positive() });

export const ZImportSummary = z.object({
  id: z.number().int(),
  schemeCode: z.string(),
  fileName: z.string(),
  fileSha256: z.string().nullable(),
  status: z.enum(['processing', 'completed', 'failed']),
  totalRows: z.number().int(),
  /** accepted = matched + ambiguous + unmatched: every row that passed validation */
  counts: z.object({ accepted: z.number().int(), matched: z.number().int(), ambiguous: z.number().int(), unmatched: z.number().int(), rejected: z.number().int() }),
  reasonCounts: z.record(z.string(), z.number().int()),
  columns: z.record(z.string(), z.string()).nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
  /** true when the same file was imported before and that import is returned */
  reused: z.boolean(),
});
export type TImportSummary = z.infer<typeof ZImportSummary>;
