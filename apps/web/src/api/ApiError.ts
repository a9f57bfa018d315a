import type { Problem } from './types';

/** Thrown by apiFetch for every non-2xx response; carries the problem+json body. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  /** Field errors keyed by the last segment of their path (`body.email` -> `email`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const field = fieldName(error.path);
      if (!(field in out)) out[field] = error.code;
    }
    return out;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

export function fieldName(path: string): string {
  const segments = path.split(/[./]/).filter((segment) => segment.length > 0);
  return segments.at(-1) ?? path;
}

/** Codes for failures that never reached the server or returned no problem body. */
export const clientErrorCodes = {
  network: 'network.failed',
  badResponse: 'http.bad_response',
} as const;
