import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { generate } from 'otplib';
import { ADMIN, DATA_DIR } from '../playwright.config.js';

const shots = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'artifacts', 'screenshots');

async function shot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Staff land in the agent workspace on their own open tickets, with their name in the account menu. */
async function expectInbox(page: Page, name?: string) {
  await expect(page).toHaveURL(/\/inbox\/view\/mine$/);
  await expect(page.getByRole('heading', { level: 1, name: 'My open tickets' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Agent workspace' })).toBeVisible();
  await expect(page.getByLabel('Loading tickets…')).toHaveCount(0);
  const menu = page.getByRole('button', { name: name ? `Account menu for ${name}` : /^Account menu for / });
  await expect(menu).toBeVisible();
  if (name) await expect(menu).toContainText(name);
}

/** Newest message in the development mail outbox addressed to `to` (and containing `marker`: staff also get notification mail). */
async function latestMailTo(to: string, marker = ''): Promise<string> {
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
            .find((m) => m.includes(`To: ${to}`) && m.replace(/=\r?\n/g, '').includes(marker)) ?? '';
        return found.length > 0;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  // Undo quoted-printable soft line breaks and =3D escapes before reading the link.
  return found.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

test.describe.configure({ mode: 'serial' });

test('the demo admin signs in and out; a wrong password is refused', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: /Sign in to Acme Support/ })).toBeVisible();
  await shot(page, 'login-en');

  await signIn(page, ADMIN.email, 'not the password');
  await expect(page.getByText('Incorrect email or password.')).toBeVisible();

  await signIn(page, ADMIN.email, ADMIN.password);
  await expectInbox(page, 'Ada Admin');
  await shot(page, 'inbox-landing-en');
  // The former home page lives on as the account page.
  await page.getByRole('button', { name: /Account menu for Ada Admin/ }).click();
  await page.getByRole('menuitem', { name: 'Account', exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Welcome, Ada Admin' })).toBeVisible();

  await page.getByRole('button', { name: /Account menu for Ada Admin/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  // The session is really gone: the home page sends us back to sign-in.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  expect(errors).toEqual([]);
});

test('the login page passes axe-core with no serious or critical violations', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary?.split('\n').slice(1).join(' ')})`).join('; ')}`,
    ),
  ).toEqual([]);
});

test('the sign-in screen speaks Simplified Chinese', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await shot(page, 'login-zh');
});

test('a forgotten password is reset from the emailed link', async ({ page }) => {
  // An English-speaking demo agent nobody else in the suite signs in as (chat.spec needs the
  // supervisor's demo password unchanged).
  const email = 'agent3@acme.example.com';
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  const mail = await latestMailTo(email, 'reset-password');
  const link = /(http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=[\w%-]+)/.exec(mail)?.[1];
  expect(link).toBeTruthy();
  await page.goto(link ?? '');
  await page.getByLabel(/^New password/).fill('a fresh password 42');
  await page.getByLabel('Confirm new password').fill('a fresh password 42');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();

  await signIn(page, email, 'a fresh password 42');
  // Signed in once the inbox shows; then the session cookie says who this is.
  await expectInbox(page);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { email: string; name: string };
  expect(me.email).toBe(email);
  await expectInbox(page, me.name);
});

test('an agent turns on two-factor authentication and signs in with a code', async ({ page }) => {
  const email = 'agent2@acme.example.com';
  await signIn(page, email, ADMIN.password);
  await expectInbox(page);
  await page.goto('/settings/security');
  await page.getByRole('button', { name: 'Set up' }).click();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  await shot(page, 'security-2fa-setup');
  const secret = ((await page.locator('code').first().textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page
    .getByLabel(/6-digit code|Authentication code|Code/i)
    .first()
    .fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Enable' }).click();
  await expect(page.getByText('Save your recovery codes')).toBeVisible();
  await expect(page.getByText(/^[a-z2-9]{5}-[a-z2-9]{5}$/)).toHaveCount(10);
  await page.getByRole('button', { name: "I've saved my codes" }).click();

  await page.getByRole('button', { name: /Account menu for/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
  await signIn(page, email, ADMIN.password);
  await expect(page).toHaveURL(/\/login\/2fa/);
  // The enrolment code was consumed; the next 30-second step gives a fresh one.
  await page.waitForTimeout(31_000 - (Date.now() % 30_000));
  await page.getByLabel('Authentication code').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectInbox(page);
});
