import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZCampaignResults, ZFloipPart } from './results.schemas.js';
import type { TCampaignResultService } from './results.service.js';

const MANAGERS = ['supervisor', 'admin'] as const;
const ZId = z.object({ id: z.coerce.number().int().positive() });

/** an attachment's header; the name is ours (ASCII), never the campaign's title */
const attachment = (filename: string) => `attachment; filename="${filename}"`;

export function campaignResultRoutes(results: TCampaignResultService): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{id}/results',
      summary: 'Results: rates per stratum, abandonment today and overall, dial level, talk time, answers per question and stratum, grievances raised',
      tag: 'campaigns',
      access: MANAGERS,
      params: ZId,
      response: { description: "The campaign's results", schema: ZCampaignResults },
      handler: ({ params }) => results.results(params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{id}/results.csv',
      summary: "The answers as CSV: one row per sampled contact, a column per question (the contact's latest answer), no names or phone numbers",
      tag: 'campaigns',
      access: MANAGERS,
      params: ZId,
      produces: 'text/csv',
      handler: async ({ params, res }) => {
        // headers wait for the first chunk, so a campaign that does not exist is still a JSON 404
        let started = false;
        const filename = `campaign-${params.id}-results.csv`;
        await results.csv(params.id, async (chunk) => {
          if (!started) {
            res.status(200).type('text/csv; charset=utf-8').setHeader('content-disposition', attachment(filename));
            started = true;
          }
          if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
        });
        res.end();
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{id}/results/floip',
      summary: 'The answers as a Flow Results (FLOIP) package: one row per answer, with its descriptor and question schema',
      tag: 'campaigns',
      access: MANAGERS,
      params: ZId,
      query: ZFloipPart,
      produces: 'application/json',
      handler: async ({ params, query, res }) => {
        const { filename, body } = await results.floip(params.id, query.part);
        res.status(200).type('application/json; charset=utf-8').setHeader('content-disposition', attachment(filename));
        res.send(body);
      },
    }),
  ];
}
