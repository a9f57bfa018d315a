import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ADMIN } from '../playwright.config.js';

/**
 * The admin console in the browser: an admin sets up a team, a routing rule, a business-hours
 * calendar with an SLA policy and a custom field, then sees all of them act on a new ticket in
 * the agent workspace. An agent is refused at /admin.
 */

const shots = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'artifacts', 'screenshots');

const run = Date.now().toString(36);
const TEAM = `Billing ${run}`;
const TAG = `billing-${run}`;
const RULE = `Billing tickets ${run}`;
const CALENDAR = `Berlin office ${run}`;
const POLICY = `Urgent billing ${run}`;
const FIELD = `Invoice number ${run}`;
const SUBJECT = `Invoice charged twice ${run}`;
const AGENT = { email: 'agent1@acme.example.com', password: ADMIN.password };

async function shot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = serious.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join('; ')} (${v.nodes.length} elements)`,
  );
  expect(lines, `axe on ${page.url()}`).toEqual([]);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/inbox/);
}

/** Same-origin API call with the page's session (cookie + x-csrf-token), for setup and cleanup. */
async function api(request: APIRequestContext, method: 'post' | 'patch' | 'delete' | 'get', url: string, data?: unknown) {
  const session = await request.get('/api/v1/auth/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string | null };
  const response = await request[method](url, { headers: { 'x-csrf-token': csrfToken ?? '' }, data });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return response.status() === 204 ? null : response.json();
}

async function openSection(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Admin console sections' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('an admin configures routing, SLA and a custom field, and a new ticket follows them', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await signIn(page, ADMIN.email, ADMIN.password);

  await test.step('the user menu leads admins to the console', async () => {
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Admin console' }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole('table', { name: 'Users' }).getByText('Ada Admin')).toBeVisible();
    await shot(page, 'admin-users');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('a team', async () => {
    await openSection(page, 'Teams & skills');
    await page.getByRole('button', { name: 'New team' }).click();
    const dialog = page.getByRole('dialog', { name: 'New team' });
    await dialog.getByLabel(/^Name/).fill(TEAM);
    await dialog.getByLabel('Ticket distribution').selectOption('manual');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('table', { name: 'Teams & skills' }).getByText(TEAM)).toBeVisible();
    await shot(page, 'admin-teams');
  });

  await test.step('a routing rule that sends tagged tickets to the team', async () => {
    await openSection(page, 'Routing rules');
    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New routing rule' });
    await dialog.getByLabel(/^Name/).fill(RULE);
    await dialog.getByRole('button', { name: 'Add condition' }).click();
    const condition = dialog.getByRole('group', { name: 'Condition 1' });
    await condition.getByLabel('Field', { exact: true }).selectOption('tags');
    await condition.getByLabel('Values').fill(TAG);
    await condition.getByLabel('Values').press('Enter');
    await dialog.getByLabel('Send to team').selectOption({ label: TEAM });
    await shot(page, 'admin-routing-rule-form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('table', { name: 'Routing rules' }).getByText(RULE)).toBeVisible();
  });

  await test.step('a business-hours calendar and an SLA policy for urgent tickets', async () => {
    await openSection(page, 'SLA & business hours');
    await page.getByRole('button', { name: 'New calendar' }).click();
    const calendar = page.getByRole('dialog', { name: 'New business-hours calendar' });
    await calendar.getByLabel(/^Name/).fill(CALENDAR);
    await calendar.getByLabel(/^Time zone/).fill('Europe/Berl');
    await page.getByRole('option', { name: 'Europe/Berlin' }).click();
    await calendar.getByRole('button', { name: 'Add opening hours on Saturday' }).click();
    await calendar.getByRole('textbox', { name: 'Saturday closes at' }).fill('13:00');
    await calendar.getByLabel('Holiday', { exact: true }).fill('2030-12-25');
    await calendar.getByRole('button', { name: 'Add holiday' }).click();
    await expect(calendar.getByRole('listitem').filter({ hasText: '2030-12-25' })).toBeVisible();
    await shot(page, 'admin-calendar-form');
    await calendar.getByRole('button', { name: 'Save' }).click();
    await expect(calendar).toBeHidden();
    await expect(page.getByRole('table', { name: 'Business hours' }).getByText(CALENDAR)).toBeVisible();

    await page.getByRole('button', { name: 'New SLA policy' }).click();
    const policy = page.getByRole('dialog', { name: 'New SLA policy' });
    await policy.getByLabel(/^Name/).fill(POLICY);
    await policy.getByLabel('Priority', { exact: true }).click();
    await page.getByRole('option', { name: 'Urgent' }).click();
    await policy.getByLabel(/^Business hours/).selectOption({ label: CALENDAR });
    await policy.getByRole('textbox', { name: 'First response' }).fill('2');
    await policy.getByRole('textbox', { name: 'Resolution' }).fill('16');
    await policy.getByRole('button', { name: 'Save' }).click();
    await expect(policy).toBeHidden();
    const row = page.getByRole('table', { name: 'SLA policies' }).getByRole('row').filter({ hasText: POLICY });
    await expect(row).toContainText('First response: 2 hours');
    await expect(row).toContainText(CALENDAR);
    await shot(page, 'admin-sla');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('a custom field agents fill in', async () => {
    await openSection(page, 'Custom fields');
    await page.getByRole('button', { name: 'New field' }).click();
    const dialog = page.getByRole('dialog', { name: 'New custom field' });
    await dialog.getByLabel(/^Label \(English\)/).fill(FIELD);
    await dialog.getByLabel(/^Label \(Chinese\)/).fill(`发票号码 ${run}`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('table', { name: 'Custom fields' }).getByText(FIELD)).toBeVisible();
    await shot(page, 'admin-custom-fields');
  });

  await test.step('a new urgent, tagged ticket lands in the team with the SLA clock and the field', async () => {
    const ticket = (await api(page.request, 'post', '/api/v1/tickets', {
      subject: SUBJECT,
      bodyText: 'My card was charged twice for the March invoice.',
      requester: { email: `payer.${run}@example.com`, name: 'Pat Payer' },
      channel: 'email',
      priority: 'urgent',
      tags: [TAG],
    })) as { id: string };
    await page.goto(`/inbox/tickets/${ticket.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(SUBJECT);
    await expect(page.getByLabel('Team', { exact: true }).locator('option:checked')).toHaveText(TEAM);
    const sla = page.getByRole('region', { name: 'SLA' });
    await expect(sla.getByText('First response')).toBeVisible();
    await expect(sla.getByText('Resolution')).toBeVisible();
    // The ticket was measured by the new policy, not some other one.
    const policies = (await api(page.request, 'get', '/api/v1/sla-policies')) as { items: { id: string; name: string }[] };
    const stored = (await api(page.request, 'get', `/api/v1/tickets/${ticket.id}`)) as { sla: { policyId: string | null } };
    expect(stored.sla.policyId).toBe(policies.items.find((p) => p.name === POLICY)?.id);
    const field = page.getByLabel(FIELD);
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tickets/${ticket.id}`) && r.request().method() === 'PATCH');
    await field.fill('INV-2031');
    await field.blur();
    expect((await saved).ok()).toBe(true);
    await page.reload();
    await expect(page.getByLabel(FIELD)).toHaveValue('INV-2031');
    await shot(page, 'admin-effect-ticket');
  });

  await test.step('clean up, so other flows see the demo configuration', async () => {
    const policies = (await api(page.request, 'get', '/api/v1/sla-policies')) as { items: { id: string; name: string }[] };
    const rules = (await api(page.request, 'get', '/api/v1/routing-rules')) as { items: { id: string; name: string }[] };
    for (const p of policies.items.filter((p) => p.name === POLICY)) await api(page.request, 'delete', `/api/v1/sla-policies/${p.id}`);
    for (const r of rules.items.filter((r) => r.name === RULE)) await api(page.request, 'delete', `/api/v1/routing-rules/${r.id}`);
  });

  expect(errors).toEqual([]);
});

test('an agent is refused at /admin and has no link to it', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, AGENT.email, AGENT.password);
  // Demo staff have mixed languages; this check reads English labels.
  await api(page.request, 'patch', '/api/v1/me', { locale: 'en' });
  await page.reload();
  await page.getByRole('button', { name: /Account menu/ }).click();
  await expect(page.getByRole('menuitem', { name: 'Security settings' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Admin console' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.goto('/admin/teams');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Admin console sections' })).toHaveCount(0);
  // The server refuses too: hiding the screen is not the only guard.
  const direct = await page.request.get('/api/v1/routing-rules');
  expect(direct.status()).toBe(403);
  await shot(page, 'admin-refused');
  expect(errors).toEqual([]);
  await context.close();
});
