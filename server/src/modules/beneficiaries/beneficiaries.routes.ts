import { z } from 'zod';
import { Invalid } from '../../errors.js';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZColumnMappingJson, ZImportListQuery, ZImportParams, ZImportSummary, ZStartImportQuery } from './beneficiaries.schemas.js';
import type { TBeneficiaryImportService } from './import.service.js';

export function beneficiaryImportRoutes(imports: TBeneficiaryImportService): TRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/beneficiary-imports',
      summary: "Import a scheme's beneficiary list (CSV body, streamed) and match it to the registry",
      tag: 'beneficiaries',
      access: ['supervisor', 'admin'],
      consumes: 'text/csv',
      query: ZStartImportQuery,
      response: { status: 201, description: 'The import with counts per outcome and per reason', schema: ZImportSummary },
      handler: async ({ query, req, user }) => {
        const type = req.headers['content-type'] ?? '';
        if (!/^(text\/csv|text\/plain|application\/octet-stream)\b/i.test(type)) {
          req.resume();
          throw Invalid('The body must be CSV', [{ field: 'headers.content-type', message: 'must be text/csv' }]);
        }
        let mapping = query.mapping ?? {};
        const header = req.headers['x-column-mapping'];
        if (typeof header === 'string' && query.mapping === undefined) {
          const parsed = ZColumnMappingJson.safeParse(header);
          if (!parsed.success) {
            req.resume();
            throw Invalid('The column mapping is invalid', [{ field: 'headers.x-column-mapping', message: parsed.error.issues[0]?.message ?? 'is invalid' }]);
          }
          mapping = parsed.data;
        }
        return imports.importFile({ schemeCode: query.scheme, fileName: query.fileName, mapping, body: req }, user);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/beneficiary-imports',
      summary: 'Recent imports, newest first, optionally of one scheme',
      tag: 'beneficiaries',
      access: ['supervisor', 'admin'],
      query: ZImportListQuery,
      response: { description: 'Up to 100 imports', schema: z.array(ZImportSummary) },
      handler: ({ query }) => imports.list(query.scheme),
    }),
    defineRoute({
      method: 'get',
      path: '/api/beneficiary-imports/{id}',
      summary: 'One import: status, counts per outcome and per reason',
      tag: 'beneficiaries',
      access: ['supervisor', 'admin'],
      params: ZImportParams,
      response: { description: 'The import', schema: ZImportSummary },
      handler: ({ params }) => imports.byId(params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/beneficiary-imports/{id}/report.csv',
      summary: 'One CSV line per imported row: line, beneficiary id, outcome, reasons, match method, resident id',
      tag: 'beneficiaries',
      access: ['supervisor', 'admin'],
      params: ZImportParams,
      produces: 'text/csv',
      handler: async ({ params, res }) => {
        const lines = imports.reportLines(params.id);
        // The first chunk is read before the headers go out, so an unknown import is still a 404.
        const first = await lines.next();
        res.status(200).type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="import-${params.id}-report.csv"`);
        if (!first.done) res.write(first.value);
        for await (const chunk of lines) {
          if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        }
        res.end();
      },
    }),
  ];
}
