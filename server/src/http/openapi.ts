import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { TRoute } from './route.js';

const ERROR_RESPONSES = {
  '400': 'Invalid input: the body lists each field and its problem',
  '401': 'Not signed in, or the token expired',
  '403': 'Signed in, but this role may not do this',
  '404': 'Not found',
} as const;

/** Builds the OpenAPI 3.1 document from the same zod schemas that validate requests. */
export function buildOpenApiDocument(routes: readonly TRoute[], version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const operation: ZodOpenApiOperationObject = {
      summary: route.summary,
      tags: [route.tag],
      description: route.access === 'public' ? 'No sign-in needed.' : `Roles: ${route.access === 'authenticated' ? 'any signed-in user' : route.access.join(', ')}.`,
      security: route.access === 'public' ? [] : [{ bearer: [] }],
      requestParams: {
        ...(route.schemas.params ? { path: route.schemas.params } : {}),
        ...(route.schemas.query ? { query: route.schemas.query } : {}),
      },
      ...(route.schemas.body ? { requestBody: { content: { 'application/json': { schema: route.schemas.body } } } } : {}),
      ...(route.consumes ? { requestBody: { required: true, content: { [route.consumes]: { schema: { type: 'string' } } } } } : {}),
      responses: {
        [String(route.responseStatus)]: {
          description: route.responseDescription,
          ...(route.schemas.response
            ? { content: { 'application/json': { schema: route.schemas.response } } }
            : route.produces
              ? { content: { [route.produces]: {} } }
              : {}),
        },
        ...Object.fromEntries(
          Object.entries(ERROR_RESPONSES)
            .filter(([status]) => route.access !== 'public' || status === '400' || status === '404')
            .map(([status, description]) => [status, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
        ),
      },
    };
    const pathItem = (paths[route.path] ??= {});
    pathItem[route.method] = operation;
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Samvad API',
      version,
      description: 'Citizen contact centre: household cards, residents, applications, facilities and grievances.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: ['invalid', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'unavailable', 'internal'] },
                message: { type: 'string' },
                fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
                requestId: { type: 'string' },
              },
            },
          },
        },
      },
    },
  });
}
