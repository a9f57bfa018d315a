import type { Locale, Permission } from '@switchboard/contracts';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { UserActor } from '../../platform/auth/actor.js';
import { verifyTotp } from '../../platform/auth/totp.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import type { WorkspaceRow, WorkspacesService } from '../workspaces/index.js';
import { MAIL_JOB } from './identity.jobs.js';
import {
  findLoginCandidates,
  findRole,
  findSessionWithUser,
  findTokenWithUser,
  findUserByEmail,
  type RoleRow,
  rolePermissions,
  type UserRow,
} from './identity.repo.js';
import { apiTokens, invitations, passwordResets, recoveryCodes, sessions, users } from './identity.schema.js';
import { endSessions } from './sessions.js';

export const SESSION_COOKIE = 'sb_session';
export const CSRF_COOKIE = 'sb_csrf';
const MFA_STAGE_MINUTES = 10;
const MFA_MAX_ATTEMPTS = 5;
const RESET_TTL_MINUTES = 60;
const TOUCH_EVERY_MS = 60_000;

export interface SignedIn {
  token: string;
  user: UserRow;
  permissions: Permission[];
}

export type LoginOutcome = ({ status: 'ok' } & SignedIn) | { status: 'mfa_required'; token: string };

const invalidCredentials = () => new AppError('auth.invalid_credentials', 401, 'The email or password is incorrect');

export function actorFor(
  user: UserRow,
  role: RoleRow | null,
  extra: { sessionId?: string; tokenId?: string; scopes?: readonly string[] },
): UserActor {
  let permissions = rolePermissions(role);
  if (extra.scopes) permissions = permissions.filter((p) => extra.scopes?.includes(p));
  return {
    kind: role?.audience === 'customer' ? 'customer' : 'agent',
    userId: user.id,
    workspaceId: user.workspaceId,
    role: user.role,
    permissions: new Set(permissions),
    sessionId: extra.sessionId,
    tokenId: extra.tokenId,
  };
}

