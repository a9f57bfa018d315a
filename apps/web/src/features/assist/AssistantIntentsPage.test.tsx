import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../app/AppProviders';
import { createQueryClient } from '../../app/queryClient';
import { initI18n } from '../../i18n/i18n';
import type { LanguageCode } from '../../i18n/languages';
import { AssistantIntentsPage } from './AssistantIntentsPage';
import type { Intent } from './intentsApi';

const refund: Intent = {
  id: '00000000-0000-4000-8000-00000000e001',
  name: 'refund_request',
  description: 'Money back',
  examples: { en: ['I want my money back', 'Refund my order'], 'zh-CN': ['我要退款'] },
  enabled: true,
  createdAt: '2026-03-04T11:00:00.000Z',
  updatedAt: '2026-03-04T11:00:00.000Z',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** The page against a fake intents API that records what was sent. */
async function renderPage(opts: { postStatus?: number; language?: LanguageCode } = {}) {
  await initI18n(opts.language ?? 'en');
  const sent: Array<{ method: string; path: string; body: unknown }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const path = new URL(input, window.location.origin).pathname.replace('/api/v1', '');
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      if (method !== 'GET') sent.push({ method, path, body });
      if (method === 'GET' && path === '/assistant/intents') return json(200, { items: [refund], classifierReady: false });
      if (method === 'POST' && path === '/assistant/intents') {
        if (opts.postStatus === 409) {
          return json(409, { code: 'assistant_intent.name_taken', status: 409, title: 'Conflict', detail: 'taken' });
        }
        return json(201, { ...refund, ...body, id: '00000000-0000-4000-8000-00000000e002' });
      }
      if (method === 'PUT' && path === `/assistant/intents/${refund.id}`) return json(200, { ...refund, ...body });
      return json(404, { code: 'http.not_found', status: 404 });
    }),
  );
  render(
    <AppProviders queryClient={createQueryClient()}>
      <AssistantIntentsPage />
    </AppProviders>,
  );
  return { sent };
}

afterEach(() => vi.unstubAllGlobals());

describe('AssistantIntentsPage', { timeout: 30_000 }, () => {
  it('lists intents, warns that the classifier is not ready, and creates one from the form', async () => {
    const { sent } = await renderPage();
    const table = await screen.findByRole('table', { name: 'Intents' });
    expect(within(table).getByText('refund_request')).toBeTruthy();
    expect(within(table).getByText('2 English, 1 Chinese')).toBeTruthy();
    expect(screen.getByText(/needs at least two enabled intents/)).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New intent' }));
    const dialog = await screen.findByRole('dialog', { name: 'New intent' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'order_status');
    await user.type(
      within(dialog).getByRole('textbox', { name: /Example phrases \(English\)/ }),
      'Where is my order{enter}Track my parcel',
    );
    await user.type(within(dialog).getByRole('textbox', { name: /Example phrases \(Chinese\)/ }), '我的订单到哪了');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/assistant/intents',
      body: {
        name: 'order_status',
        description: '',
        examples: { en: ['Where is my order', 'Track my parcel'], 'zh-CN': ['我的订单到哪了'] },
        enabled: true,
      },
    });
  });

  it('shows a taken name on the name field and checks required fields first', async () => {
    const { sent } = await renderPage({ postStatus: 409 });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New intent' }));
    const dialog = await screen.findByRole('dialog', { name: 'New intent' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(sent).toEqual([]);
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'refund_request');
    await user.type(within(dialog).getByRole('textbox', { name: /Example phrases \(English\)/ }), 'money back');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Another intent already has this name.')).toBeTruthy();
  });

  it('turns an intent off with its switch', async () => {
    const { sent } = await renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('switch', { name: 'Intent refund_request enabled' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      method: 'PUT',
      path: `/assistant/intents/${refund.id}`,
      body: { enabled: false, name: 'refund_request' },
    });
  });

  it('speaks Chinese', async () => {
    await renderPage({ language: 'zh-CN' });
    expect(await screen.findByRole('table', { name: '意图' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '新建意图' })).toBeTruthy();
  });
});
