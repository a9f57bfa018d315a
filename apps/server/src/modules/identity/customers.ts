import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/ids.js';
import { findUserByEmail, type UserRow } from './identity.repo.js';
import { organizations, users } from './identity.schema.js';

/** The organization whose domains include the email's domain, if any. */
export async function organizationForEmail(db: DbOrTx, workspaceId: string, email: string): Promise<string | null> {
  const domain = email.split('@')[1]?.toLowerCase();
  if (!domain) return null;
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.workspaceId, workspaceId), sql`${domain} = any(${organizations.domains})`))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Finds the customer behind an email address or creates a passwordless one (email senders,
 * tickets opened by agents or the API). A passwordless customer claims the account later
 * through password reset.
 */
export async function findOrCreateCustomer(
  db: DbOrTx,
  workspaceId: string,
  input: { email: string; name?: string | undefined; locale?: string | undefined },
): Promise<{ user: UserRow; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const existing = await findUserByEmail(db, workspaceId, email);
  if (existing) return { user: existing, created: false };
  const organizationId = await organizationForEmail(db, workspaceId, email);
  const [row] = await db
    .insert(users)
    .values({
      id: uuidv7(),
      workspaceId,
      email,
      name: input.name?.trim() || email.split('@')[0] || email,
      role: 'customer',
      organizationId,
      locale: input.locale === 'zh-CN' ? 'zh-CN' : 'en',
    })
    .onConflictDoNothing()
    .returning();
  if (row) return { user: row, created: true };
  // Lost a race with a concurrent insert of the same address.
  const again = await findUserByEmail(db, workspaceId, email);
  if (!again) throw new Error('customer vanished after a conflicting insert');
  return { user: again, created: false };
}
