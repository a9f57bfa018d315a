import { SYSTEM_ROLES } from '@switchboard/contracts';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { KbArticle, KbCategory, KbSearchHit } from '../../api/kb.api';
import type { Me } from '../../api/types';
import { AppProviders } from '../../app/AppProviders';
import { createQueryClient } from '../../app/queryClient';
import { initI18n } from '../../i18n/i18n';
import { problem, session, testUser } from '../../test/renderApp';

// Test data and helpers for the knowledge-base screens; only imported by tests.
const at = '2026-03-04T11:00:00.000Z';

export const kbIds = {
  article: '00000000-0000-4000-8000-00000000a001',
  zh: '00000000-0000-4000-8000-00000000a002',
  section: '00000000-0000-4000-8000-00000000c001',
  category: '00000000-0000-4000-8000-00000000c002',
};

export const kbAgent: Me = { ...testUser, role: 'agent', permissions: [...SYSTEM_ROLES.agent] };
export const kbSupervisor: Me = { ...testUser, role: 'supervisor', permissions: [...SYSTEM_ROLES.supervisor] };

export function kbArticle(patch: Partial<KbArticle> = {}): KbArticle {
  return {
    id: kbIds.article,
    groupId: kbIds.article,
    locale: 'en',
    sectionId: null,
    slug: 'reset-your-password',
    title: 'Reset your password',
    description: 'How to get back into your account',
    tags: ['account'],
    visibility: 'public',
    effectiveVisibility: 'public',
    status: 'draft',
    authorId: testUser.id,
    version: 3,
    sourceVersion: null,
    publishedVersion: null,
    publishedAt: null,
    publishAt: null,
    reviewedAt: null,
    hasUnpublishedChanges: true,
    translations: [
      {
        locale: 'en',
        articleId: kbIds.article,
        state: 'source',
        status: 'draft',
        title: 'Reset your password',
        version: 3,
        sourceVersion: null,
      },
      { locale: 'zh-CN', articleId: null, state: 'missing', status: null, title: null, version: null, sourceVersion: null },
    ],
    createdAt: at,
    updatedAt: at,
    bodyHtml: '<p>Open the sign-in page and choose “Forgot password”.</p>',
    bodyText: 'Open the sign-in page and choose “Forgot password”.',
    actions: ['edit', 'submit', 'archive', 'comment'],
    ...patch,
  };
}

/** A category (parentId null) or a section of one. */
export function kbCategory(id: string, parentId: string | null, en: string, patch: Partial<KbCategory> = {}): KbCategory {
  return {
    id,
    parentId,
    slug: en.toLowerCase(),
    names: { en },
    descriptions: {},
    position: 0,
    visibility: 'public',
    articleCount: 0,
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

export function kbHit(patch: Partial<KbSearchHit> = {}): KbSearchHit {
  return {
    id: kbIds.article,
    groupId: kbIds.article,
    locale: 'en',
    title: 'Reset your password',
    titleHtml: 'Reset your <mark>password</mark>',
    snippetHtml: 'Choose “Forgot <mark>password</mark>” &amp; follow the email',
    description: null,
    slug: 'reset-your-password',
    sectionId: null,
    tags: [],
    url: `/hc/en/articles/${kbIds.article}-reset-your-password`,
    fallback: false,
    match: 'text',
    publishedAt: at,
    ...patch,
  };
}

type Reply = { status: number; body?: unknown };
export type Handler = (body: unknown, url: URL) => Reply;

/** The routes every signed-in knowledge-base screen asks for. */
export function kbRoutes(user: Me, extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user }) }),
    'GET /agents': () => ({ status: 200, body: { items: [] } }),
    'GET /views': () => ({ status: 200, body: [] }),
    'GET /kb/categories': () => ({ status: 200, body: { items: [] } }),
    ...extra,
  };
}

/** One component outside the app's routes, against a fake /api/v1 keyed by "METHOD /path". */
export async function renderWithApi(ui: ReactNode, routes: Record<string, Handler>) {
  await initI18n('en');
  const requests: { method: string; path: string; url: URL }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, window.location.origin);
      const method = init?.method ?? 'GET';
      const path = url.pathname.replace('/api/v1', '');
      requests.push({ method, path, url });
      const reply = routes[`${method} ${path}`]?.(undefined, url) ?? problem(404, 'http.not_found');
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  const queryClient = createQueryClient();
  const wrap = (node: ReactNode) => <AppProviders queryClient={queryClient}>{node}</AppProviders>;
  const utils = render(wrap(ui));
  return { ...utils, requests, rerender: (node: ReactNode) => utils.rerender(wrap(node)) };
}
