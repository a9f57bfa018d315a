import { SYSTEM_ROLES, type TicketAssist } from '@switchboard/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Editor } from '@tiptap/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/types';
import { AppProviders } from '../../app/AppProviders';
import { createQueryClient } from '../../app/queryClient';
import { initI18n } from '../../i18n/i18n';
import type { LanguageCode } from '../../i18n/languages';
import { testUser } from '../../test/renderApp';
import { CurrentUserContext } from '../auth/CurrentUserContext';
import { AssistCard, textToHtml } from './AssistCard';
import { registerComposer } from './composerBridge';

const ticketId = '00000000-0000-4000-8000-00000000a001';
const similarId = '00000000-0000-4000-8000-00000000a002';
const articleId = '00000000-0000-4000-8000-00000000a003';
const agent: Me = { ...testUser, role: 'agent', permissions: [...SYSTEM_ROLES.agent] };

const assist: TicketAssist = {
  ticketId,
  locale: 'en',
  articles: [
    {
      articleId,
      title: 'Reset your password',
      snippet: 'Open the sign-in page and choose Forgot password.',
      url: 'https://help.example.com/hc/en/articles/x-reset',
      locale: 'en',
      score: 1,
    },
  ],
  similarTickets: [
    {
      id: similarId,
      number: 42,
      subject: 'Cannot log in',
      status: 'solved',
      solvedAt: '2026-03-04T11:00:00.000Z',
      replyExcerpt: 'I sent you a new reset link.',
      score: 0.4,
    },
  ],
  suggestedReply: {
    source: 'article',
    text: 'Open the sign-in page and choose Forgot password.\n\nReset your password: https://help.example.com/hc/en/articles/x-reset',
    citations: [{ articleId, title: 'Reset your password', url: 'https://help.example.com/hc/en/articles/x-reset' }],
    ticket: null,
  },
};

/** A stand-in for the Tiptap editor recording what the card puts into it. */
function fakeEditor() {
  const calls: Array<{ op: string; html: string }> = [];
  const handlers: Array<() => void> = [];
  const chain = {
    focus: () => chain,
    insertContent: (html: string) => {
      calls.push({ op: 'insert', html });
      return chain;
    },
    setContent: (html: string) => {
      calls.push({ op: 'set', html });
      return chain;
    },
    run: () => true,
  };
  const editor = { isDestroyed: false, chain: () => chain, on: (_e: string, fn: () => void) => handlers.push(fn) };
  return {
    editor: editor as unknown as Editor,
    calls,
    destroy: () => {
      for (const h of handlers) h();
    },
  };
}

async function renderCard(user: Me = agent, language: LanguageCode = 'en') {
  await initI18n(language);
  const requests: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const path = new URL(input, window.location.origin).pathname.replace('/api/v1', '');
      requests.push(path);
      if (path === `/tickets/${ticketId}/assist`) {
        return new Response(JSON.stringify(assist), { status: 200, headers: { 'content-type': 'application/json' } });
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
        <AssistCard ticket={{ id: ticketId, lastSeq: 3 }} />
      </CurrentUserContext.Provider>
    </AppProviders>,
  );
  return { requests };
}

afterEach(() => vi.unstubAllGlobals());

describe('AssistCard', () => {
  it('shows articles, similar solved tickets and the suggested reply, and fills the composer', async () => {
    const composer = fakeEditor();
    registerComposer(ticketId, composer.editor);
    await renderCard();
    const card = await screen.findByRole('region', { name: 'Assist' });
    expect(await within(card).findByText('Reset your password')).toBeTruthy();
    expect(within(card).getByRole('link', { name: '#42 Cannot log in' }).getAttribute('href')).toBe(`/inbox/tickets/${similarId}`);
    expect(within(card).getByText('I sent you a new reset link.')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Open “Reset your password” in a new tab' }).getAttribute('href')).toBe(
      'https://help.example.com/hc/en/articles/x-reset',
    );

    await userEvent.click(within(card).getByRole('button', { name: 'Use this reply' }));
    expect(composer.calls.at(-1)).toEqual({
      op: 'set',
      html: '<p>Open the sign-in page and choose Forgot password.</p><p>Reset your password: <a href="https://help.example.com/hc/en/articles/x-reset">https://help.example.com/hc/en/articles/x-reset</a></p>',
    });
    expect(within(card).getByRole('status').textContent).toContain('The suggested reply is in the reply box');

    await userEvent.click(within(card).getByRole('button', { name: 'Insert a link to “Reset your password” into the reply' }));
    expect(composer.calls.at(-1)).toEqual({
      op: 'insert',
      html: '<a href="https://help.example.com/hc/en/articles/x-reset">Reset your password</a> ',
    });
    composer.destroy();
  });

  it('says so when there is no composer to fill', async () => {
    await renderCard();
    const card = await screen.findByRole('region', { name: 'Assist' });
    await userEvent.click(await within(card).findByRole('button', { name: 'Use this reply' }));
    expect(within(card).getByRole('status').textContent).toContain('Open the reply box first.');
  });

  it('speaks Chinese', async () => {
    await renderCard(agent, 'zh-CN');
    const card = await screen.findByRole('region', { name: '智能辅助' });
    expect(await within(card).findByRole('button', { name: '使用此回复' })).toBeTruthy();
    expect(within(card).getByText('相似的已解决工单')).toBeTruthy();
  });

  it('is not shown to users who cannot read tickets, and asks nothing', async () => {
    const { requests } = await renderCard({ ...testUser, role: 'customer', permissions: ['portal.use'] });
    expect(screen.queryByRole('region', { name: 'Assist' })).toBeNull();
    expect(requests).toEqual([]);
  });

  it('escapes text when turning it into editor HTML', () => {
    expect(textToHtml('a <b>\nc')).toBe('<p>a &lt;b&gt;<br>c</p>');
  });
});
