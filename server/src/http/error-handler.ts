import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, type TErrorCode } from '../errors.js';

/** The one place where error codes become HTTP statuses. */
const STATUS: Record<TErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

function isBodyParserError(error: unknown): error is { type: string; status: number } {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error && typeof error.type === 'string';
}

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const requestId = String(req.id);
  if (error instanceof AppError) {
    if (error.code === 'unavailable') req.log.warn({ err: error }, 'service unavailable');
    res.status(STATUS[error.code]).json({
      error: { code: error.code, message: error.message, ...(error.details?.fields ? { fields: error.details.fields } : {}), requestId },
    });
    return;
  }
  if (isBodyParserError(error) && error.status >= 400 && error.status < 500) {
    const message = error.type === 'entity.too.large' ? 'The request body is too large' : 'The request body is not valid JSON';
    res.status(error.status).json({ error: { code: 'invalid', message, requestId } });
    return;
  }
  // Unknown errors: the stack goes to the log, the caller gets a plain message and an id to quote.
  req.log.error({ err: error }, 'unhandled error');
  res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side', requestId } });
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}`, requestId: String(req.id) } });
};
