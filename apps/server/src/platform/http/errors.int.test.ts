import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

/** The problem+json contract every error response honours. */
function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(String(body.type)).toMatch(/^https:\/\//);
  expect(body.requestId).toBeTruthy();
  expect(body.requestId).toBe(res.headers['x-request-id']);
  expectNoInternals(res.body);
  return body;
}

/** No stack frames, source paths or driver internals in anything a client can read. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/\n\s*at /);
  expect(text).not.toMatch(/\bat [\w.<>]+ \(/);
  expect(text).not.toMatch(/\.(ts|js|mjs):\d+/);
  expect(text).not.toMatch(/node_modules|\/work\/|\/src\//);
  expect(text).not.toMatch(/"stack"/);
}

describe('HTTP errors and operations endpoints', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => app.close());

  describe('problem+json', () => {
    it('an unknown route is 404 route.not_found', async () => {
      const res = await app.server.inject({ method: 'GET', url: '/api/v1/no-such-thing?x=1' });
      const body = expectProblem(res, 404, 'route.not_found');
      expect(body.detail).toContain('/api/v1/no-such-thing');
      expect(body.detail).not.toContain('x=1');
    });

    it('a body failing validation is 400 validation.failed naming each bad field', async () => {
      const res = await new Client(app).post('/api/v1/auth/login', { email: 'x' });
      const body = expectProblem(res, 400, 'validation.failed');
      const errors = body.errors as { path: string; message: string; code: string }[];
      expect(errors.map((e) => e.path).sort()).toEqual(['email', 'password']);
      for (const e of errors) {
        expect(e.message).toBeTruthy();
        expect(e.code).toBeTruthy();
      }
      expect(errors.find((e) => e.path === 'email')?.message).toMatch(/email/i);
    });

    it('names nested and query-string fields too', async () => {
      const ws = await createWorkspace(app);
      const { client } = await signedIn(app, ws.id, 'agent');
      const res = await client.post('/api/v1/me/tokens', { name: 'x', scopes: ['ticket.read', 'not.a.permission'] });
      const body = expectProblem(res, 400, 'validation.failed');
      expect((body.errors as { path: string }[]).map((e) => e.path)).toContain('scopes.1');

      const lookup = await new Client(app).get('/api/v1/auth/invitations/lookup?token=short');
      const problem = expectProblem(lookup, 400, 'validation.failed');
      expect((problem.errors as { path: string }[]).map((e) => e.path)).toContain('token');
    });

    it('malformed JSON is a 400 problem without parser internals', async () => {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": "a@b.co", "password": ',
      });
      expectProblem(res, 400, 'validation.failed');
    });

    it('a JSON content type with an empty body is a 400 problem', async () => {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      expectProblem(res, 400, 'validation.failed');
    });

    it('an unsupported content type is 415', async () => {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'text/xml' },
        payload: '<login><email>a@b.co</email></login>',
      });
      expectProblem(res, 415, 'request.unsupported_media_type');
    });

    it('a body over 1 MiB is 413 request.too_large', async () => {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(1024 * 1024 + 10) }),
      });
      expectProblem(res, 413, 'request.too_large');
    });

    it('authentication and permission errors are problems too', async () => {
      expectProblem(await new Client(app).get('/api/v1/me'), 401, 'auth.unauthenticated');
      const bad = await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer sbp_nope_nope' } });
      expectProblem(bad, 401, 'auth.unauthenticated');

      const ws = await createWorkspace(app);
      const { client } = await signedIn(app, ws.id, 'agent');
      const noCsrf = await client.patch('/api/v1/me', { name: 'New' }, { 'x-csrf-token': 'wrong' });
      expectProblem(noCsrf, 403, 'auth.csrf_invalid');
    });

    it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
      const given = await app.server.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'x-request-id': 'trace-123.abc' } });
      expect(given.headers['x-request-id']).toBe('trace-123.abc');
      expect(given.json().requestId).toBe('trace-123.abc');

      const injected = await app.server.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'x-request-id': 'bad id\u0007<script>' } });
      const id = String(injected.headers['x-request-id']);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(injected.json().requestId).toBe(id);
    });

    it('successful responses carry a request id and API responses are not cached', async () => {
      const res = await new Client(app).get('/api/v1/auth/session');
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-request-id']).toBeTruthy();
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('operations', () => {
    it('/healthz is 200', async () => {
      const res = await app.server.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    });

    it('/readyz is 200 with its checks once the database is migrated', async () => {
      const res = await app.server.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
    });

    it('/metrics exposes request, event-loop, pool and queue metrics with bounded route labels', async () => {
      await app.server.inject({ method: 'GET', url: '/healthz' });
      await app.server.inject({ method: 'GET', url: '/api/v1/unknown-path-7f3a9' });
      const res = await app.server.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const text = res.body;
      for (const name of [
        'http_requests_total',
        'http_request_duration_seconds',
        'nodejs_eventloop_lag',
        'db_pool_connections',
        'job_queue_depth',
      ]) {
        expect(text).toMatch(new RegExp(`^${name}\\S*({[^}]*})? [0-9.e+-]+$`, 'm'));
      }
      expect(text).toMatch(/^http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/m);
      expect(text).toMatch(/^job_queue_depth\{queue="identity\.mail"\} \d+/m);
      expect(text).toMatch(/^db_pool_connections\{state="total"\} \d+/m);
      // Unknown URLs do not each become a label value.
      expect(text).not.toContain('unknown-path-7f3a9');
    });

    it('/api/openapi.json is an OpenAPI 3 document with the auth paths and the Problem schema', async () => {
      const res = await app.server.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json() as {
        openapi: string;
        info: { title: string; version: string };
        paths: Record<string, Record<string, unknown>>;
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info.title).toBeTruthy();
      expect(doc.info.version).toBeTruthy();
      for (const p of [
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/auth/logout-all',
        '/api/v1/auth/session',
        '/api/v1/auth/password/forgot',
        '/api/v1/auth/password/reset',
      ]) {
        expect(Object.keys(doc.paths), p).toContain(p);
      }
      expect(doc.paths['/api/v1/auth/login']).toHaveProperty('post');
      expect(doc.paths['/api/v1/auth/session']).toHaveProperty('get');
      const problem = doc.components.schemas.Problem;
      expect(problem).toBeDefined();
      expect(Object.keys(problem?.properties ?? {})).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code', 'detail']));
      // The document does not advertise hidden routes.
      expect(Object.keys(doc.paths)).not.toContain('/api/openapi.json');
      expect(Object.keys(doc.paths)).not.toContain('/metrics');
    });

    it('/api/docs serves the interactive documentation as HTML', async () => {
      let res = await app.server.inject({ method: 'GET', url: '/api/docs' });
      for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
        const location = String(res.headers.location);
        res = await app.server.inject({ method: 'GET', url: new URL(location, 'http://localhost/api/docs').pathname });
      }
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toMatch(/swagger/i);
    });
  });
});
