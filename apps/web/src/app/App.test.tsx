import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import { problem, renderApp, session, testUser } from '../test/renderApp';

const signedOut = { 'GET /auth/session': () => ({ status: 200, body: session() }) };

describe('sign-in', () => {
  it('redirects a signed-out visitor from a protected page to /login?next=', async () => {
    await renderApp('/settings/security', signedOut);
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(window.location.pathname).toBe('/login');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/settings/security');
    expect(screen.getByRole('heading', { name: 'Sign in to Acme Support' })).toBeTruthy();
  });

  it('translates invalid credentials and sends the CSRF token', async () => {
    const { requests } = await renderApp('/login', {
      ...signedOut,
      'POST /auth/login': () => problem(401, 'auth.invalid_credentials'),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Incorrect email or password.');
    const login = requests.find((r) => r.path === '/auth/login');
    expect(login?.body).toEqual({ email: 'ada@example.com', password: 'wrong password' });
    expect(login?.headers['x-csrf-token']).toBe('csrf-1');
  });

  it('shows validation errors next to their fields without calling the server', async () => {
    const { requests } = await renderApp('/login', signedOut);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Email/), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter a valid email address.')).toBeTruthy();
    expect(screen.getByText('This field is required.')).toBeTruthy();
    expect(requests.some((r) => r.path === '/auth/login')).toBe(false);
  });

  it('shows the lockout delay from retryAfterSeconds', async () => {
    await renderApp('/login', {
      ...signedOut,
      'POST /auth/login': () => problem(423, 'auth.account_locked', { retryAfterSeconds: 600 }),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'secret-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Try again in 10 minutes.');
  });

  it('asks for the workspace when the server requires it, then sends it', async () => {
    let attempts = 0;
    const { requests } = await renderApp('/login', {
      'GET /auth/session': () => ({ status: 200, body: session(attempts > 1 ? { user: testUser } : {}) }),
      'POST /auth/login': () => {
        attempts += 1;
        return attempts === 1
          ? problem(400, 'auth.workspace_required')
          : { status: 200, body: { status: 'ok', user: testUser, csrfToken: 'csrf-2' } };
      },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'secret-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.type(await screen.findByLabelText(/Workspace/), 'acme');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    // Agents land in their workspace.
    expect(await screen.findByRole('heading', { name: 'My open tickets' })).toBeTruthy();
    expect(requests.filter((r) => r.path === '/auth/login').at(-1)?.body).toMatchObject({ workspace: 'acme' });
  });

  it('continues to the 2FA step and then to ?next', async () => {
    let signedIn = false;
    await renderApp('/login?next=%2Fsettings%2Fsecurity', {
      'GET /auth/session': () => ({
        status: 200,
        body: session(signedIn ? { user: testUser } : { mfaPending: false }),
      }),
      'POST /auth/login': () => ({ status: 200, body: { status: 'mfa_required' } }),
      'POST /auth/login/mfa': (body) => {
        if ((body as { code: string }).code !== '123456') return problem(401, 'auth.invalid_mfa_code');
        signedIn = true;
        return { status: 200, body: { status: 'ok', user: testUser, csrfToken: 'csrf-2' } };
      },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'secret-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const code = await screen.findByLabelText(/Authentication code/);
    expect(window.location.pathname).toBe('/login/2fa');
    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText("That code isn't valid. Check it and try again.")).toBeTruthy();

    await user.clear(code);
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('heading', { name: 'Security settings' })).toBeTruthy();
    expect(window.location.pathname).toBe('/settings/security');
  });

  it('sends an expired 2FA challenge back to /login with an explanation', async () => {
    await renderApp('/login/2fa', {
      'GET /auth/session': () => ({ status: 200, body: session({ mfaPending: true }) }),
      'POST /auth/login/mfa': () => problem(401, 'auth.mfa_challenge_expired'),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Authentication code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Your sign-in took too long. Please sign in again.')).toBeTruthy();
    expect(window.location.pathname).toBe('/login');
  });
});

describe('signed in', () => {
  const signedIn = { 'GET /auth/session': () => ({ status: 200, body: session({ user: testUser }) }) };

  it('shows who you are and your role', async () => {
    await renderApp('/account', signedIn);
    expect(await screen.findByRole('heading', { name: 'Welcome, Ada Lovelace' })).toBeTruthy();
    expect(screen.getByText('You are signed in as ada@example.com.')).toBeTruthy();
    expect(screen.getByText('Agent')).toBeTruthy();
  });

  it('switches to Chinese and saves the locale to the profile', async () => {
    const { requests } = await renderApp('/account', {
      ...signedIn,
      'PATCH /me': (body) => ({ status: 200, body: { ...testUser, ...(body as object) } }),
    });
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'zh-CN');
    expect(await screen.findByRole('heading', { name: '欢迎，Ada Lovelace' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem('sb.language')).toBe('zh-CN');
    await waitFor(() => expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ locale: 'zh-CN' }));
    await i18n.changeLanguage('en');
  });

  it('goes to /login?next= with a notice after an unauthenticated API error', async () => {
    let expired = false;
    await renderApp('/settings/security', {
      'GET /auth/session': () => ({ status: 200, body: session(expired ? {} : { user: testUser }) }),
      'POST /me/2fa/setup': () => {
        expired = true;
        return problem(401, 'auth.unauthenticated');
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Set up' }));
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeTruthy();
    expect(window.location.pathname).toBe('/login');
    expect(window.location.search).toBe('?next=%2Fsettings%2Fsecurity');
  });

  it('signs out from the user menu', async () => {
    let signedOutNow = false;
    const { requests } = await renderApp('/settings/security', {
      'GET /auth/session': () => ({ status: 200, body: session(signedOutNow ? {} : { user: testUser }) }),
      'POST /auth/logout': () => {
        signedOutNow = true;
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Account menu for Ada Lovelace' }));
    // happy-dom has no layout, so the floating dropdown counts as detached (display: none).
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out', hidden: true }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/login');
    expect(requests.find((r) => r.path === '/auth/logout')?.headers['x-csrf-token']).toBe('csrf-1');
  });
});

describe('2FA enrolment', () => {
  it('shows the QR code, enables with a code and shows recovery codes once', async () => {
    await renderApp('/settings/security', {
      'GET /auth/session': () => ({ status: 200, body: session({ user: testUser }) }),
      'POST /me/2fa/setup': () => ({
        status: 200,
        body: { secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/Switchboard:ada?secret=JBSWY3DPEHPK3PXP' },
      }),
      'POST /me/2fa/enable': () => ({ status: 200, body: { recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'] } }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Set up' }));
    const qr = await screen.findByRole('img', { name: /QR code/ });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP')).toBeTruthy();
    await user.type(screen.getByLabelText(/Authentication code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Enable' }));
    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(list.textContent).toContain('aaaa-bbbb');
    await user.click(screen.getByRole('button', { name: "I've saved my codes" }));
    expect(screen.queryByText('aaaa-bbbb')).toBeNull();
    expect(screen.getByRole('button', { name: 'Disable 2FA' })).toBeTruthy();
  });
});
