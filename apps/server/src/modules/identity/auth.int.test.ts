import { eq, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createUser, createWorkspace, signedIn, startApp, TEST_PASSWORD, type TestApp, waitFor } from '../../test/harness.js';
import { sessions, users } from './identity.schema.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;

beforeAll(async () => {
  app = await startApp({ config: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_MINUTES: '15' } });
  ws = await createWorkspace(app);
});
afterAll(async () => app.close());

const problemCode = (res: { json(): unknown }) => (res.json() as { code: string }).code;

describe('login and sessions', () => {
  it('signs in with the right password and sets an HttpOnly session cookie', async () => {
    const user = await createUser(app, ws.id, 'agent');
    const client = new Client(app);
    const res = await client.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', user: { email: user.email, role: 'agent' } });
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');
    expect(setCookie).toMatch(/sb_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect((await client.get('/api/v1/me')).json().id).toBe(user.id);
  });

  it('marks cookies Secure behind TLS', async () => {
    const tls = await startApp({ config: { COOKIE_SECURE: 'always' } });
    try {
      const w = await createWorkspace(tls);
      const user = await createUser(tls, w.id, 'agent');
      const res = await new Client(tls).post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n')).toMatch(/sb_session=[^;]+;.*Secure/);
    } finally {
      await tls.close();
    }
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const user = await createUser(app, ws.id, 'agent');
    const wrong = await new Client(app).post('/api/v1/auth/login', { email: user.email, password: 'not the password' });
    const unknown = await new Client(app).post('/api/v1/auth/login', { email: 'nobody@example.com', password: 'whatever123' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(problemCode(wrong)).toBe('auth.invalid_credentials');
    expect(problemCode(unknown)).toBe('auth.invalid_credentials');
  });

  it('locks the account after repeated failures, even for the right password, then lets it in after the lockout', async () => {
    const user = await createUser(app, ws.id, 'agent');
    const client = new Client(app);
    for (let i = 0; i < 3; i++) {
      expect((await client.post('/api/v1/auth/login', { email: user.email, password: 'bad password!' })).statusCode).toBe(401);
    }
    const locked = await client.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(problemCode(locked)).toBe('auth.account_locked');
    expect(locked.json().retryAfterSeconds).toBeGreaterThan(800);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    // The lockout passes (simulated by moving its end into the past).
    await app.platform.db.update(users).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(users.id, user.id));
    expect((await client.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('throttles login attempts per IP address', async () => {
    const throttled = await startApp({ config: { LOGIN_RATE_PER_IP: '5' } });
    try {
      const client = new Client(throttled);
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) {
        codes.push((await client.post('/api/v1/auth/login', { email: `x${i}@example.com`, password: 'whatever123' })).statusCode);
      }
      expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      const res = await client.post('/api/v1/auth/login', { email: 'x@example.com', password: 'whatever123' });
      expect(res.statusCode).toBe(429);
      expect(problemCode(res)).toBe('rate_limited');
      // Another address is not affected.
      const other = new Client(throttled);
      expect((await other.post('/api/v1/auth/login', { email: 'x@example.com', password: 'whatever123' })).statusCode).toBe(401);
    } finally {
      await throttled.close();
    }
  });

  it('refuses disabled accounts', async () => {
    const user = await createUser(app, ws.id, 'agent');
    await app.platform.db.update(users).set({ disabledAt: sql`now()` }).where(eq(users.id, user.id));
    const res = await new Client(app).post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(problemCode(res)).toBe('auth.account_disabled');
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const idle = await signedIn(app, ws.id, 'agent');
    expect((await idle.client.get('/api/v1/me')).statusCode).toBe(200);
    await app.platform.db.update(sessions).set({ lastSeenAt: sql`now() - interval '13 hours'` }).where(eq(sessions.userId, idle.user.id));
    const res = await idle.client.get('/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(problemCode(res)).toBe('auth.unauthenticated');

    const absolute = await signedIn(app, ws.id, 'agent');
    await app.platform.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.userId, absolute.user.id));
    expect((await absolute.client.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('rejects cookie-authenticated writes without the CSRF token, but not bearer ones', async () => {
    const { client } = await signedIn(app, ws.id, 'agent');
    const noHeader = await client.patch('/api/v1/me', { name: 'Changed' }, { 'x-csrf-token': '' });
    expect(noHeader.statusCode).toBe(403);
    expect(problemCode(noHeader)).toBe('auth.csrf_invalid');
    const forged = await client.patch('/api/v1/me', { name: 'Changed' }, { 'x-csrf-token': 'forged-token-value' });
    expect(problemCode(forged)).toBe('auth.csrf_invalid');
    expect((await client.get('/api/v1/me')).json().name).not.toBe('Changed');
    const ok = await client.patch('/api/v1/me', { name: 'Changed' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('Changed');

    const token = (await client.post('/api/v1/me/tokens', { name: 'ci', scopes: ['user.read'] })).json().token as string;
    const bearer = new Client(app);
    bearer.bearer = token;
    // No cookie, no CSRF header: a bearer request is not exposed to CSRF.
    expect((await bearer.patch('/api/v1/me', { name: 'Via token' })).statusCode).toBe(200);
  });

  it('logs out one session, and everywhere', async () => {
    const user = await createUser(app, ws.id, 'agent');
    const a = new Client(app);
    const b = new Client(app);
    await a.login(user.email ?? '');
    await b.login(user.email ?? '');
    expect((await a.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await a.get('/api/v1/me')).statusCode).toBe(401);
    expect((await b.get('/api/v1/me')).statusCode).toBe(200);
    const c = new Client(app);
    await c.login(user.email ?? '');
    expect((await c.post('/api/v1/auth/logout-all')).statusCode).toBe(204);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('lists my sessions and ends one of them', async () => {
    const user = await createUser(app, ws.id, 'agent');
    const a = new Client(app);
    const b = new Client(app);
    await a.login(user.email ?? '');
    await b.login(user.email ?? '');
    const list = (await a.get('/api/v1/me/sessions')).json() as { id: string; current: boolean }[];
    expect(list).toHaveLength(2);
    const other = list.find((s) => !s.current);
    expect(other).toBeDefined();
    expect((await a.delete(`/api/v1/me/sessions/${other?.id}`)).statusCode).toBe(204);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
    expect((await a.get('/api/v1/me')).statusCode).toBe(200);
  });
});

describe('two-factor authentication', () => {
  async function enrol() {
    const { user, client } = await signedIn(app, ws.id, 'agent');
    const setup = await client.post('/api/v1/me/2fa/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json() as { secret: string; otpauthUrl: string };
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Switchboard:/);
    const bad = await client.post('/api/v1/me/2fa/enable', { code: '000000' });
    expect(bad.statusCode).toBe(400);
    expect(problemCode(bad)).toBe('auth.invalid_mfa_code');
    const enable = await client.post('/api/v1/me/2fa/enable', { code: await generate({ secret }) });
    expect(enable.statusCode).toBe(200);
    const { recoveryCodes } = enable.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect((await client.get('/api/v1/me')).json().twoFactorEnabled).toBe(true);
    return { user, client, secret, recoveryCodes };
  }

  it('asks for a code after the password and signs in with a valid TOTP code', async () => {
    const { user, secret } = await enrol();
    const client = new Client(app);
    const first = await client.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(first.json()).toEqual({ status: 'mfa_required' });
    // Half-signed-in is not signed in.
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
    expect((await client.get('/api/v1/auth/session')).json()).toMatchObject({ user: null, mfaPending: true });
    const wrong = await client.post('/api/v1/auth/login/mfa', { code: '123456' });
    expect(problemCode(wrong)).toBe('auth.invalid_mfa_code');
    // The code used at enrolment cannot be replayed; wait for the next 30 s step if needed.
    const code = await waitFor(
      async () => {
        const c = await generate({ secret });
        const [row] = await app.platform.db.select({ last: users.totpLastStep }).from(users).where(eq(users.id, user.id));
        return Math.floor(Date.now() / 30_000) > (row?.last ?? 0) ? c : null;
      },
      35_000,
      500,
    );
    const ok = await client.post('/api/v1/auth/login/mfa', { code });
    expect(ok.statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    // The same code cannot be used a second time.
    const again = new Client(app);
    await again.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(problemCode(await again.post('/api/v1/auth/login/mfa', { code }))).toBe('auth.invalid_mfa_code');
  }, 60_000);

  it('accepts each recovery code once', async () => {
    const { user, recoveryCodes } = await enrol();
    const code = recoveryCodes[0] ?? '';
    const first = new Client(app);
    await first.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await first.post('/api/v1/auth/login/mfa', { recoveryCode: code.toUpperCase() })).statusCode).toBe(200);
    const second = new Client(app);
    await second.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(problemCode(await second.post('/api/v1/auth/login/mfa', { recoveryCode: code }))).toBe('auth.invalid_mfa_code');
  });

  it('gives up the challenge after too many wrong codes', async () => {
    const { user } = await enrol();
    const client = new Client(app);
    await client.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    for (let i = 0; i < 5; i++) await client.post('/api/v1/auth/login/mfa', { code: '000000' });
    expect(problemCode(await client.post('/api/v1/auth/login/mfa', { code: '000000' }))).toBe('auth.mfa_challenge_expired');
  });

  it('turns off only with the password', async () => {
    const { client } = await enrol();
    expect(problemCode(await client.post('/api/v1/me/2fa/disable', { password: 'wrong password' }))).toBe('auth.invalid_credentials');
    expect((await client.post('/api/v1/me/2fa/disable', { password: TEST_PASSWORD })).statusCode).toBe(204);
    expect((await client.get('/api/v1/me')).json().twoFactorEnabled).toBe(false);
  });
});

describe('API tokens', () => {
  it('acts with the intersection of the owner role and the token scopes, and stops when revoked', async () => {
    const { client } = await signedIn(app, ws.id, 'admin');
    const created = await client.post('/api/v1/me/tokens', { name: 'read only', scopes: ['user.read'] });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json() as { token: string; id: string; prefix: string };
    expect(token.startsWith(`${prefix}_`)).toBe(true);
    // Shown once: the listing has no secret.
    const listed = (await client.get('/api/v1/me/tokens')).json() as Record<string, unknown>[];
    expect(listed.find((t) => t.id === id)).not.toHaveProperty('token');

    const api = new Client(app);
    api.bearer = token;
    expect((await api.get('/api/v1/users')).statusCode).toBe(200);
    const denied = await api.patch('/api/v1/workspace', { name: 'Hijacked' });
    expect(denied.statusCode).toBe(403);
    expect(problemCode(denied)).toBe('auth.forbidden');

    expect((await client.delete(`/api/v1/me/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await api.get('/api/v1/users');
    expect(revoked.statusCode).toBe(401);
    expect(problemCode(revoked)).toBe('auth.unauthenticated');
  });

  it('cannot be given permissions its owner lacks', async () => {
    const { client } = await signedIn(app, ws.id, 'agent');
    const res = await client.post('/api/v1/me/tokens', { name: 'escalate', scopes: ['admin.settings'] });
    expect(res.statusCode).toBe(403);
    expect(problemCode(res)).toBe('auth.token_scope_exceeded');
  });

  it('is refused when malformed or unknown', async () => {
    const api = new Client(app);
    api.bearer = 'sbp_nothing_here';
    expect((await api.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('expires', async () => {
    const { client } = await signedIn(app, ws.id, 'agent');
    const soon = new Date(Date.now() + 1500).toISOString();
    const { token } = (await client.post('/api/v1/me/tokens', { name: 'short', scopes: ['user.read'], expiresAt: soon })).json() as {
      token: string;
    };
    const api = new Client(app);
    api.bearer = token;
    expect((await api.get('/api/v1/users')).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await api.get('/api/v1/users')).statusCode).toBe(401);
  });
});

describe('sign-up, password reset and invitations', () => {
  it('lets a customer sign up, refuses a taken email and respects the workspace switch', async () => {
    const client = new Client(app);
    const res = await client.post('/api/v1/auth/signup', {
      name: 'Wang Fang',
      email: 'Fang@Example.cn',
      password: 'long enough pw',
      locale: 'zh-CN',
      workspace: ws.slug,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email: 'fang@example.cn', role: 'customer', locale: 'zh-CN' });
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    const again = await new Client(app).post('/api/v1/auth/signup', {
      name: 'X',
      email: 'fang@example.cn',
      password: 'long enough pw',
      workspace: ws.slug,
    });
    expect(again.statusCode).toBe(409);
    expect(problemCode(again)).toBe('user.email_taken');
    const short = await new Client(app).post('/api/v1/auth/signup', {
      name: 'X',
      email: 'y@example.cn',
      password: 'short',
      workspace: ws.slug,
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].path).toBe('password');

    const { client: admin } = await signedIn(app, ws.id, 'admin');
    expect((await admin.patch('/api/v1/workspace', { signupEnabled: false })).statusCode).toBe(200);
    const off = await new Client(app).post('/api/v1/auth/signup', {
      name: 'X',
      email: 'z@example.cn',
      password: 'long enough pw',
      workspace: ws.slug,
    });
    expect(problemCode(off)).toBe('auth.signup_disabled');
    await admin.patch('/api/v1/workspace', { signupEnabled: true });
  });

  it('resets a forgotten password by emailed link, ending every session', async () => {
    const user = await createUser(app, ws.id, 'customer');
    const existing = new Client(app);
    await existing.login(user.email ?? '');
    const res = await new Client(app).post('/api/v1/auth/password/forgot', { email: user.email, workspace: ws.slug });
    expect(res.statusCode).toBe(202);
    // Unknown emails get the same answer.
    expect(
      (await new Client(app).post('/api/v1/auth/password/forgot', { email: 'ghost@example.com', workspace: ws.slug })).statusCode,
    ).toBe(202);
    const mail = await waitFor(() => app.mailer.sent.find((m) => m.to === user.email));
    const token = /token=([^\s&]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    const reset = await new Client(app).post('/api/v1/auth/password/reset', {
      token: decodeURIComponent(token ?? ''),
      password: 'a brand new password',
    });
    expect(reset.statusCode).toBe(204);
    expect((await existing.get('/api/v1/me')).statusCode).toBe(401);
    expect((await new Client(app).post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await new Client(app).post('/api/v1/auth/login', { email: user.email, password: 'a brand new password' })).statusCode).toBe(
      200,
    );
    const reuse = await new Client(app).post('/api/v1/auth/password/reset', {
      token: decodeURIComponent(token ?? ''),
      password: 'another new password',
    });
    expect(problemCode(reuse)).toBe('auth.reset_token_invalid');
  });

  it('invites a staff member who accepts and signs in with the invited role', async () => {
    const { client: admin } = await signedIn(app, ws.id, 'admin');
    const inv = await admin.post('/api/v1/invitations', { email: 'new.agent@example.com', name: 'New Agent', role: 'supervisor' });
    expect(inv.statusCode).toBe(201);
    const mail = await waitFor(() => app.mailer.sent.find((m) => m.to === 'new.agent@example.com'));
    const token = decodeURIComponent(/token=([^\s&]+)/.exec(mail.text)?.[1] ?? '');
    const lookup = await new Client(app).get(`/api/v1/auth/invitations/lookup?token=${encodeURIComponent(token)}`);
    expect(lookup.json()).toMatchObject({ email: 'new.agent@example.com', role: 'supervisor', workspaceName: ws.name });
    const invitee = new Client(app);
    const accepted = await invitee.post('/api/v1/auth/invitations/accept', { token, name: 'Nia Agent', password: 'invited password' });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().user).toMatchObject({ role: 'supervisor', name: 'Nia Agent' });
    expect((await invitee.get('/api/v1/audit-log')).statusCode).toBe(200);
    const twice = await new Client(app).post('/api/v1/auth/invitations/accept', { token, name: 'X', password: 'invited password' });
    expect(problemCode(twice)).toBe('invitation.invalid');
  });

  it('does not let an agent invite an admin', async () => {
    const { client } = await signedIn(app, ws.id, 'agent');
    const res = await client.post('/api/v1/invitations', { email: 'sneaky@example.com', role: 'admin' });
    expect(res.statusCode).toBe(403);
  });
});

describe('roles', () => {
  it('builds a custom role from permissions and applies it to a user', async () => {
    const { client: admin } = await signedIn(app, ws.id, 'admin');
    const role = await admin.post('/api/v1/roles', {
      key: 'kb-editor',
      name: 'KB editor',
      permissions: ['kb.write', 'kb.publish', 'user.read'],
    });
    expect(role.statusCode).toBe(201);
    const { user, client } = await signedIn(app, ws.id, 'agent');
    expect((await admin.patch(`/api/v1/users/${user.id}`, { role: 'kb-editor' })).statusCode).toBe(200);
    // Changing a role ends the user's sessions, so the new permissions apply from the next sign-in.
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
    await client.login(user.email ?? '');
    expect((await client.get('/api/v1/me')).json().permissions).toEqual(['kb.publish', 'kb.write', 'user.read']);
    const unknown = await admin.post('/api/v1/roles', { key: 'bad', name: 'Bad', permissions: ['ticket.fly'] });
    expect(unknown.statusCode).toBe(400);
    const system = (await admin.get('/api/v1/roles')).json().find((r: { key: string }) => r.key === 'agent');
    expect(problemCode(await admin.patch(`/api/v1/roles/${system.id}`, { name: 'Renamed' }))).toBe('role.system_immutable');
    expect(problemCode(await admin.delete(`/api/v1/roles/${role.json().id}`))).toBe('role.in_use');
  });

  it('never leaves the workspace without an admin', async () => {
    const w = await createWorkspace(app);
    const { user, client } = await signedIn(app, w.id, 'admin');
    const other = await signedIn(app, w.id, 'admin');
    expect((await other.client.patch(`/api/v1/users/${user.id}`, { role: 'agent' })).statusCode).toBe(200);
    const res = await client.login(user.email ?? '').catch(() => null);
    expect(res?.user.role).toBe('agent');
    const self = await other.client.patch(`/api/v1/users/${other.user.id}`, { role: 'agent' });
    expect(self.statusCode).toBe(403);
  });
});
