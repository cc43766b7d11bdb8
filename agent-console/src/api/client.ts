import type { z } from 'zod';
import { ZErrorBody, ZTokenPair, type TTokenPair } from './schemas.js';
import { sessionStore } from './session-store.js';

export interface TFieldProblem {
  field: string;
  message: string;
}

/** An error from the API (or from reaching it), with the server's code, message and fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: TFieldProblem[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problem reported for one field, matched on the last part of its path ("body.description" → "description"). */
  fieldMessage(name: string): string | undefined {
    return this.fields.find((f) => f.field === name || f.field.endsWith(`.${name}`))?.message;
  }
}

type TQuery = Record<string, string | number | boolean | undefined>;

export interface TRequest<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: TQuery;
  body?: unknown;
  /** validates the JSON response; the parsed value is returned */
  schema: S;
  /** send the bearer token (and refresh it once on 401); default true */
  auth?: boolean;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: TQuery): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = ZErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, fields, requestId } = parsed.data.error;
    return new ApiError(res.status, code, message, fields ?? [], requestId);
  }
  return new ApiError(res.status, 'http_error', `The server answered ${res.status} ${res.statusText}`.trim());
}

async function send(path: string, init: RequestInit, token: string | null): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  if (token) headers.set('authorization', `Bearer ${token}`);
  try {
    return await fetch(path, { ...init, headers });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server could not be reached. Check the connection and try again.');
  }
}

let refreshing: Promise<TTokenPair | null> | null = null;

/**
 * Exchanges the refresh token for a new pair. Single-flight: every caller that arrives while a
 * refresh is running shares it, because the server spends a refresh token on first use and a
 * second use would sign the user out everywhere.
 */
export function refreshSession(): Promise<TTokenPair | null> {
  if (refreshing) return refreshing;
  const session = sessionStore.get();
  if (!session) return Promise.resolve(null);
  refreshing = (async () => {
    try {
      const res = await send('/api/auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken: session.refreshToken }) }, null);
      if (!res.ok) {
        // Only a definite "no" ends the session; a server error leaves it for the next try.
        if (res.status === 401 || res.status === 400) sessionStore.clear();
        return null;
      }
      const pair = ZTokenPair.parse(await res.json());
      sessionStore.set(pair);
      return pair;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * Gets a fresh access token after `usedToken` was refused: if another request has already
 * refreshed in the meantime, that token is used rather than spending the refresh token again.
 */
export async function renewAccessToken(usedToken: string | null): Promise<string | null> {
  const current = sessionStore.get();
  if (current && current.accessToken !== usedToken) return current.accessToken;
  const pair = await refreshSession();
  return pair?.accessToken ?? null;
}

/** Calls the API: JSON in and out, bearer token attached, one refresh and retry on 401. */
export async function api<S extends z.ZodType>(path: string, request: TRequest<S>): Promise<z.output<S>> {
  const { method = 'GET', query, body, schema, auth = true, signal } = request;
  const url = withQuery(path, query);
  const init: RequestInit = { method, signal, body: body === undefined ? undefined : JSON.stringify(body) };

  let token = auth ? (sessionStore.get()?.accessToken ?? null) : null;
  let res = await send(url, init, token);
  if (res.status === 401 && auth && token) {
    token = await renewAccessToken(token);
    if (token) res = await send(url, init, token);
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && auth) sessionStore.clear();
    throw error;
  }
  const json: unknown = res.status === 204 ? null : await res.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(res.status, 'bad_response', `The server's answer to ${method} ${path} was not in the expected shape`);
  }
  return parsed.data;
}
