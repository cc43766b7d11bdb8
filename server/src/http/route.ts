import type { Request, Response } from 'express';
import type { z } from 'zod';
import { Invalid, Unauthenticated, type TFieldProblem } from '../errors.js';
import type { TRole } from '../modules/auth/auth.schemas.js';

/** Who is calling, as read from a verified access token. */
export interface TAuthUser {
  id: number;
  username: string;
  role: TRole;
  /** set for officers: the department, district and office whose work they see */
  departmentCode: string | null;
  districtCode: number | null;
  officeId: number | null;
}

/**
 * Who may call a route. There is no default: every route states it, and a test walks the
 * registry so that a route without a rule in the role matrix fails the suite.
 */
export type TAccess = 'public' | 'authenticated' | readonly TRole[];

type TObjectSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

export interface TRouteInput<P extends TObjectSchema, Q extends TObjectSchema, B extends z.ZodType, A extends TAccess> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** the caller; null only on public routes */
  user: A extends 'public' ? TAuthUser | null : TAuthUser;
  req: Request;
  res: Response;
}

interface TRouteMeta<A extends TAccess = TAccess> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style: /api/households/{id} */
  path: string;
  summary: string;
  tag: string;
  access: A;
  /** for routes that write their own body (metrics, docs): its content type */
  produces?: string;
  /** for routes that read the raw request as a stream (a CSV upload): its content type; no body schema */
  consumes?: string;
}

export interface TRouteSpec<
  P extends TObjectSchema,
  Q extends TObjectSchema,
  B extends z.ZodType,
  R extends z.ZodType,
  A extends TAccess,
> extends TRouteMeta<A> {
  params?: P;
  query?: Q;
  body?: B;
  /** the JSON response; omit for routes that write their own body */
  response?: { status?: number; description: string; schema: R };
  handler: (input: TRouteInput<P, Q, B, A>) => Promise<z.input<R> | void>;
}

/** A route with its schema types erased: what the app, the OpenAPI builder and the tests see. */
export interface TRoute extends TRouteMeta {
  schemas: { params?: TObjectSchema; query?: TObjectSchema; body?: z.ZodType; response?: z.ZodType };
  responseStatus: number;
  responseDescription: string;
  /** parses the request, runs the handler, writes the response */
  run: (req: Request, res: Response, user: TAuthUser | null) => Promise<void>;
}

function problemsOf(where: string, error: z.ZodError): TFieldProblem[] {
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** Parses one part of the request; a missing schema means that part must be empty-ish. */
function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string, problems: TFieldProblem[]) {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    problems.push(...problemsOf(where, result.error));
    return undefined;
  }
  return result.data;
}

/** Keeps the schema types flowing into the handler, and closes over them for the registry. */
export function defineRoute<
  P extends TObjectSchema,
  Q extends TObjectSchema,
  B extends z.ZodType,
  R extends z.ZodType,
  const A extends TAccess,
>(spec: TRouteSpec<P, Q, B, R, A>): TRoute {
  const { params, query, body, response, handler, ...meta } = spec;
  return {
    ...meta,
    schemas: { params, query, body, response: response?.schema },
    responseStatus: response?.status ?? 200,
    responseDescription: response?.description ?? 'OK',
    async run(req, res, user) {
      const problems: TFieldProblem[] = [];
      const parsedParams = parsePart(params, req.params, 'params', problems);
      const parsedQuery = parsePart(query, req.query, 'query', problems);
      const parsedBody = parsePart(body, req.body, 'body', problems);
      if (problems.length > 0) throw Invalid('The request has invalid fields', problems);
      // Every declared part parsed successfully above; undeclared parts are typed as the
      // schema's output of `undefined`, which handlers never read.
      if (meta.access !== 'public' && !user) throw Unauthenticated();
      const result = await handler({
        params: parsedParams as z.output<P>,
        query: parsedQuery as z.output<Q>,
        body: parsedBody as z.output<B>,
        // Checked just above: only public routes run without a user.
        user: user as TRouteInput<P, Q, B, A>['user'],
        req,
        res,
      });
      if (response) res.status(response.status ?? 200).json(result);
    },
  };
}

/** /api/households/{id} → /api/households/:id */
export function toExpressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
