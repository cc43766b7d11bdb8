/**
 * Typed domain errors. Each carries a stable code; transports (HTTP, Socket.IO) map codes to
 * their own statuses in one place. `message` is safe to show to a user; `cause` stays internal.
 */
export type TErrorCode = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable';

export interface TFieldProblem {
  /** dotted path of the field, e.g. "query.phone" */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: { fields?: TFieldProblem[] },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const Invalid = (message: string, fields?: TFieldProblem[]) => new AppError('invalid', message, { fields });
export const Unauthenticated = (message = 'Sign in to continue') => new AppError('unauthenticated', message);
export const Forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const NotFound = (what: string) => new AppError('not_found', `${what} not found`);
export const Conflict = (message: string) => new AppError('conflict', message);
export const Unavailable = (message: string) => new AppError('unavailable', message);
