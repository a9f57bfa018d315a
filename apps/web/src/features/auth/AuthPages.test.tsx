import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { problem, renderApp, session, testUser } from '../../test/renderApp';

const signedOut = { 'GET /auth/session': () => ({ status: 200, body: session() }) };

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('signed-out screens', () => {
  it('renders the sign-in screen in Simplified Chinese', async () => {
    await renderApp('/login', signedOut, 'zh-CN');
    expect(await screen.findByRole('button', { name: '登录' })).toBeTruthy();
    expect(screen.getByLabelText(/邮箱/)).toBeTruthy();
    expect(screen.getByLabelText(/密码/)).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('登录 · Switchboard');
  });

  it('always confirms a password reset request', async () => {
    const { requests } = await renderApp('/forgot-password', {
      ...signedOut,
      'POST /auth/password/forgot': () => ({ status: 202 }),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Email/), 'nobody@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText(/If an account exists for nobody@example.com/)).toBeTruthy();
    expect(requests.at(-1)?.body).toEqual({ email: 'nobody@example.com' });
  });

  it('checks the new password length and reports an invalid reset link', async () => {
    const { requests } = await renderApp('/reset-password?token=t1', {
      ...signedOut,
      'POST /auth/password/reset': () => problem(400, 'auth.reset_token_invalid'),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^New password/), 'short');
    await user.type(screen.getByLabelText(/Confirm new password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('Use at least 10 characters.')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.clear(screen.getByLabelText(/^New password/));
    await user.type(screen.getByLabelText(/^New password/), 'long enough password');
    await user.clear(screen.getByLabelText(/Confirm new password/));
    await user.type(screen.getByLabelText(/Confirm new password/), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('This password reset link is invalid or has expired.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Request a new link' })).toBeTruthy();
    expect(requests.at(-1)?.body).toEqual({ token: 't1', password: 'long enough password' });
  });

  it('shows the invitation, then signs the new member in', async () => {
    let accepted = false;
    const { requests } = await renderApp('/invite?token=inv1', {
      'GET /auth/session': () => ({ status: 200, body: session(accepted ? { user: testUser } : {}) }),
      'GET /auth/invitations/lookup': () => ({
        status: 200,
        body: { email: 'ada@example.com', role: 'agent', workspaceName: 'Acme Support' },
      }),
      'POST /auth/invitations/accept': () => {
        accepted = true;
        return { status: 201, body: { status: 'ok', user: testUser, csrfToken: 'csrf-2' } };
      },
    });
    expect(await screen.findByText("You've been invited to join Acme Support as Agent.")).toBeTruthy();
    expect((screen.getByLabelText(/Email/) as HTMLInputElement).value).toBe('ada@example.com');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Name/), 'Ada Lovelace');
    await user.type(screen.getByLabelText(/Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('heading', { name: 'My open tickets' })).toBeTruthy();
    expect(requests.find((r) => r.path === '/auth/invitations/accept')?.body).toEqual({
      token: 'inv1',
      name: 'Ada Lovelace',
      password: 'correct horse battery',
    });
  });

  it('explains an invalid invitation', async () => {
    await renderApp('/invite?token=old', {
      ...signedOut,
      'GET /auth/invitations/lookup': () => problem(404, 'invitation.invalid'),
    });
    expect(await screen.findByText('This invitation is invalid, has expired or has already been used.')).toBeTruthy();
  });

  it('marks a taken email on sign-up and hides sign-up when it is off', async () => {
    await renderApp('/signup', {
      ...signedOut,
      'POST /auth/signup': () => problem(409, 'user.email_taken'),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Name/), 'Ada');
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    const email = screen.getByLabelText(/Email/);
    expect(await screen.findByText('An account with this email already exists.')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });

  it('says so when self sign-up is disabled', async () => {
    await renderApp('/signup', { 'GET /auth/session': () => ({ status: 200, body: session({ signupEnabled: false }) }) });
    expect(await screen.findByRole('heading', { name: 'Sign-up is not available' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create account' })).toBeNull();
  });

  it('maps validation.failed field errors onto the fields', async () => {
    await renderApp('/signup', {
      ...signedOut,
      'POST /auth/signup': () =>
        problem(400, 'validation.failed', {
          errors: [{ path: 'body.password', message: 'Too small', code: 'too_small' }],
        }),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Name/), 'Ada');
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Use at least 10 characters.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Some fields need your attention.');
  });
});
