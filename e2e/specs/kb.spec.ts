import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ADMIN, DATA_DIR } from '../playwright.config.js';

/**
 * The knowledge base end to end: an agent writes an article in English and submits it, the demo
 * admin (reviewer and publisher) approves and publishes it, the agent adds the Chinese
 * translation which is published too, and an anonymous visitor finds the article by searching
 * the help center in both languages, rates it and leaves a comment that lands in moderation.
 */

const shots = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'artifacts', 'screenshots');

const run = Date.now().toString(36);
const AGENT = { name: 'Kim Writer', email: `kim.writer.${run}@example.com`, password: 'an agent password 42' };
const CATEGORY = `Printing ${run}`;
const SECTION = `Toner and ink ${run}`;
const EN_TITLE = `Replace the toner cartridge ${run}`;
const EN_BODY = 'Open the front cover, pull the old toner cartridge out and slide the new one in until it clicks.';
const ZH_TITLE = `更换打印机硒鼓 ${run}`;
const ZH_BODY = '打开前盖，取出旧的硒鼓，然后把新的硒鼓推入直到听到咔嗒声。';
const COMMENT = `Clear steps, the photos would help too ${run}`;

async function shot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

function watchErrors(pages: Record<string, Page>): string[] {
  const errors: string[] = [];
  for (const [who, page] of Object.entries(pages)) {
    page.on('pageerror', (error) => errors.push(`${who} pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${who} console: ${message.text()}`);
    });
  }
  return errors;
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = serious.flatMap((v) =>
    v.nodes.slice(0, 3).map((node) => `${v.id}: ${node.failureSummary ?? ''} at ${node.target.join(' ')}`),
  );
  expect(lines, `axe on ${page.url()}`).toEqual([]);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Same-origin API call with the page's session (cookie + x-csrf-token). */
