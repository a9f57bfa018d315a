import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { ADMIN } from '../playwright.config.js';

/**
 * The ticket screens in two browsers at once: a customer using the portal in Chinese and an
 * agent (the demo admin) in the workspace, each seeing the other's messages without reloading.
 */

const shots = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'artifacts', 'screenshots');

// A real 1×1 red PNG: the server checks that an upload's bytes match its declared type.
const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const run = Date.now().toString(36);
const CUSTOMER = { name: '李雷', email: `li.lei.${run}@example.cn`, password: 'a customer password 42' };
const SUBJECT = `打印机无法连接 ${run}`;
const DESCRIPTION = '办公室的打印机从昨天开始无法连接，已经重启过路由器。';
const MACRO = { name: `Printer troubleshooting ${run}`, replyText: '请先重启打印机，再重新添加设备' };
const NOTE = `Internal only: warranty expired, do not offer a free replacement ${run}`;
const CUSTOMER_REPLY = '重启之后还是连接不上，指示灯一直闪烁。';
const AGENT_REPLY = `Please update the printer firmware to 2.4; that fixes the blinking light. ${run}`;
const RATING_COMMENT = '回复很快，问题解决了，谢谢！';

/** Shared between the serial tests: the ticket the first flow creates. */
let ticketNumber = '';

async function shot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  // The app header is fixed: scrolled down, a full-page capture would paint it mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** Page errors and console errors of every page in the test; asserted empty at the end. */
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
  // One line per rule and failure, with a few of the elements: enough to find it, short enough to read.
  const lines = serious.flatMap((v) => {
    const byFailure = new Map<string, string[]>();
    for (const node of v.nodes) {
      const why = node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? '';
      byFailure.set(why, [...(byFailure.get(why) ?? []), node.target.join(' ')]);
    }
    return [...byFailure].map(([why, targets]) => `${v.id}: ${why} at ${targets.slice(0, 3).join('; ')} (${targets.length} elements)`);
  });
  expect(lines, `axe on ${page.url()}`).toEqual([]);
}

