import type { App } from '../app.js';
import { SYSTEM } from '../platform/auth/actor.js';
import { randomToken } from '../platform/crypto.js';
import { seedDemo } from './seed-demo.js';

/**
 * First start on an empty database: create the primary workspace, and with `demo` fill it with
 * the demo data set and a generated admin password, which the caller prints once.
 */
export async function ensureSetup(app: App, opts: { demo: boolean }) {
  const { workspaces } = app.services;
  if ((await workspaces.count()) > 0) return { createdAdmin: null };
  const ctx = { actor: SYSTEM, log: app.server.log };
  if (!opts.demo) {
    await workspaces.create(ctx, { name: 'Support', slug: 'support' });
    return { createdAdmin: null };
  }
  const password = process.env.DEMO_ADMIN_PASSWORD || randomToken(12);
  const result = await seedDemo(app, { password, quiet: true });
  return { createdAdmin: { email: result.adminEmail, password } };
}