async function api(request: APIRequestContext, method: 'post' | 'get', url: string, data?: unknown) {
  const session = await request.get('/api/v1/auth/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string | null };
  const response = await request[method](url, { headers: { 'x-csrf-token': csrfToken ?? '' }, data });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return response.json();
}

/** Newest message in the development mail outbox addressed to `to`, quoted-printable undone. */
async function latestMailTo(to: string): Promise<string> {
  const dir = path.join(DATA_DIR, 'mail-outbox');
  let found = '';
  await expect
    .poll(
      () => {
        const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
        found =
          files
            .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
            .reverse()
            .find((m) => m.includes(`To: ${to}`)) ?? '';
        return found.length > 0;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

/** A staff member with the built-in agent role: invited by the admin, accepting from the email. */
async function inviteAgent(admin: Page, agent: Page) {
  await api(admin.request, 'post', '/api/v1/invitations', { email: AGENT.email, name: AGENT.name, role: 'agent' });
  const link = /(https?:\/\/[^\s"]+\/invite\?token=[\w%-]+)/.exec(await latestMailTo(AGENT.email))?.[1];
  expect(link).toBeTruthy();
  await agent.goto(new URL(link ?? '').pathname + new URL(link ?? '').search);
  await agent.getByLabel(/^Name/).fill(AGENT.name);
  await agent.getByLabel(/^Password/).fill(AGENT.password);
  await agent.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(agent.getByRole('heading', { level: 1, name: 'My open tickets' })).toBeVisible();
}

/** The editor's article body: a Tiptap editing area. */
async function typeBody(page: Page, text: string, replace = false) {
  const body = page.getByRole('textbox', { name: 'Article text' });
  await body.click();
  if (replace) await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

async function openArticle(page: Page, title: string) {
  await page.goto('/kb');
  await page.getByRole('table', { name: 'Articles' }).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

const workflow = (page: Page) => page.getByRole('group', { name: 'Workflow' });
const statusBadge = (page: Page, status: string) =>
  page.locator('.mantine-Badge-root', { hasText: new RegExp(`^${status}$`, 'i') }).first();

test('an article goes from draft to the help center in two languages, and readers rate it', async ({ browser }) => {
  test.setTimeout(180_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const errors = watchErrors({ admin, agent });

  await test.step('the admin invites Kim as an agent and sets up a category and a section', async () => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    await expect(admin.getByRole('heading', { level: 1, name: 'My open tickets' })).toBeVisible();
    await inviteAgent(admin, agent);
    await admin.getByRole('link', { name: 'Knowledge base' }).click();
    await admin.getByRole('navigation', { name: 'Knowledge base sections' }).getByRole('link', { name: 'Categories & sections' }).click();
    await admin.getByRole('button', { name: 'New category' }).click();
    const category = admin.getByRole('dialog', { name: 'New category' });
    await category.getByLabel(/^Name \(English\)/).fill(CATEGORY);
    await category.getByLabel(/^Name \(Chinese\)/).fill(`打印 ${run}`);
    await category.getByRole('button', { name: 'Save' }).click();
    await expect(category).toBeHidden();
    await admin.getByRole('region', { name: CATEGORY }).getByRole('button', { name: 'Add section' }).click();
    const section = admin.getByRole('dialog', { name: 'New section' });
    await section.getByLabel(/^Name \(English\)/).fill(SECTION);
    await section.getByLabel(/^Name \(Chinese\)/).fill(`硒鼓与墨水 ${run}`);
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section).toBeHidden();
    await expect(admin.getByRole('region', { name: CATEGORY }).getByText(SECTION)).toBeVisible();
  });

  await test.step('the agent writes the article in English and submits it for review', async () => {
    await agent.getByRole('link', { name: 'Knowledge base' }).click();
    await expect(agent.getByRole('heading', { level: 1, name: 'Articles' })).toBeVisible();
    await agent.getByRole('link', { name: 'New article' }).click();
    await agent.getByLabel('Section', { exact: true }).selectOption({ label: `${CATEGORY} › ${SECTION}` });
    await agent.getByRole('textbox', { name: /^Title/ }).fill(EN_TITLE);
    await typeBody(agent, EN_BODY);
    await agent.getByLabel('Summary', { exact: true }).fill('Swap an empty toner cartridge in under a minute.');
    await agent.getByRole('button', { name: 'Create draft' }).click();
    await expect(agent.getByRole('heading', { level: 1, name: EN_TITLE })).toBeVisible();
    await expect(statusBadge(agent, 'Draft')).toBeVisible();
    await shot(agent, 'kb-editor');
    await expectNoSeriousA11yViolations(agent);
    await workflow(agent).getByRole('button', { name: 'Submit for review' }).click();
    await expect(statusBadge(agent, 'In review')).toBeVisible();
    await expect(workflow(agent).getByRole('button', { name: 'Publish' })).toHaveCount(0);
  });

  await test.step('the admin approves it and publishes it', async () => {
    await openArticle(admin, EN_TITLE);
    await workflow(admin).getByRole('button', { name: 'Approve' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Approve this version' });
    await dialog.getByLabel('Comment').fill('Looks good.');
    await dialog.getByRole('button', { name: 'Approve this version' }).click();
    await expect(dialog).toBeHidden();
    await workflow(admin).getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(statusBadge(admin, 'Published')).toBeVisible();
    await admin.getByRole('tab', { name: 'Review' }).click();
    await expect(admin.getByText(/approved version \d+/)).toBeVisible();
  });

  await test.step('the agent adds the Chinese translation; the admin publishes it', async () => {
    await openArticle(agent, EN_TITLE);
    await agent.getByRole('tab', { name: 'Translations' }).click();
    await agent.getByRole('link', { name: 'Translate into 简体中文' }).click();
    await expect(agent.getByRole('heading', { level: 1, name: 'Translate into 简体中文' })).toBeVisible();
    // The editor starts from the English text, to be replaced by the translation.
    await expect(agent.getByRole('textbox', { name: /^Title/ })).toHaveValue(EN_TITLE);
    await agent.getByRole('textbox', { name: /^Title/ }).fill(ZH_TITLE);
    await typeBody(agent, ZH_BODY, true);
    await agent.getByLabel('Summary', { exact: true }).fill('一分钟内更换空的硒鼓。');
    await agent.getByRole('button', { name: 'Create translation' }).click();
    await expect(agent.getByRole('heading', { level: 1, name: ZH_TITLE })).toBeVisible();
    await workflow(agent).getByRole('button', { name: 'Submit for review' }).click();
    await expect(statusBadge(agent, 'In review')).toBeVisible();

    await openArticle(admin, ZH_TITLE);
    await workflow(admin).getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(statusBadge(admin, 'Published')).toBeVisible();
    await admin.getByRole('tab', { name: 'Translations' }).click();
    const translations = admin.getByRole('table', { name: 'Translations' });
    await expect(translations.getByRole('row', { name: /English/ })).toContainText('en: source');
    await expect(translations.getByRole('row', { name: /简体中文/ })).toContainText('zh-CN: up to date');
  });

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  errors.push(...watchErrors({ visitor }));

  await test.step('a visitor finds it in English, reads it and rates it with a comment', async () => {
    await visitor.goto('/hc/en');
    await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await visitor.getByRole('searchbox', { name: 'Search the help center' }).fill('toner cartridge');
    await visitor.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(visitor).toHaveURL(/\/hc\/en\/search\?q=toner/);
    const result = visitor.getByRole('link', { name: EN_TITLE });
    await expect(result).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await result.click();
    await expect(visitor.getByRole('heading', { level: 1, name: EN_TITLE })).toBeVisible();
    await expect(visitor.getByText(EN_BODY)).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await shot(visitor, 'help-center-article');
    await visitor.getByRole('radio', { name: 'Yes' }).check();
    await visitor.getByLabel('Anything we could improve? (optional)').fill(COMMENT);
    await visitor.getByRole('button', { name: 'Send feedback' }).click();
    await expect(visitor.getByText('Thank you for your feedback!')).toBeVisible();
  });

  await test.step('the same visitor finds the Chinese version by searching in Chinese', async () => {
    await visitor.goto(`/hc/zh-CN/search?q=${encodeURIComponent('硒鼓')}`);
    const result = visitor.getByRole('link', { name: ZH_TITLE });
    await expect(result).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await result.click();
    await expect(visitor.getByRole('heading', { level: 1, name: ZH_TITLE })).toBeVisible();
    await expect(visitor.getByText(ZH_BODY)).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
  });

  await test.step('the comment waits in the moderation queue until the admin approves it', async () => {
    await admin.goto('/kb/moderation');
    const queue = admin.getByRole('list', { name: 'Feedback moderation' });
    const item = queue.getByRole('listitem').filter({ hasText: COMMENT });
    await expect(item).toBeVisible();
    await expect(item.getByRole('link', { name: EN_TITLE })).toBeVisible();
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect(item).toBeHidden();
    await admin.getByText('Approved', { exact: true }).click();
    await expect(admin.getByRole('list', { name: 'Feedback moderation' }).getByText(COMMENT)).toBeVisible();
  });

  expect(errors).toEqual([]);
  await Promise.all([adminContext.close(), agentContext.close(), visitorContext.close()]);
});
