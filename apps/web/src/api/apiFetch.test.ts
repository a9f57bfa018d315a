import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './ApiError';
import { apiFetch } from './apiFetch';
import { setCsrfToken } from './csrf';

function stubFetch(response: Response) {
  const fetchMock = vi.fn<typeof fetch>(async () => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function headersOf(fetchMock: ReturnType<typeof stubFetch>): Record<string, string> {
  return (fetchMock.mock.calls[0]?.[1]?.headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  setCsrfToken(null);
  // biome-ignore lint/suspicious/noDocumentCookie: the cookie is what apiFetch reads
  document.cookie = 'sb_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('apiFetch', () => {
  it('sends JSON with same-origin credentials and parses the body', async () => {
    const fetchMock = stubFetch(Response.json({ status: 'ok' }));
    await expect(apiFetch('/auth/login', { method: 'POST', body: { email: 'a@b.co' } })).resolves.toEqual({
      status: 'ok',
    });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/auth/login');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"email":"a@b.co"}');
    expect(headersOf(fetchMock)['content-type']).toBe('application/json');
  });

  it('adds the CSRF token to non-GET requests only', async () => {
    setCsrfToken('from-session');
    const post = stubFetch(new Response(null, { status: 204 }));
    await apiFetch('/auth/logout', { method: 'POST' });
    expect(headersOf(post)['x-csrf-token']).toBe('from-session');

    const get = stubFetch(Response.json({}));
    await apiFetch('/me');
    expect(headersOf(get)['x-csrf-token']).toBeUndefined();
  });

  it('prefers the sb_csrf cookie, which the server rewrites on rotation', async () => {
    setCsrfToken('stale');
    // biome-ignore lint/suspicious/noDocumentCookie: the cookie is what apiFetch reads
    document.cookie = 'sb_csrf=fresh%20token; path=/';
    const fetchMock = stubFetch(new Response(null, { status: 204 }));
    await apiFetch('/auth/logout', { method: 'POST' });
    expect(headersOf(fetchMock)['x-csrf-token']).toBe('fresh token');
  });

  it('resolves 204 responses to undefined', async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(apiFetch('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('throws an ApiError carrying the problem+json body', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Validation failed',
      status: 400,
      code: 'validation.failed',
      errors: [{ path: 'body.email', message: 'Invalid email', code: 'invalid_format' }],
    };
    stubFetch(
      new Response(JSON.stringify(problem), {
        status: 400,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    const error = await apiFetch('/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual(problem);
    expect((error as ApiError).fieldErrors()).toEqual({ email: 'invalid_format' });
  });

  it('turns non-JSON failures and network errors into ApiErrors with stable codes', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    await expect(apiFetch('/me')).rejects.toMatchObject({ code: 'http.502', status: 502 });

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(apiFetch('/me')).rejects.toMatchObject({ code: 'network.failed', status: 0 });
  });

  it('encodes query parameters', async () => {
    const fetchMock = stubFetch(Response.json({}));
    await apiFetch('/auth/invitations/lookup', { query: { token: 'a b&c' } });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/auth/invitations/lookup?token=a+b%26c');
  });
});
