import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZSurvey, ZSurveyCreate, ZSurveyList } from './surveys.schemas.js';
import type { TSurveyService } from './surveys.service.js';

const MANAGERS = ['supervisor', 'admin'] as const;

export function surveyRoutes(surveys: TSurveyService): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/surveys',
      summary: 'Survey definitions, every version, newest version of each code first',
      tag: 'surveys',
      access: MANAGERS,
      response: { description: 'The surveys', schema: ZSurveyList },
      handler: () => surveys.list(),
    }),
    defineRoute({
      method: 'get',
      path: '/api/surveys/{id}',
      summary: 'A survey: its agent script, questions (hi/cg/en) and thanks',
      tag: 'surveys',
      access: MANAGERS,
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { description: 'The survey', schema: ZSurvey },
      handler: ({ params }) => surveys.get(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/surveys',
      summary: 'Save a survey; the same code again saves its next version',
      tag: 'surveys',
      access: MANAGERS,
      body: ZSurveyCreate,
      response: { status: 201, description: 'The saved survey', schema: ZSurvey },
      handler: ({ body }) => surveys.create(body),
    }),
  ];
}
