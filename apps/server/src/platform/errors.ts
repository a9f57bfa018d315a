import type { ErrorCode, FieldError, Problem } from '@switchboard/contracts';

/** The one application error. Services throw it; the error handler maps it to problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code: ErrorCode, what: string) => new AppError(code, 404, `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('auth.forbidden', 403, message);
export const unauthenticated = () => new AppError('auth.unauthenticated', 401, 'Sign in to continue');
export const conflict = (code: ErrorCode, message: string) => new AppError(code, 409, message);
export const invalid = (path: string, message: string, code = 'invalid') =>
  new AppError('validation.failed', 400, 'The request is invalid', {
    errors: [{ path, message, code }],
  });

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, code: ErrorCode, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://switchboard.dev/problems/${code.replace(/\./g, '/')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
  };
}
