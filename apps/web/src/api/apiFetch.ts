import { ApiError, clientErrorCodes } from './ApiError';
import { getCsrfToken } from './csrf';
import type { Problem } from './types';

export const API_BASE = '/api/v1';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiFetchOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** Extra request headers, e.g. If-Match for optimistic concurrency. */
  headers?: Record<string, string>;
}

/** Typed JSON fetch against /api/v1. Resolves with the parsed body (undefined for 204). */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  // FormData (file uploads) sets its own multipart content type with the boundary.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = getCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(syntheticProblem(0, clientErrorCodes.network, 'Network request failed'));
  }

  if (!response.ok) throw new ApiError(await readProblem(response));
  // 202/204 carry no body; readOptionalJson resolves them to undefined.
  return readOptionalJson<T>(response);
}

function buildUrl(path: string, query: ApiFetchOptions['query']): string {
  const url = `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

async function readOptionalJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(syntheticProblem(response.status, clientErrorCodes.badResponse, 'Invalid JSON response'));
  }
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback = syntheticProblem(response.status, `http.${response.status}`, response.statusText || 'Request failed');
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return fallback;
  try {
    const body: unknown = await response.json();
    if (isProblemLike(body)) return { ...fallback, ...body, status: response.status };
  } catch {
    // A broken error body is reported as the bare HTTP status.
  }
  return fallback;
}

function isProblemLike(body: unknown): body is Partial<Problem> & { code: string } {
  return typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string';
}

function syntheticProblem(status: number, code: string, title: string): Problem {
  return { type: 'about:blank', title, status, code };
}
