import { SYSTEM_ROLES } from '@switchboard/contracts';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/types';
import { AppProviders } from '../../app/AppProviders';
import { createQueryClient } from '../../app/queryClient';
import { initI18n } from '../../i18n/i18n';
import type { LanguageCode } from '../../i18n/languages';
import { testUser } from '../../test/renderApp';
import { CurrentUserContext } from '../auth/CurrentUserContext';
import { AssistantInsightsPage } from './AssistantInsightsPage';
import type { AnswerVotes, BotReport, UnansweredClusters } from './insightsApi';

const admin: Me = { ...testUser, role: 'admin', permissions: [...SYSTEM_ROLES.admin] };
const clusterKey = '00000000-0000-4000-8000-00000000c001';
const articleId = '00000000-0000-4000-8000-00000000a001';
const range = { from: '2026-10-22T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' };

const report: BotReport = {
  ...range,
  conversations: 10,
  resolvedByBot: 3,
  handedOff: 1,
  unanswered: 6,
  unansweredQuestions: 6,
  handoffReasons: [
    { reason: 'VIP customers', count: 2 },
    { reason: 'failed_turns', count: 1 },
  ],
  votes: { helpful: 2, notHelpful: 1 },
  topIntents: [{ kind: 'article', name: 'Reset your password', count: 2 }],
  days: [{ day: '2026-11-21', conversations: 10, resolved: 3, handedOff: 1, unanswered: 6 }],
};

const clusters: UnansweredClusters = {
  ...range,
  totalQuestions: 3,
  items: [
    {
      key: clusterKey,
      locale: 'en',
      count: 2,
      representative: 'Can I pay with bitcoin?',
      samples: [
        { id: clusterKey, text: 'Can I pay with bitcoin?', outcome: 'rephrase', ticketId: null, createdAt: range.to },
        {
          id: '00000000-0000-4000-8000-00000000c002',
          text: 'do you accept bitcoin payments',
          outcome: 'rephrase',
          ticketId: null,
          createdAt: range.to,
        },
      ],
      questionIds: [clusterKey, '00000000-0000-4000-8000-00000000c002'],
      firstSeen: range.to,
      lastSeen: range.to,
      article: null,
      dismissed: false,
    },
  ],
};

const votes: AnswerVotes = {
  ...range,
  items: [
    {
      kind: 'qa',
      id: '00000000-0000-4000-8000-00000000b001',
      title: 'When are you open?',
      locale: 'en',
      answers: 2,
      helpful: 1,
      notHelpful: 1,
      helpfulRatio: 0.5,
    },
  ],
};

type Reply = { status: number; body?: unknown };

function ArticleMarker() {
  const { articleId: id } = useParams();
  return <p>Editing article {id}</p>;
}

async function renderPage(user: Me, routes: Record<string, (body: unknown) => Reply>, language: LanguageCode = 'en') {
  await initI18n(language);
  window.history.replaceState(null, '', '/admin/assistant-insights');
  const requests: Array<{ method: string; path: string; search: string; body: unknown }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, window.location.origin);
      const method = init?.method ?? 'GET';
      const path = url.pathname.replace('/api/v1', '');
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      requests.push({ method, path, search: url.search, body });
      const reply = routes[`${method} ${path}`]?.(body) ?? { status: 404, body: { code: 'http.not_found', status: 404 } };
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'content-type': reply.status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    }),
  );
  render(
    <AppProviders queryClient={createQueryClient()}>
      <CurrentUserContext.Provider value={user}>
        <Routes>
          <Route path="/admin/assistant-insights" element={<AssistantInsightsPage />} />
          <Route path="/kb/articles/:articleId" element={<ArticleMarker />} />
        </Routes>
      </CurrentUserContext.Provider>
    </AppProviders>,
  );
  return { requests };
}

const baseRoutes = {
  'GET /assistant/insights/report': () => ({ status: 200, body: report }),
  'GET /assistant/insights/votes': () => ({ status: 200, body: votes }),
  'GET /assistant/insights/unanswered': () => ({ status: 200, body: clusters }),
};

afterEach(() => vi.unstubAllGlobals());

