import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResets } from '../../modules/identity/identity.schema.js';
import { MAIL_JOB } from '../../modules/identity/index.js';
import { Client, createUser, createWorkspace, signedIn, startApp, TEST_PASSWORD, type TestApp, waitFor } from '../../test/harness.js';
import { SYSTEM } from '../auth/actor.js';
import { sha256 } from '../crypto.js';
import { outboxEvents } from '../events/outbox.schema.js';
import { uuidv7 } from '../ids.js';

describe('durable jobs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => app.close());

  /** pg-boss's own record of the mail jobs for one password reset row. */
  async function mailJobsFor(resetId: string) {
    const result = await app.platform.db.execute(
      sql`select state, retry_count from pgboss.job where name = ${MAIL_JOB} and data->>'id' = ${resetId} order by created_on`,
    );
    return (result as unknown as { rows: { state: string; retry_count: number }[] }).rows;
  }

  const mailsTo = (email: string) => app.mailer.sent.filter((m) => m.to === email);

  it('retries a failed password-reset mail with backoff, and the link in the mail works', async () => {
    const ws = await createWorkspace(app);
    const { client: oldSession, user } = await signedIn(app, ws.id, 'agent');
    const email = user.email ?? '';

    app.mailer.failNext = 1;
    const anon = new Client(app);
    const forgot = await anon.post('/api/v1/auth/password/forgot', { email, workspace: ws.slug });
    expect(forgot.statusCode).toBe(202);

    // The first attempt hits the failing relay; nothing was delivered.
    await waitFor(() => app.mailer.failNext === 0, 10_000);
    expect(mailsTo(email)).toEqual([]);

    // The retry delivers it (first backoff is 5-10 s).
    const [mail] = await waitFor(() => (mailsTo(email).length ? mailsTo(email) : null), 30_000, 200);
    expect(mail?.subject).toContain(ws.name);
    const [reset] = await app.platform.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    const jobs = await waitFor(async () => {
      const rows = await mailJobsFor(reset?.id ?? '');
      return rows[0]?.state === 'completed' ? rows : null;
    });
    expect(jobs).toHaveLength(1);
    expect(Number(jobs[0]?.retry_count)).toBe(1);

    // The emailed link resets the password.
    const link = /(\S+\/reset-password\?token=\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(link.startsWith(`${app.config.publicUrl}/reset-password?token=`)).toBe(true);
    const token = new URL(link).searchParams.get('token') ?? '';
    const newPassword = 'a brand new passphrase';
    const res = await anon.post('/api/v1/auth/password/reset', { token, password: newPassword });
    expect(res.statusCode).toBe(204);

    // The link is single-use.
    const reuse = await anon.post('/api/v1/auth/password/reset', { token, password: 'yet another passphrase' });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().code).toBe('auth.reset_token_invalid');

    const withOld = await new Client(app).post('/api/v1/auth/login', { email, password: TEST_PASSWORD, workspace: ws.slug });
    expect(withOld.statusCode).toBe(401);
    const fresh = new Client(app);
    await fresh.login(email, newPassword, ws.slug);
    expect((await fresh.get('/api/v1/me')).statusCode).toBe(200);
    // Sessions from before the reset are over.
    expect((await oldSession.get('/api/v1/me')).statusCode).toBe(401);
    // Exactly one mail, despite the failure and the retry.
    expect(mailsTo(email)).toHaveLength(1);
  }, 60_000);

  it('a job enqueued in a transaction that rolls back never runs; the same job committed does', async () => {
    const ws = await createWorkspace(app);
    const user = await createUser(app, ws.id, 'agent');
    const email = user.email ?? '';
    // A committed reset row, so a leaked job would have a mail to send.
    const resetId = uuidv7();
    await app.platform.db.insert(passwordResets).values({
      id: resetId,
      workspaceId: ws.id,
      userId: user.id,
      tokenHash: sha256(app.platform.secrets.hmac('password-reset', resetId)),
      expiresAt: new Date(Date.now() + 3600_000),
    });

    const rolledBack = app.platform.transaction(async (tx) => {
      await app.platform.jobs.enqueue(tx, SYSTEM, MAIL_JOB, { kind: 'password_reset', id: resetId });
      throw new Error('change abandoned');
    });
    await expect(rolledBack).rejects.toThrow('change abandoned');
    await app.settle();
    expect(await mailJobsFor(resetId)).toEqual([]);

    // The control: the same job, committed, is worked and mails the user...
    await app.platform.transaction((tx) => app.platform.jobs.enqueue(tx, SYSTEM, MAIL_JOB, { kind: 'password_reset', id: resetId }));
    await waitFor(() => mailsTo(email).length > 0, 15_000);
    await waitFor(async () => (await mailJobsFor(resetId))[0]?.state === 'completed');
    // ...once: the rolled-back job never existed.
    expect(mailsTo(email)).toHaveLength(1);
    expect(await mailJobsFor(resetId)).toHaveLength(1);
  }, 30_000);

  it('a hand-over delivered twice (crash before it was marked done) still makes one job and one mail', async () => {
    const ws = await createWorkspace(app);
    const user = await createUser(app, ws.id, 'agent');
    const email = user.email ?? '';
    const forgot = await new Client(app).post('/api/v1/auth/password/forgot', { email, workspace: ws.slug });
    expect(forgot.statusCode).toBe(202);
    await waitFor(() => mailsTo(email).length > 0, 15_000);
    const [reset] = await app.platform.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    await waitFor(async () => (await mailJobsFor(reset?.id ?? ''))[0]?.state === 'completed');

    // Redeliver the hand-over event, as after a crash between hand-over and bookkeeping.
    const handOver = await app.platform.db
      .update(outboxEvents)
      .set({ dispatchedAt: null })
      .where(and(eq(outboxEvents.type, 'job.requested'), sql`${outboxEvents.payload}->'data'->>'id' = ${reset?.id ?? ''}`))
      .returning({ id: outboxEvents.id });
    expect(handOver).toHaveLength(1);
    app.platform.outbox.kick();
    await waitFor(async () => {
      const [row] = await app.platform.db
        .select()
        .from(outboxEvents)
        .where(eq(outboxEvents.id, handOver[0]?.id ?? ''));
      return row?.dispatchedAt;
    });
    await app.settle();
    expect(await mailJobsFor(reset?.id ?? '')).toHaveLength(1);
    expect(mailsTo(email)).toHaveLength(1);
  });
});
