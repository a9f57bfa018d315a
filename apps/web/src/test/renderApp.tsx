import { render } from '@testing-library/react';
import { vi } from 'vitest';
import type { Me, Session } from '../api/types';
import { AppProviders } from '../app/AppProviders';
import { AppRoutes } from '../app/AppRoutes';
import { createQueryClient } from '../app/queryClient';
import { SessionGate } from '../app/SessionGate';
import { initI18n } from '../i18n/i18n';
import type { LanguageCode } from '../i18n/languages';
import { setSocketFactory } from '../realtime/socket';
import { FakeSocket } from './fakeSocket';

type Reply = { status: number; body?: unknown };
type Handler = (body: unknown, url: URL) => Reply;

export const testUser: Me = {
  id: 'u1',
  workspaceId: 'w1',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  role: 'agent',
  permissions: [],
  locale: 'en',
  timezone: 'UTC',
  twoFactorEnabled: false,
};

export function session(patch: Partial<Session> = {}): Session {
  return {
    user: null,
    csrfToken: 'csrf-1',
    mfaPending: false,
    workspace: { id: 'w1', name: 'Acme Support', slug: 'acme', defaultLocale: 'en', logoUrl: null },
    signupEnabled: true,
    ...patch,
  };
}

export const problem = (status: number, code: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { type: 'about:blank', title: code, status, code, ...extra },
});

/**
 * Renders the whole app at `path` against a fake /api/v1 keyed by "METHOD /path".
 * Returns the recorded requests so tests can assert what the server would have seen, and a fake
 * realtime socket to push server events through.
 */
export async function renderApp(path: string, routes: Record<string, Handler>, language: LanguageCode = 'en') {
  await initI18n(language);
  window.history.replaceState(null, '', path);
  const requests: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = [];

  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, window.location.origin);
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body instanceof FormData ? init.body : undefined;
      const apiPath = url.pathname.replace('/api/v1', '');
      requests.push({ method, path: apiPath, body, headers: (init?.headers ?? {}) as Record<string, string> });
      const handler = routes[`${method} ${apiPath}`];
      const reply = handler ? handler(body, url) : problem(404, 'http.not_found');
      const isError = reply.status >= 400;
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'content-type': isError ? 'application/problem+json' : 'application/json' },
      });
    }),
  );

  // Screens that go live talk to this instead of a real Socket.IO server.
  const socket = new FakeSocket();
  setSocketFactory(() => socket);

  const queryClient = createQueryClient();
  const utils = render(
    <AppProviders queryClient={queryClient}>
      <SessionGate>
        <AppRoutes />
      </SessionGate>
    </AppProviders>,
  );
  return { ...utils, requests, queryClient, socket };
}
