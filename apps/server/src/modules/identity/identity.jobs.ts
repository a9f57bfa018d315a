import { and, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import { workspaces } from '../workspaces/workspaces.schema.js';
import { invitationMail, passwordResetMail } from './identity.mail.js';
import { invitations, passwordResets, sessions, users } from './identity.schema.js';

export const MAIL_JOB = 'identity.mail';
export const CLEANUP_JOB = 'identity.cleanup';

export interface MailJobData {
  kind: 'password_reset' | 'invitation';
  id: string;
}

/**
 * Identity mails are jobs enqueued in the same transaction as the reset/invitation row, so a
 * crash never loses one and a relay failure is retried with backoff. The link token is
 * HMAC(secret, row id): recomputed here, never stored.
 */
export function registerIdentityJobs(p: Platform): void {
  p.jobs.define<MailJobData>({
    name: MAIL_JOB,
    options: { retryLimit: 8, retryDelay: 5, retryBackoff: true },
    async handle(data) {
      if (data.kind === 'password_reset') {
        const [row] = await p.db
          .select({ reset: passwordResets, user: users, ws: workspaces })
          .from(passwordResets)
          .innerJoin(users, eq(users.id, passwordResets.userId))
          .innerJoin(workspaces, eq(workspaces.id, passwordResets.workspaceId))
          .where(eq(passwordResets.id, data.id));
        if (!row || row.reset.usedAt || !row.user.email) return;
        const token = p.secrets.hmac('password-reset', row.reset.id);
        const link = `${p.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
        await p.mailer.send(
          passwordResetMail(row.user.locale === 'zh-CN' ? 'zh-CN' : 'en', row.user.email, {
            name: row.user.name,
            workspace: row.ws.name,
            link,
          }),
        );
        return;
      }
      const [row] = await p.db
        .select({ inv: invitations, ws: workspaces })
        .from(invitations)
        .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
        .where(eq(invitations.id, data.id));
      if (!row || row.inv.acceptedAt || row.inv.revokedAt) return;
      const [inviter] = row.inv.invitedBy ? await p.db.select({ name: users.name }).from(users).where(eq(users.id, row.inv.invitedBy)) : [];
      const token = p.secrets.hmac('invitation', row.inv.id);
      const link = `${p.config.publicUrl}/invite?token=${encodeURIComponent(token)}`;
      await p.mailer.send(
        invitationMail(row.ws.defaultLocale === 'zh-CN' ? 'zh-CN' : 'en', row.inv.email, {
          name: row.inv.name ?? '',
          inviter: inviter?.name ?? row.ws.name,
          workspace: row.ws.name,
          role: row.inv.role,
          link,
        }),
      );
    },
  });

  p.jobs.define<Record<string, never>>({
    name: CLEANUP_JOB,
    options: { retryLimit: 1 },
    async handle() {
      // Expired or revoked sessions are kept a week for the "active sessions" history, then purged.
      await p.db
        .delete(sessions)
        .where(
          or(
            lt(sessions.expiresAt, sql`now() - interval '7 days'`),
            and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, sql`now() - interval '7 days'`)),
          ),
        );
      await p.db.delete(passwordResets).where(lt(passwordResets.expiresAt, sql`now() - interval '1 day'`));
    },
  });
}
