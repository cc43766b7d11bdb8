import { z } from 'zod';
import { ApiError, renewAccessToken } from '../../api/client.js';
import { ZErrorBody } from '../../api/schemas.js';
import { sessionStore } from '../../api/session-store.js';

/** Mirrors ZImportSummary in server/src/modules/beneficiaries/beneficiaries.schemas.ts. */
export const ZImportSummary = z.object({
  id: z.number().int(),
  schemeCode: z.string(),
  fileName: z.string(),
  status: z.enum(['processing', 'completed', 'failed']),
  totalRows: z.number().int(),
  counts: z.object({ accepted: z.number().int(), matched: z.number().int(), ambiguous: z.number().int(), unmatched: z.number().int(), rejected: z.number().int() }),
  reasonCounts: z.record(z.string(), z.number().int()),
  error: z.string().nullable(),
  reused: z.boolean(),
});
export type TImportSummary = z.infer<typeof ZImportSummary>;


/**
 * Sends the file itself as the request body (not a form, not JSON): the server streams it into
 * the parser, so a 100,000-row list never sits whole in either process.
 */
export async function uploadList(input: { file: File; scheme: string; mapping: string }): Promise<TImportSummary> {
  const params = new URLSearchParams({ scheme: input.scheme, fileName: input.file.name || 'upload.csv' });
  if (input.mapping.trim() !== '') params.set('mapping', input.mapping.trim());
  const post = (token: string | null) =>
    fetch(`/api/beneficiary-imports?${params.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: input.file,
    });
  let token = sessionStore.get()?.accessToken ?? null;
  let res = await post(token);
  if (res.status === 401 && token) {
    token = await renewAccessToken(token);
    if (token) res = await post(token);
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ZErrorBody.safeParse(json);
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.fields ?? []);
    throw new ApiError(res.status, 'http_error', `The server answered ${res.status}`);
  }
  return ZImportSummary.parse(json);
}

/** The report as a file: fetched with the bearer token (a plain link carries none), handed over as a blob. */
export async function downloadReport(importId: number): Promise<void> {
  const get = (token: string | null) => fetch(`/api/beneficiary-imports/${importId}/report.csv`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  let token = sessionStore.get()?.accessToken ?? null;
  let res = await get(token);
  if (res.status === 401 && token) {
    token = await renewAccessToken(token);
    if (token) res = await get(token);
  }
  if (!res.ok) throw new Error(`The server answered ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `import-${importId}-report.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // after the click has started the download
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
