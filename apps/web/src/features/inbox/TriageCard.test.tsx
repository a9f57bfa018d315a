import { SYSTEM_ROLES } from '@switchboard/contracts';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/types';
import { AppProviders } from '../../app/AppProviders';
import { createQueryClient } from '../../app/queryClient';
import { initI18n } from '../../i18n/i18n';
import type { LanguageCode } from '../../i18n/languages';
import { testUser } from '../../test/renderApp';
import { CurrentUserContext } from '../auth/CurrentUserContext';
import { TriageCard } from './TriageCard';

const ticketId = '00000000-0000-4000-8000-00000000d001';
const categoryId = '00000000-0000-4000-8000-00000000d002';
const agent: Me = { ...testUser, role: 'agent', permissions: [...SYSTEM_ROLES.agent] };

function suggestion(patch: Record<string, unknown>) {
  return {
    field: 'category',
    value: categoryId,
    label: 'Billing',
    confidence: 0.72,
    state: 'suggested',
    correctedValue: null,
    modelVersion: 2,
    createdAt: '2026-03-04T11:00:00.000Z',
    ...patch,
  };
}

/** The card against a fake triage API that records what the agent sent. */
async function renderCard(suggestions: unknown[], user: Me = agent, language: LanguageCode = 'en') {
  await initI18n(language);
  let current = suggestions;
  const sent: Array<{ path: string; body: unknown }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const path = new URL(input, window.location.origin).pathname.replace('/api/v1', '');
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      if (init?.method === 'POST') {
        sent.push({ path, body });
        const state = path.endsWith('/accept') ? 'accepted' : 'dismissed';
        current = current.map((s) => ((s as { field: string }).field === body.field ? { ...(s as object), state } : s));
      }
      if (path.startsWith(`/tickets/${ticketId}/triage`)) {
        return new Response(JSON.stringify({ ticketId, suggestions: current }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }
      return new Response(JSON.stringify({ code: 'http.not_found', status: 404 }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      });
    }),
  );
  render(
    <AppProviders queryClient={createQueryClient()}>
      <CurrentUserContext.Provider value={user}>
        <TriageCard ticketId={ticketId} />
      </CurrentUserContext.Provider>
    </AppProviders>,
  );
  return { sent };
}

afterEach(() => vi.unstubAllGlobals());

describe('triage suggestions card', { timeout: 30_000 }, () => {
  it('applies a suggestion with one click and lists what the bot already set', async () => {
    const { sent } = await renderCard([
      suggestion({}),
      suggestion({ field: 'priority', value: 'urgent', label: null, confidence: 0.95, state: 'applied' }),
    ]);
    const card = await screen.findByRole('region', { name: 'Suggestions' });
    expect(card.textContent).toContain('Billing');
    expect(card.textContent).toContain('72% confident');
    expect(within(card).getByText('Set by triage')).toBeTruthy();
    expect(card.textContent).toContain('Urgent');
    await userEvent.setup().click(within(card).getByRole('button', { name: 'Apply suggested Category: Billing' }));
    expect(sent).toEqual([{ path: `/tickets/${ticketId}/triage/accept`, body: { field: 'category' } }]);
    await waitFor(() => expect(within(card).queryByRole('button', { name: /Apply suggested Category/ })).toBeNull());
  });

  it('dismisses a suggestion and hides the card when nothing is left', async () => {
    const { sent } = await renderCard([suggestion({})]);
    const card = await screen.findByRole('region', { name: 'Suggestions' });
    await userEvent.setup().click(within(card).getByRole('button', { name: 'Dismiss suggested Category' }));
    expect(sent).toEqual([{ path: `/tickets/${ticketId}/triage/dismiss`, body: { field: 'category' } }]);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Suggestions' })).toBeNull());
  });

  it('speaks Chinese and offers no buttons to staff who cannot change tickets', async () => {
    const readOnly: Me = { ...agent, permissions: agent.permissions.filter((p) => p !== 'ticket.update') };
    await renderCard([suggestion({})], readOnly, 'zh-CN');
    const card = await screen.findByRole('region', { name: '建议' });
    expect(card.textContent).toContain('类别');
    expect(within(card).queryAllByRole('button')).toHaveLength(0);
  });

  it('shows nothing when triage has no suggestion', async () => {
    await renderCard([]);
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Suggestions' })).toBeNull();
  });
});
