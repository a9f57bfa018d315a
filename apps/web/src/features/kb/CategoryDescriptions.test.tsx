import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, renderApp } from '../../test/renderApp';
import { kbCategory, kbIds, kbRoutes, kbSupervisor } from './kbFixtures';

beforeAll(() => import('./pages'));

const billing = kbCategory(kbIds.category, null, 'Billing', {
  descriptions: { en: 'Invoices, refunds and plans', 'zh-CN': '发票、退款和套餐' },
});
const invoices = kbCategory(kbIds.section, kbIds.category, 'Invoices');

describe('category descriptions', { timeout: 30_000 }, () => {
  it('lists the description in the UI language and edits it per language', async () => {
    const { requests } = await renderApp(
      '/kb/categories',
      kbRoutes(kbSupervisor, {
        'GET /kb/categories': () => ({ status: 200, body: { items: [billing, invoices] } }),
        [`PATCH /kb/categories/${kbIds.category}`]: (body) => ({ status: 200, body: { ...billing, ...(body as object) } }),
      }),
    );
    const user = userEvent.setup();
    const card = await screen.findByRole('region', { name: 'Billing' });
    expect(within(card).getByText('Invoices, refunds and plans')).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Edit Billing' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit category' });
    const en = within(dialog).getByRole('textbox', { name: 'Description (English)' });
    const zh = within(dialog).getByRole('textbox', { name: 'Description (Chinese)' });
    expect((en as HTMLTextAreaElement).value).toBe('Invoices, refunds and plans');
    expect((zh as HTMLTextAreaElement).value).toBe('发票、退款和套餐');
    await user.clear(en);
    await user.type(en, 'Everything about paying');
    // Emptying one language removes its description.
    await user.clear(zh);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      names: { en: 'Billing' },
      descriptions: { en: 'Everything about paying', 'zh-CN': '' },
      visibility: 'public',
    });
  });

  it('sends the description of a new section and shows a refusal', async () => {
    const { requests } = await renderApp(
      '/kb/categories',
      kbRoutes(kbSupervisor, {
        'GET /kb/categories': () => ({ status: 200, body: { items: [billing] } }),
        'POST /kb/categories': () => problem(409, 'kb_category.slug_taken'),
      }),
    );
    const user = userEvent.setup();
    const card = await screen.findByRole('region', { name: 'Billing' });
    await user.click(within(card).getByRole('button', { name: 'Add section' }));
    const dialog = await screen.findByRole('dialog', { name: 'New section' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name (English)' }), 'Refunds');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description (Chinese)' }), '如何申请退款');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Another category or section already uses this URL name.');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      parentId: kbIds.category,
      names: { en: 'Refunds' },
      descriptions: { en: '', 'zh-CN': '如何申请退款' },
      visibility: 'public',
      position: 0,
    });
  });
});
