import { EmailSchema, PasswordSchema } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { App } from '../app.js';
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
  const [existing] = await platform.db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, ws.id), eq(users.email, email)));
  if (existing) {
    await platform.db
      .update(users)
      .set({ role: 'admin', passwordHash: hash, disabledAt: null, failedLoginCount: 0, lockedUntil: null, updatedAt: sql`now()` })
      .where(eq(users.id, existing.id));
  } else {
    await platform.db
      .insert(users)
      .values({ id: uuidv7(), workspaceId: ws.id, email, name: opts.name, role: 'admin', passwordHash: hash, locale: ws.defaultLocale });
  }
  return { email, workspace: ws.slug, created: !existing, generatedPassword };
}
