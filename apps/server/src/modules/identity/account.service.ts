import { randomInt } from 'node:crypto';
import type { Locale, Permission } from '@switchboard/contracts';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { newTotpSecret, totpUri, verifyTotp } from '../../platform/auth/totp.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { normalizeRecoveryCode } from './auth.service.js';
import { identityPolicy, requirePermission, requireUser } from './identity.policy.js';
import { findRole, findUserById, rolePermissions, type UserRow } from './identity.repo.js';
import { apiTokens, recoveryCodes, sessions, users } from './identity.schema.js';
import { endSessions } from './sessions.js';

const RECOVERY_CODE_COUNT = 10;

/** 10 characters from an alphabet without look-alikes (~49 bits), shown as xxxxx-xxxxx. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[randomInt(alphabet.length)];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

export function accountService(p: Platform) {
  async function me(ctx: Ctx): Promise<{ user: UserRow; permissions: Permission[] }> {
    const actor = requireUser(ctx.actor);
    const user = await findUserById(p.db, actor.workspaceId, actor.userId);
    if (!user) throw notFound('user.not_found', 'User');
    return { user, permissions: [...actor.permissions] };
  }

  async function checkPassword(user: UserRow, password: string) {
    if (!(await p.passwords.verify(user.passwordHash, password))) {
      throw new AppError('auth.invalid_credentials', 401, 'The password is incorrect');
    }
  }

  async function issueRecoveryCodes(tx: Parameters<Parameters<Platform['transaction']>[0]>[0], user: UserRow): Promise<string[]> {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await tx
      .insert(recoveryCodes)
      .values(
        codes.map((c) => ({ id: uuidv7(), workspaceId: user.workspaceId, userId: user.id, codeHash: sha256(normalizeRecoveryCode(c)) })),
      );
    return codes;
  }

  return {
    me,

    async updateMe(ctx: Ctx, input: { name?: string | undefined; locale?: Locale | undefined; timezone?: string | undefined }) {
      const actor = requireUser(ctx.actor);
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      await p.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ ...changes, updatedAt: sql`now()` })
          .where(eq(users.id, actor.userId));
        await recordEvent(tx, ctx.actor, {
          workspaceId: actor.workspaceId,
          type: 'user.updated',
          subject: { type: 'user', id: actor.userId },
          payload: { fields: Object.keys(changes) },
        });
      });
      return me(ctx);
    },

    async changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<void> {
      const { user } = await me(ctx);
      const actor = requireUser(ctx.actor);
      await checkPassword(user, input.currentPassword);
      const passwordHash = await p.passwords.hash(input.newPassword);
      await p.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, user.id));
        // Other sessions end: whoever knew the old password is signed out.
        await endSessions(tx, ctx.actor, { workspaceId: user.workspaceId, userId: user.id, exceptSessionId: actor.sessionId });
        await recordAudit(tx, ctx, {
          workspaceId: user.workspaceId,
          action: 'auth.password_changed',
          subject: { type: 'user', id: user.id },
        });
      });
    },

    async startTotp(ctx: Ctx) {
      const { user } = await me(ctx);
      if (user.totpEnabledAt) throw new AppError('auth.mfa_already_enabled', 409, 'Two-factor authentication is already on');
      const secret = newTotpSecret();
      await p.db
        .update(users)
        .set({ totpPendingEnc: p.secrets.encrypt(secret) })
        .where(eq(users.id, user.id));
      return { secret, otpauthUrl: totpUri(secret, user.email ?? user.name) };
    },

    async enableTotp(ctx: Ctx, code: string): Promise<string[]> {
      const { user } = await me(ctx);
      if (user.totpEnabledAt) throw new AppError('auth.mfa_already_enabled', 409, 'Two-factor authentication is already on');
      if (!user.totpPendingEnc) throw new AppError('auth.mfa_setup_required', 409, 'Start the two-factor setup first');
      const secret = p.secrets.decrypt(user.totpPendingEnc);
      const step = await verifyTotp(secret, code);
      if (step === null)
        throw new AppError('auth.invalid_mfa_code', 400, 'That code is not valid', {
          errors: [{ path: 'code', message: 'That code is not valid', code: 'invalid_mfa_code' }],
        });
      return p.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ totpSecretEnc: user.totpPendingEnc, totpPendingEnc: null, totpEnabledAt: sql`now()`, totpLastStep: step })
          .where(eq(users.id, user.id));
        const codes = await issueRecoveryCodes(tx, user);
        await recordAudit(tx, ctx, { workspaceId: user.workspaceId, action: 'auth.mfa_enabled', subject: { type: 'user', id: user.id } });
        return codes;
      });
    },

    async disableTotp(ctx: Ctx, password: string): Promise<void> {
      const { user } = await me(ctx);
      if (!user.totpEnabledAt) throw new AppError('auth.mfa_not_enabled', 409, 'Two-factor authentication is off');
      await checkPassword(user, password);
      await p.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ totpSecretEnc: null, totpPendingEnc: null, totpEnabledAt: null, totpLastStep: null })
          .where(eq(users.id, user.id));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
        await recordAudit(tx, ctx, { workspaceId: user.workspaceId, action: 'auth.mfa_disabled', subject: { type: 'user', id: user.id } });
      });
    },

    async regenerateRecoveryCodes(ctx: Ctx, password: string): Promise<string[]> {
      const { user } = await me(ctx);
      if (!user.totpEnabledAt) throw new AppError('auth.mfa_not_enabled', 409, 'Two-factor authentication is off');
      await checkPassword(user, password);
      return p.transaction(async (tx) => {
        const codes = await issueRecoveryCodes(tx, user);
        await recordAudit(tx, ctx, {
          workspaceId: user.workspaceId,
          action: 'auth.recovery_codes_regenerated',
          subject: { type: 'user', id: user.id },
        });
        return codes;
      });
    },

    async listSessions(ctx: Ctx) {
      const actor = requireUser(ctx.actor);
      const rows = await p.db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.userId, actor.userId),
            isNull(sessions.revokedAt),
            eq(sessions.stage, 'active'),
            sql`${sessions.expiresAt} > now()`,
          ),
        )
        .orderBy(desc(sessions.lastSeenAt))
        .limit(100);
      return rows.map((s) => ({
        id: s.id,
        current: s.id === actor.sessionId,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        ip: s.ip,
        userAgent: s.userAgent,
      }));
    },

    async revokeSession(ctx: Ctx, id: string): Promise<void> {
      const actor = requireUser(ctx.actor);
      await p.transaction(async (tx) => {
        const rows = await tx
          .update(sessions)
          .set({ revokedAt: sql`now()` })
          .where(and(eq(sessions.id, id), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
          .returning({ id: sessions.id });
        if (rows.length === 0) throw notFound('resource.not_found', 'Session');
        await recordEvent(tx, ctx.actor, {
          workspaceId: actor.workspaceId,
          type: 'user.sessions_revoked',
          subject: { type: 'user', id: actor.userId },
          payload: { sessionIds: [id] },
        });
      });
    },

    async createToken(ctx: Ctx, input: { name: string; scopes: Permission[]; expiresAt?: string | undefined }) {
      const actor = requirePermission(ctx.actor, 'api_token.create');
      if (!identityPolicy.canCreateTokenWith(actor, input.scopes)) {
        throw new AppError('auth.token_scope_exceeded', 403, 'A token cannot have permissions you do not have');
      }
      const prefix = randomToken(6).replace(/[-_]/g, 'x').slice(0, 8);
      const token = `sbp_${prefix}_${randomToken(32)}`;
      const id = uuidv7();
      const [row] = await p.transaction(async (tx) => {
        const rows = await tx
          .insert(apiTokens)
          .values({
            id,
            workspaceId: actor.workspaceId,
            userId: actor.userId,
            name: input.name,
            prefix: `sbp_${prefix}`,
            tokenHash: sha256(token),
            scopes: [...new Set(input.scopes)],
            expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          })
          .returning();
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'api_token.created',
          subject: { type: 'api_token', id },
          data: { scopes: input.scopes },
        });
        return rows;
      });
      return { token, ...presentToken(row as typeof apiTokens.$inferSelect) };
    },

    async listTokens(ctx: Ctx) {
      const actor = requireUser(ctx.actor);
      const rows = await p.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
        .orderBy(desc(apiTokens.id));
      return rows.map(presentToken);
    },

    async revokeToken(ctx: Ctx, id: string): Promise<void> {
      const actor = requireUser(ctx.actor);
      await p.transaction(async (tx) => {
        const rows = await tx
          .update(apiTokens)
          .set({ revokedAt: sql`now()` })
          .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id });
        if (rows.length === 0) throw notFound('token.not_found', 'Token');
        await recordAudit(tx, ctx, { workspaceId: actor.workspaceId, action: 'api_token.revoked', subject: { type: 'api_token', id } });
      });
    },

    async permissionsOf(workspaceId: string, roleKey: string): Promise<Permission[]> {
      return rolePermissions(await findRole(p.db, workspaceId, roleKey));
    },
  };
}
export type AccountService = ReturnType<typeof accountService>;

function presentToken(t: typeof apiTokens.$inferSelect) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
  };
}