describe('AssistantInsightsPage', { timeout: 30_000 }, () => {
  it('shows the report, the handoff reasons, the votes and the unanswered clusters', async () => {
    await renderPage(admin, baseRoutes);
    expect(await screen.findByRole('heading', { name: 'Assistant insights' })).toBeTruthy();
    // 3 of 10 chats resolved, 2 of 3 votes helpful.
    expect(await screen.findByText('30%')).toBeTruthy();
    expect(screen.getByText('2 of 3 votes')).toBeTruthy();
    const reasons = screen.getByRole('table', { name: 'Why chats were handed off' });
    expect(within(reasons).getByText('VIP customers')).toBeTruthy();
    expect(within(reasons).getByText('Turns without an answer')).toBeTruthy();
    const perDay = screen.getByRole('table', { name: 'Per day' });
    expect(within(perDay).getByRole('row', { name: /2026-11-21/ }).textContent).toContain('10');
    const cluster = await screen.findByRole('listitem', { name: 'Can I pay with bitcoin?' });
    expect(within(cluster).getByText('asked 2 times')).toBeTruthy();
    expect(within(cluster).getByText('do you accept bitcoin payments')).toBeTruthy();
    const voteTable = await screen.findByRole('table', { name: 'Did the answers help?' });
    expect(within(voteTable).getByRole('row', { name: /When are you open\?/ }).textContent).toContain('Q&A pair');
  });

  it('creates a draft from a cluster with the same filters and opens it in the KB editor', async () => {
    const { requests } = await renderPage(admin, {
      ...baseRoutes,
      [`POST /assistant/insights/unanswered/${clusterKey}/article`]: () => ({ status: 201, body: { id: articleId } }),
    });
    const cluster = await screen.findByRole('listitem', { name: 'Can I pay with bitcoin?' });
    await userEvent.click(within(cluster).getByRole('button', { name: 'Create article' }));
    expect(await screen.findByText(`Editing article ${articleId}`)).toBeTruthy();
    const list = requests.find((r) => r.path === '/assistant/insights/unanswered');
    const post = requests.find((r) => r.method === 'POST');
    const params = new URLSearchParams(list?.search);
    expect(post?.body).toEqual({ from: params.get('from'), to: params.get('to'), locale: 'en' });
  });

  it('says when a draft already exists, and dismisses a cluster', async () => {
    const { requests } = await renderPage(admin, {
      ...baseRoutes,
      [`POST /assistant/insights/unanswered/${clusterKey}/article`]: () => ({
        status: 409,
        body: { code: 'assistant_insights.article_exists', status: 409, title: 'Conflict' },
      }),
      [`POST /assistant/insights/unanswered/${clusterKey}/dismiss`]: () => ({ status: 204 }),
    });
    const cluster = await screen.findByRole('listitem', { name: 'Can I pay with bitcoin?' });
    await userEvent.click(within(cluster).getByRole('button', { name: 'Create article' }));
    expect((await within(cluster).findByRole('alert')).textContent).toBe('An article was already created from these questions.');
    await userEvent.click(within(cluster).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/dismiss'))).toBe(true));
  });

  it('is in Chinese for Chinese users', async () => {
    await renderPage(admin, baseRoutes, 'zh-CN');
    expect(await screen.findByRole('heading', { name: '智能助手洞察' })).toBeTruthy();
    const cluster = await screen.findByRole('listitem', { name: 'Can I pay with bitcoin?' });
    expect(within(cluster).getByRole('button', { name: '创建文章' })).toBeTruthy();
  });

  it('refuses staff without report access and hides actions from readers without kb.write', async () => {
    const agent: Me = { ...testUser, role: 'agent', permissions: [...SYSTEM_ROLES.agent] };
    const { requests } = await renderPage(agent, baseRoutes);
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeTruthy();
    expect(requests).toEqual([]);
  });

  it('shows the clusters without write actions to report readers who cannot write articles', async () => {
    const reader: Me = { ...testUser, role: 'analyst', permissions: ['report.read'] };
    await renderPage(reader, baseRoutes);
    const cluster = await screen.findByRole('listitem', { name: 'Can I pay with bitcoin?' });
    expect(within(cluster).queryByRole('button', { name: 'Create article' })).toBeNull();
    expect(within(cluster).queryByRole('button', { name: 'Dismiss' })).toBeNull();
  });
});