export function authService(p: Platform, workspaces: WorkspacesService) {
  const { config } = p;

  async function newSession(tx: DbOrTx, ctx: Ctx, user: UserRow, stage: 'active' | 'mfa'): Promise<string> {
    const token = randomToken(32);
    const ttlMs = stage === 'mfa' ? MFA_STAGE_MINUTES * 60_000 : config.SESSION_ABSOLUTE_HOURS * 3_600_000;
    await tx.insert(sessions).values({
      id: uuidv7(),
      workspaceId: user.workspaceId,
      userId: user.id,
      tokenHash: sha256(token),
      stage,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent?.slice(0, 400) ?? null,
      expiresAt: new Date(Date.now() + ttlMs),
    });
    return token;
  }

  async function signIn(tx: DbOrTx, ctx: Ctx, user: UserRow, method: string): Promise<SignedIn> {
    const token = await newSession(tx, ctx, user, 'active');
    await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
    await recordAudit(tx, ctx, {
      workspaceId: user.workspaceId,
      action: 'auth.login',
      actorId: user.id,
      subject: { type: 'user', id: user.id },
      data: { method },
    });
    await recordEvent(tx, ctx.actor, { workspaceId: user.workspaceId, type: 'user.signed_in', subject: { type: 'user', id: user.id } });
    const role = await findRole(tx, user.workspaceId, user.role);
    return { token, user, permissions: rolePermissions(role) };
  }

  /** Which workspace an anonymous request means: an explicit slug, else the primary one. */
  async function resolveWorkspace(slug?: string): Promise<WorkspaceRow> {
    const ws = slug ? await workspaces.findBySlug(slug) : await workspaces.primary();
    if (!ws) throw new AppError('workspace.not_found', 404, 'Workspace not found');
    return ws;
  }

  async function findForLogin(email: string, slug?: string): Promise<UserRow | null> {
    if (slug) {
      const ws = await workspaces.findBySlug(slug);
      return ws ? findUserByEmail(p.db, ws.id, email) : null;
    }
    const candidates = await findLoginCandidates(p.db, email);
    if (candidates.length > 1) {
      throw new AppError('auth.workspace_required', 409, 'This email belongs to several workspaces; choose one');
    }
    return candidates[0] ?? null;
  }

  async function throttle(ctx: Ctx, bucket: string, limit: number, windowSeconds: number) {
    const r = await p.rateLimiter.hit(`${bucket}:${ctx.ip ?? 'unknown'}`, limit, windowSeconds);
    if (!r.allowed) {
      throw new AppError('rate_limited', 429, 'Too many attempts; wait and try again', { retryAfterSeconds: r.retryAfterSeconds });
    }
  }

  return {
    resolveWorkspace,

    async login(ctx: Ctx, input: { email: string; password: string; workspace?: string | undefined }): Promise<LoginOutcome> {
      await throttle(ctx, 'login', config.LOGIN_RATE_PER_IP, 300);
      const user = await findForLogin(input.email, input.workspace);
      if (user?.lockedUntil && user.lockedUntil > new Date()) {
        const retryAfterSeconds = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
        throw new AppError('auth.account_locked', 423, 'Too many failed sign-ins; the account is locked for a while', {
          retryAfterSeconds,
        });
      }
      const ok = await p.passwords.verify(user?.passwordHash ?? null, input.password);
      if (!user || !ok) {
        if (user) {
          await p.transaction(async (tx) => {
            const [row] = await tx
              .update(users)
              .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
              .where(eq(users.id, user.id))
              .returning({ failures: users.failedLoginCount });
            const failures = row?.failures ?? 0;
            const lock = failures >= config.LOGIN_MAX_FAILURES;
            if (lock) {
              await tx
                .update(users)
                .set({ failedLoginCount: 0, lockedUntil: new Date(Date.now() + config.LOGIN_LOCKOUT_MINUTES * 60_000) })
                .where(eq(users.id, user.id));
            }
            await recordAudit(tx, ctx, {
              workspaceId: user.workspaceId,
              action: lock ? 'auth.locked_out' : 'auth.login_failed',
              actorId: user.id,
              subject: { type: 'user', id: user.id },
              data: { failures },
            });
          });
        }
        throw invalidCredentials();
      }
      if (user.disabledAt) throw new AppError('auth.account_disabled', 403, 'This account is disabled');
      return p.transaction(async (tx) => {
        if (user.totpEnabledAt) {
          return { status: 'mfa_required' as const, token: await newSession(tx, ctx, user, 'mfa') };
        }
        return { status: 'ok' as const, ...(await signIn(tx, ctx, user, 'password')) };
      });
    },

    /** Second step: the cookie holds an `mfa`-stage session; a valid code upgrades it. */
    async completeMfa(ctx: Ctx, sessionToken: string | null, input: { code?: string; recoveryCode?: string }): Promise<SignedIn> {
      await throttle(ctx, 'mfa', config.LOGIN_RATE_PER_IP, 300);
      const expired = () => new AppError('auth.mfa_challenge_expired', 401, 'The sign-in attempt expired; start again');
      if (!sessionToken) throw expired();
      const found = await findSessionWithUser(p.db, sha256(sessionToken));
      if (found?.session.stage !== 'mfa') throw expired();
      const { session, user } = found;
      let accepted: { step?: number; recoveryId?: string } | null = null;
      if (input.code && user.totpSecretEnc) {
        const step = await verifyTotp(p.secrets.decrypt(user.totpSecretEnc), input.code, user.totpLastStep);
        if (step !== null) accepted = { step };
      } else if (input.recoveryCode) {
        const hash = sha256(normalizeRecoveryCode(input.recoveryCode));
        const [code] = await p.db
          .select({ id: recoveryCodes.id })
          .from(recoveryCodes)
          .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hash), isNull(recoveryCodes.usedAt)));
        if (code) accepted = { recoveryId: code.id };
      }
      if (!accepted) {
        await p.transaction(async (tx) => {
          const [row] = await tx
            .update(sessions)
            .set({ mfaAttempts: sql`${sessions.mfaAttempts} + 1` })
            .where(eq(sessions.id, session.id))
            .returning({ attempts: sessions.mfaAttempts });
          if ((row?.attempts ?? 0) >= MFA_MAX_ATTEMPTS) {
            await tx.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.id, session.id));
          }
          await recordAudit(tx, ctx, {
            workspaceId: user.workspaceId,
            action: 'auth.mfa_failed',
            actorId: user.id,
            subject: { type: 'user', id: user.id },
          });
        });
        throw new AppError('auth.invalid_mfa_code', 401, 'That code is not valid');
      }
      return p.transaction(async (tx) => {
        // Single use: a concurrent second request with the same code finds nothing to update.
        if (accepted.recoveryId) {
          const used = await tx
            .update(recoveryCodes)
            .set({ usedAt: sql`now()` })
            .where(and(eq(recoveryCodes.id, accepted.recoveryId), isNull(recoveryCodes.usedAt)))
            .returning({ id: recoveryCodes.id });
          if (used.length === 0) throw new AppError('auth.invalid_mfa_code', 401, 'That code is not valid');
        } else {
          const moved = await tx
            .update(users)
            .set({ totpLastStep: accepted.step ?? null })
            .where(and(eq(users.id, user.id), sql`coalesce(${users.totpLastStep}, -1) < ${accepted.step ?? 0}`))
            .returning({ id: users.id });
          if (moved.length === 0) throw new AppError('auth.invalid_mfa_code', 401, 'That code is not valid');
        }
        await tx.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.id, session.id));
        return signIn(tx, ctx, user, accepted.recoveryId ? 'recovery_code' : 'totp');
      });
    },

    /** Resolves a session cookie to an actor (active sessions only), honouring both timeouts. */
    async authenticateSession(token: string): Promise<{ actor: UserActor; mfaPending: false } | { actor: null; mfaPending: boolean }> {
      const found = await findSessionWithUser(p.db, sha256(token));
      if (!found) return { actor: null, mfaPending: false };
      const { session, user, role } = found;
      if (session.stage === 'mfa') return { actor: null, mfaPending: true };
      const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
      const now = Date.now();
      if (now - session.lastSeenAt.getTime() > idleMs || user.disabledAt) {
        await p.db.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.id, session.id));
        return { actor: null, mfaPending: false };
      }
      if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await p.db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, session.id));
      }
      return { actor: actorFor(user, role, { sessionId: session.id }), mfaPending: false };
    },

    async authenticateToken(token: string): Promise<UserActor | null> {
      const found = await findTokenWithUser(p.db, sha256(token));
      if (!found) return null;
      const { token: row, user, role } = found;
      if (row.revokedAt || (row.expiresAt && row.expiresAt <= new Date()) || user.disabledAt) return null;
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        await p.db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.id));
      }
      return actorFor(user, role, { tokenId: row.id, scopes: row.scopes });
    },

    async logout(ctx: Ctx, sessionToken: string | null): Promise<void> {
      if (!sessionToken) return;
      await p.transaction(async (tx) => {
        const [row] = await tx
          .update(sessions)
          .set({ revokedAt: sql`now()` })
          .where(and(eq(sessions.tokenHash, sha256(sessionToken)), isNull(sessions.revokedAt)))
          .returning();
        if (!row) return;
        await recordAudit(tx, ctx, {
          workspaceId: row.workspaceId,
          action: 'auth.logout',
          actorId: row.userId,
          subject: { type: 'user', id: row.userId },
        });
        await recordEvent(tx, ctx.actor, {
          workspaceId: row.workspaceId,
          type: 'user.sessions_revoked',
          subject: { type: 'user', id: row.userId },
          payload: { sessionIds: [row.id] },
        });
      });
    },

    async logoutEverywhere(ctx: Ctx, actor: UserActor): Promise<void> {
      await p.transaction(async (tx) => {
        const ids = await endSessions(tx, ctx.actor, { workspaceId: actor.workspaceId, userId: actor.userId });
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'auth.logout_all',
          subject: { type: 'user', id: actor.userId },
          data: { sessions: ids.length },
        });
      });
    },

    async signup(
      ctx: Ctx,
      input: { name: string; email: string; password: string; locale?: Locale | undefined; workspace?: string | undefined },
    ): Promise<SignedIn> {
      await throttle(ctx, 'signup', 20, 3600);
      const ws = await resolveWorkspace(input.workspace);
      if (!ws.signupEnabled) throw new AppError('auth.signup_disabled', 403, 'Sign-up is turned off for this workspace');
      const passwordHash = await p.passwords.hash(input.password);
      return p.transaction(async (tx) => {
        if (await findUserByEmail(tx, ws.id, input.email)) {
          // An email-only customer (wrote in by email or chat) proves ownership through a reset.
          throw new AppError('user.email_taken', 409, 'An account with this email exists; sign in or reset the password');
        }
        const id = uuidv7();
        const [user] = await tx
          .insert(users)
          .values({
            id,
            workspaceId: ws.id,
            email: input.email,
            name: input.name,
            role: 'customer',
            passwordHash,
            locale: input.locale ?? ws.defaultLocale,
            timezone: ws.timezone,
          })
          .returning();
        await recordAudit(tx, ctx, { workspaceId: ws.id, action: 'user.signed_up', actorId: id, subject: { type: 'user', id } });
        await recordEvent(tx, ctx.actor, {
          workspaceId: ws.id,
          type: 'user.created',
          subject: { type: 'user', id },
          payload: { role: 'customer', via: 'signup' },
        });
        return signIn(tx, ctx, user as UserRow, 'signup');
      });
    },

    /** Always "accepted": whether the email exists is not disclosed. */
    async requestPasswordReset(ctx: Ctx, input: { email: string; workspace?: string | undefined }): Promise<void> {
      await throttle(ctx, 'reset', 10, 900);
      const ws = await resolveWorkspace(input.workspace).catch(() => null);
      if (!ws) return;
      const user = await findUserByEmail(p.db, ws.id, input.email);
      if (!user || user.disabledAt) return;
      await p.transaction(async (tx) => {
        const id = uuidv7();
        await tx.insert(passwordResets).values({
          id,
          workspaceId: ws.id,
          userId: user.id,
          tokenHash: sha256(p.secrets.hmac('password-reset', id)),
          expiresAt: new Date(Date.now() + RESET_TTL_MINUTES * 60_000),
        });
        await recordAudit(tx, ctx, {
          workspaceId: ws.id,
          action: 'auth.password_reset_requested',
          actorId: user.id,
          subject: { type: 'user', id: user.id },
        });
        await recordEvent(tx, ctx.actor, {
          workspaceId: ws.id,
          type: 'user.password_reset_requested',
          subject: { type: 'user', id: user.id },
        });
        await p.jobs.enqueue(tx, ctx.actor, MAIL_JOB, { kind: 'password_reset', id });
      });
    },

    async resetPassword(ctx: Ctx, input: { token: string; password: string }): Promise<void> {
      await throttle(ctx, 'reset', 10, 900);
      const invalidToken = () => new AppError('auth.reset_token_invalid', 400, 'This reset link is invalid or has expired');
      const passwordHash = await p.passwords.hash(input.password);
      await p.transaction(async (tx) => {
        const [reset] = await tx
          .update(passwordResets)
          .set({ usedAt: sql`now()` })
          .where(
            and(eq(passwordResets.tokenHash, sha256(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)),
          )
          .returning();
        if (!reset) throw invalidToken();
        await tx
          .update(users)
          .set({ passwordHash, failedLoginCount: 0, lockedUntil: null, updatedAt: sql`now()` })
          .where(eq(users.id, reset.userId));
        await endSessions(tx, ctx.actor, { workspaceId: reset.workspaceId, userId: reset.userId });
        await recordAudit(tx, ctx, {
          workspaceId: reset.workspaceId,
          action: 'auth.password_reset',
          actorId: reset.userId,
          subject: { type: 'user', id: reset.userId },
        });
      });
    },

    async lookupInvitation(token: string) {
      const [row] = await p.db
        .select()
        .from(invitations)
        .where(
          and(
            eq(invitations.tokenHash, sha256(token)),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, sql`now()`),
          ),
        );
      if (!row) throw new AppError('invitation.invalid', 400, 'This invitation is invalid, used or expired');
      const ws = await workspaces.findById(row.workspaceId);
      return { invitation: row, workspaceName: ws?.name ?? '' };
    },

    async acceptInvitation(ctx: Ctx, input: { token: string; name: string; password: string }): Promise<SignedIn> {
      await throttle(ctx, 'invite', 20, 900);
      const passwordHash = await p.passwords.hash(input.password);
      return p.transaction(async (tx) => {
        const [inv] = await tx
          .update(invitations)
          .set({ acceptedAt: sql`now()` })
          .where(
            and(
              eq(invitations.tokenHash, sha256(input.token)),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
              gt(invitations.expiresAt, sql`now()`),
            ),
          )
          .returning();
        if (!inv) throw new AppError('invitation.invalid', 400, 'This invitation is invalid, used or expired');
        if (await findUserByEmail(tx, inv.workspaceId, inv.email)) {
          throw new AppError('user.email_taken', 409, 'An account with this email already exists');
        }
        const id = uuidv7();
        // Through tx: a root-handle query inside platform.transaction throws (on PGlite it would deadlock).
        const ws = await workspaces.findById(inv.workspaceId, tx);
        const [user] = await tx
          .insert(users)
          .values({
            id,
            workspaceId: inv.workspaceId,
            email: inv.email,
            name: input.name,
            role: inv.role,
            passwordHash,
            locale: ws?.defaultLocale ?? 'en',
            timezone: ws?.timezone ?? 'UTC',
          })
          .returning();
        await recordAudit(tx, ctx, {
          workspaceId: inv.workspaceId,
          action: 'invitation.accepted',
          actorId: id,
          subject: { type: 'invitation', id: inv.id },
          data: { role: inv.role },
        });
        await recordEvent(tx, ctx.actor, {
          workspaceId: inv.workspaceId,
          type: 'user.created',
          subject: { type: 'user', id },
          payload: { role: inv.role, via: 'invitation' },
        });
        return signIn(tx, ctx, user as UserRow, 'invitation');
      });
    },

    csrfFor(sessionToken: string): string {
      return p.secrets.hmac('csrf', sessionToken);
    },
  };
}
export type AuthService = ReturnType<typeof authService>;

export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[^a-z0-9]/gi, '').toLowerCase();
}