/** An attached image shows as a loaded preview plus a download link. */
async function expectAttachment(scope: Locator, filename: string) {
  const preview = scope.getByRole('img', { name: filename });
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(1);
  await expect(scope.locator(`a[download="${filename}"]`)).toHaveText(filename);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A shared macro made through the API with the admin's session (cookie + x-csrf-token). */
async function createSharedMacro(page: Page) {
  const session = await page.request.get('/api/v1/auth/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string | null };
  expect(csrfToken).toBeTruthy();
  const response = await page.request.post('/api/v1/macros', {
    headers: { 'x-csrf-token': csrfToken ?? '' },
    data: {
      name: MACRO.name,
      description: 'Raise priority, tag, and send the first troubleshooting steps',
      shared: true,
      actions: [
        { type: 'set_priority', value: 'high' },
        { type: 'add_tags', value: ['printer'] },
        { type: 'reply', bodyHtml: `<p>{{requester.first_name}}，您好！关于工单 #{{ticket.number}}：${MACRO.replyText}。</p>` },
      ],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext(options);
  return [context, await context.newPage()];
}

test.describe.configure({ mode: 'serial' });

test('a customer and an agent work a ticket through to a rating, live in two browsers', async ({ browser }) => {
  test.setTimeout(90_000);
  const [agentContext, agent] = await newPage(browser);
  const [customerContext, customer] = await newPage(browser);
  const errors = watchErrors({ agent, customer });
  const agentList = agent.getByRole('table', { name: 'All open' });
  const agentTimeline = agent.getByRole('list', { name: 'Conversation' });
  const composer = agent.getByRole('form', { name: 'Reply or add a note' });
  const customerTimeline = customer.getByRole('list', { name: '对话' });
  const macroReply = () => `${CUSTOMER.name}，您好！关于工单 #${ticketNumber}：${MACRO.replyText}。`;

  await test.step('the agent makes a shared macro and waits on "All open"', async () => {
    await signIn(agent, ADMIN.email, ADMIN.password);
    await expect(agent.getByRole('heading', { level: 1, name: 'My open tickets' })).toBeVisible();
    await createSharedMacro(agent);
    await agent.getByRole('link', { name: 'All open' }).click();
    await expect(agent.getByRole('heading', { level: 1, name: 'All open' })).toBeVisible();
    await expect(agentList.getByRole('row').nth(1)).toBeVisible();
  });

  await test.step('the customer switches sign-up to Chinese and creates an account', async () => {
    await customer.goto('/signup');
    await customer.getByLabel('Language').selectOption('zh-CN');
    await expect(customer.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await customer.getByLabel('姓名').fill(CUSTOMER.name);
    await customer.getByLabel('邮箱').fill(CUSTOMER.email);
    await customer.getByLabel(/^密码/).fill(CUSTOMER.password);
    await customer.getByRole('button', { name: '创建账户' }).click();
    await expect(customer).toHaveURL(/\/portal$/);
    await expect(customer.getByRole('heading', { name: '我的工单' })).toBeVisible();
    await expect(customer.getByText('你还没有提交过任何问题。')).toBeVisible();
    await expectNoSeriousA11yViolations(customer);
  });

  await test.step('the customer submits a ticket with an attachment', async () => {
    await customer.getByRole('link', { name: '提交工单' }).first().click();
    await expect(customer).toHaveURL(/\/portal\/new$/);
    await customer.getByLabel(/^主题/).fill(SUBJECT);
    await customer.getByLabel(/^问题描述/).fill(DESCRIPTION);
    await customer.locator('input[type="file"]').setInputFiles({ name: 'printer.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    await expect(customer.getByRole('list', { name: '待添加的附件' }).getByText(/printer\.png/)).toBeVisible();
    await expect(customer.getByLabel('正在上传 printer.png')).toHaveCount(0);
    await shot(customer, 'portal-new-ticket');
    await expectNoSeriousA11yViolations(customer);
    await customer.getByRole('button', { name: '提交工单' }).click();
    await expect(customer).toHaveURL(/\/portal\/tickets\/[\w-]+$/);
    await expect(customer.getByRole('heading', { name: SUBJECT })).toBeVisible();
    await expect(customerTimeline.getByText(DESCRIPTION)).toBeVisible();
    await expectAttachment(customerTimeline, 'printer.png');
  });

  await test.step("it appears in the agent's list without a reload; the keyboard opens it", async () => {
    // Newest activity first, so it is the top row (j = next row, Enter = open).
    await expect(agentList.getByRole('row').nth(1)).toContainText(SUBJECT);
    await shot(agent, 'inbox');
    await expectNoSeriousA11yViolations(agent);
    await agent.keyboard.press('j');
    await expect(agentList.getByRole('link', { name: SUBJECT })).toBeFocused();
    await agent.keyboard.press('Enter');
    const heading = agent.getByRole('heading', { level: 1 });
    await expect(heading).toContainText(SUBJECT);
    ticketNumber = /#(\d+)/.exec((await heading.textContent()) ?? '')?.[1] ?? '';
    expect(ticketNumber).not.toBe('');
    await expect(agentTimeline.getByText(DESCRIPTION)).toBeVisible();
    await expectAttachment(agentTimeline, 'printer.png');
  });

  await test.step('the agent previews and applies the macro; the customer sees its reply live', async () => {
    await agent.getByRole('button', { name: 'Macros' }).click();
    await agent.getByRole('menuitem', { name: new RegExp(MACRO.name) }).click();
    const dialog = agent.getByRole('dialog', { name: `Apply “${MACRO.name}”` });
    await expect(dialog.getByText(macroReply())).toBeVisible();
    await dialog.getByRole('button', { name: 'Apply macro' }).click();
    await expect(dialog).toBeHidden();
    await expect(agentTimeline.getByText(macroReply())).toBeVisible();
    await expect(agent.getByText('High', { exact: true }).first()).toBeVisible();
    // Its field changes are in the timeline too, although the reply's push may arrive first.
    await expect(agentTimeline.getByText('Ada Admin changed the priority from Normal to High')).toBeVisible();
    await expect(agentTimeline.getByText('Ada Admin added the tag printer')).toBeVisible();
    await expect(customerTimeline.getByText(macroReply())).toBeVisible();
  });

  await test.step('the agent adds an internal note', async () => {
    await composer.getByText('Internal note', { exact: true }).click();
    await composer.getByLabel('Internal note (only your team sees this)').fill(NOTE);
    await composer.getByRole('button', { name: 'Add note' }).click();
    await expect(agentTimeline.locator('[data-kind="note"]').filter({ hasText: NOTE })).toBeVisible();
  });

  await test.step('the customer replies; the agent sees it live, replies and solves in one step', async () => {
    await customer.getByLabel('你的回复').fill(CUSTOMER_REPLY);
    await customer.getByRole('button', { name: '发送' }).click();
    await expect(customerTimeline.getByText(CUSTOMER_REPLY)).toBeVisible();
    await expect(agentTimeline.getByText(CUSTOMER_REPLY)).toBeVisible();
    await composer.getByText('Reply', { exact: true }).click();
    await composer.getByLabel(`Reply to ${CUSTOMER.name}`).fill(AGENT_REPLY);
    await composer.getByLabel('Then set status').selectOption('solved');
    await composer.getByRole('button', { name: 'Send reply' }).click();
    await expect(agentTimeline.getByText(AGENT_REPLY)).toBeVisible();
    await expect(agent.getByText('Solved', { exact: true }).first()).toBeVisible();
    await shot(agent, 'ticket-page');
    await expectNoSeriousA11yViolations(agent);
  });

  await test.step('the customer sees the solution live, never the note, and rates the help', async () => {
    await expect(customerTimeline.getByText(AGENT_REPLY)).toBeVisible();
    await expect(customer.getByText('已解决', { exact: true }).first()).toBeVisible();
    await expect(customer.getByText(NOTE)).toHaveCount(0);
    const rating = customer.locator('form').filter({ hasText: '你对本次服务满意吗？' });
    await expect(rating).toBeVisible();
    await expectNoSeriousA11yViolations(customer);
    await rating.getByRole('button', { name: '提交评价' }).click();
    await expect(rating.getByText('请选择 1 到 5 星的评分。')).toBeVisible();
    // The radio inputs are visually hidden; people click the star drawn by its label.
    const fourStars = rating.getByRole('radio', { name: '4 星' });
    await rating.locator(`label[for="${await fourStars.getAttribute('id')}"]`).click();
    await expect(fourStars).toBeChecked();
    await rating.getByLabel('评论（可选）').fill(RATING_COMMENT);
    await rating.getByRole('button', { name: '提交评价' }).click();
    await expect(customer.getByText('感谢你的反馈！')).toBeVisible();
    await expect(customer.getByText(RATING_COMMENT)).toBeVisible();
    await shot(customer, 'portal-ticket');
    await expect(agentTimeline.getByText(/rated the support 4 out of 5/)).toBeVisible();
  });

  await test.step('a fresh load, and the API behind it, still has no trace of the note', async () => {
    await customer.reload();
    await expect(customerTimeline.getByText(AGENT_REPLY)).toBeVisible();
    await expect(customer.getByText(NOTE)).toHaveCount(0);
    const ticketId = new URL(customer.url()).pathname.split('/').pop() ?? '';
    const customerView = await customer.request.get(`/api/v1/tickets/${ticketId}/messages?afterSeq=0&limit=500`);
    expect(customerView.status()).toBe(200);
    const customerMessages = await customerView.text();
    expect(customerMessages).toContain(CUSTOMER_REPLY);
    expect(customerMessages).not.toContain(NOTE);
  });

  await test.step("the customer's list shows the ticket solved", async () => {
    await customer.getByRole('link', { name: '返回我的工单' }).click();
    const mine = customer.getByRole('list', { name: '我的工单' });
    await expect(mine.getByRole('listitem').filter({ hasText: SUBJECT })).toContainText('已解决');
    await shot(customer, 'portal-list');
    await expectNoSeriousA11yViolations(customer);
  });

  expect(errors).toEqual([]);
  await agentContext.close();
  await customerContext.close();
});

test('on a phone the customer finds the ticket, reads it and replies', async ({ browser }) => {
  test.skip(!ticketNumber, 'needs the ticket from the two-browser flow');
  const [context, phone] = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const errors = watchErrors({ phone });

  // Signing in restores the customer's saved language (Chinese) on this new device.
  await signIn(phone, CUSTOMER.email, CUSTOMER.password);
  await expect(phone).toHaveURL(/\/portal$/);
  await expect(phone.getByRole('heading', { name: '我的工单' })).toBeVisible();
  const item = phone.getByRole('list', { name: '我的工单' }).getByRole('listitem').filter({ hasText: SUBJECT });
  await expect(item).toContainText(`#${ticketNumber}`);
  await shot(phone, 'mobile-portal-list');
  await expectNoSeriousA11yViolations(phone);

  await item.getByRole('link', { name: SUBJECT }).tap();
  await expect(phone.getByRole('heading', { name: SUBJECT })).toBeVisible();
  const timeline = phone.getByRole('list', { name: '对话' });
  await expect(timeline.getByText(AGENT_REPLY)).toBeVisible();
  await expect(phone.getByText(NOTE)).toHaveCount(0);

  // A reply on a solved ticket reopens it.
  const followUp = '固件更新后又出现了同样的问题。';
  await phone.getByLabel('仍需帮助？回复即可重新打开').fill(followUp);
  await phone.getByRole('button', { name: '发送' }).tap();
  await expect(timeline.getByText(followUp)).toBeVisible();
  await expect(phone.getByText('处理中', { exact: true }).first()).toBeVisible();
  await expect(phone.getByLabel('你的回复')).toBeVisible();
  await shot(phone, 'mobile-portal-ticket');
  await expectNoSeriousA11yViolations(phone);

  // Nothing on the page is wider than the phone.
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  expect(errors).toEqual([]);
  await context.close();
});
