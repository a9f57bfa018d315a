import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../app/AppProviders';
import { createQueryClient } from '../../app/queryClient';
import { initI18n } from '../../i18n/i18n';
import { message, ticket } from '../../test/ticketFixtures';
import { TranslateMessage } from './TranslateMessage';

type Answer = { status: number; body: unknown };

async function renderWith(answer: Answer, language: 'en' | 'zh-CN' = 'en', msg = message(3, { bodyText: '我的退款还没到账' })) {
  await initI18n(language);
  const sent: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_input: string, init?: RequestInit) => {
      sent.push(typeof init?.body === 'string' ? JSON.parse(init.body) : undefined);
      const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': type } });
    }),
  );
  render(
    <AppProviders queryClient={createQueryClient()}>
      <TranslateMessage ticket={ticket()} message={msg} />
    </AppProviders>,
  );
  return { sent };
}

afterEach(() => vi.unstubAllGlobals());

describe('translate a customer message', { timeout: 30_000 }, () => {
  it('shows the translation into the agent’s language under the original', async () => {
    const m = message(3, { bodyText: '我的退款还没到账' });
    const { sent } = await renderWith(
      { status: 200, body: { messageId: m.id, targetLocale: 'en', text: 'My refund has not arrived yet', model: 'qwen2.5' } },
      'en',
      m,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Translate' }));
    const box = await screen.findByLabelText('Translation into en');
    expect(box.textContent).toContain('My refund has not arrived yet');
    expect(box.textContent).toContain('qwen2.5');
    expect(sent).toEqual([{ messageId: m.id, targetLocale: 'en' }]);
  });

  it('says a model provider is needed when there is none', async () => {
    await renderWith({ status: 409, body: { code: 'assistant.provider_unavailable', status: 409, title: 'x' } }, 'zh-CN');
    await userEvent.click(screen.getByRole('button', { name: '翻译' }));
    expect((await screen.findByRole('alert')).textContent).toBe('此工作区尚未配置模型服务。');
  });

  it('offers nothing on the agent’s own replies or notes', async () => {
    await renderWith({ status: 200, body: {} }, 'en', message(4, { authorKind: 'agent' }));
    expect(screen.queryByRole('button', { name: 'Translate' })).toBeNull();
  });
});
