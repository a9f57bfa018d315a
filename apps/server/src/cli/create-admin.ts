import { EmailSchema, PasswordSchema } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { App } from '../app.js';
import { recordAudit } from '../modules/audit/index.js';
import { users } from '../modules/identity/index.js';
import { SYSTEM } from '../platform/auth/actor.js';
import { randomToken } from '../platform/crypto.js';
import { uuidv7 } from '../platform/ids.js';

export async function createAdmin(
  app: App,
  opts: { email: string; name: string; password?: string | undefined; workspace?: string | undefined },
) {
  const { platform, services } = app;
  const ctx = { actor: SYSTEM, log: app.server.log };
  const email = EmailSchema.parse(opts.email);
  const generatedPassword = opts.password ? null : randomToken(12);
  const password = PasswordSchema.parse(opts.password ?? generatedPassword);
  let ws = opts.workspace ? await services.workspaces.findBySlug(opts.workspace) : await services.workspaces.primary();
  if (!ws) {
    if (opts.workspace) throw new Error(`No workspace "${opts.workspace}"`);
    ws = await services.workspaces.create(ctx, { name: 'Support', slug: 'support' });
  }
  const hash = await platform.passwords.hash(password);
  const workspace = ws;
  const existing = await platform.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, workspace.id), eq(users.email, email)));
    const id = found?.id ?? uuidv7();
    if (found) {
      await tx
        .update(users)
        .set({ role: 'admin', passwordHash: hash, disabledAt: null, failedLoginCount: 0, lockedUntil: null, updatedAt: sql`now()` })
        .where(eq(users.id, id));
    } else {
      await tx.insert(users).values({
        id,
        workspaceId: workspace.id,
        email,
        name: opts.name,
        role: 'admin',
        passwordHash: hash,
        locale: workspace.defaultLocale,
      });
    }
    await recordAudit(tx, ctx, {
      workspaceId: workspace.id,
      action: found ? 'user.admin_reset_by_cli' : 'user.admin_created_by_cli',
      subject: { type: 'user', id },
    });
    return found;
  });
  return { email, workspace: ws.slug, created: !existing, generatedPassword };
}
