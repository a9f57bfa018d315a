import { SingleBar } from 'cli-progress';
import type { App } from '../app.js';
import { users } from '../modules/identity/index.js';
import type { WorkspaceRow } from '../modules/workspaces/index.js';
import { SYSTEM } from '../platform/auth/actor.js';
import { uuidv7 } from '../platform/ids.js';
import { type DemoPerson, seedDemoTickets } from './demo-tickets.js';
import { FIRST_NAMES, LAST_NAMES, pickFrom, rng, ZH_NAMES } from './support-texts.js';

export interface SeedOptions {
  password: string;
  customers?: number;
  agents?: number;
  /** tickets written through the tickets service, with replies, notes and status changes */
  tickets?: number;
  quiet?: boolean;
  slug?: string;
}

const personName = (rand: () => number, zh: boolean) =>
  zh ? pickFrom(rand, ZH_NAMES) : `${pickFrom(rand, FIRST_NAMES)} ${pickFrom(rand, LAST_NAMES)}`;

async function insertStaff(
  app: App,
  ws: WorkspaceRow,
  nAgents: number,
  password: string,
  rand: () => number,
): Promise<Array<DemoPerson & { email: string }>> {
  // One hash for every demo staff account: argon2 is deliberately slow, and they share the password.
  const hash = await app.platform.passwords.hash(password);
  const staff = [
    { email: `admin@${ws.slug}.example.com`, name: 'Ada Admin', role: 'admin' },
    { email: `supervisor@${ws.slug}.example.com`, name: 'Sam Supervisor', role: 'supervisor' },
    ...Array.from({ length: nAgents - 1 }, (_, i) => ({
      email: `agent${i + 1}@${ws.slug}.example.com`,
      name: personName(rand, i % 3 === 2),
      role: 'agent',
    })),
  ].map((s, i) => ({ ...s, id: uuidv7(), locale: i % 3 === 2 ? 'zh-CN' : 'en' }));
  await app.platform.db.insert(users).values(
    staff.map((s) => ({
      id: s.id,
      workspaceId: ws.id,
      email: s.email,
      name: s.name,
      role: s.role,
      passwordHash: hash,
      locale: s.locale,
      timezone: s.locale === 'zh-CN' ? 'Asia/Shanghai' : 'Europe/Berlin',
    })),
  );
  return staff;
}

async function insertCustomers(app: App, ws: WorkspaceRow, count: number, rand: () => number, progress: (n: number) => void) {
  const customers: DemoPerson[] = [];
  const BATCH = 100;
  for (let done = 0; done < count; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - done) }, (_, j) => {
      const zh = rand() < 0.3;
      return {
        id: uuidv7(),
        workspaceId: ws.id,
        email: `customer${done + j + 1}@example.${zh ? 'cn' : 'org'}`,
        name: personName(rand, zh),
        role: 'customer',
        // Most customers only ever wrote in (email, chat): they have no password.
        passwordHash: null,
        locale: zh ? 'zh-CN' : 'en',
        timezone: zh ? 'Asia/Shanghai' : pickFrom(rand, ['Europe/Berlin', 'America/New_York', 'Europe/London']),
      };
    });
    await app.platform.db.insert(users).values(rows);
    customers.push(...rows);
    progress(done + rows.length);
  }
  return customers;
}

/**
 * A realistic demo workspace: an admin, supervisors, agents, customers and their tickets (English
 * and Chinese). Teams and knowledge-base articles join this seed as those modules land.
 */
export async function seedDemo(app: App, opts: SeedOptions) {
  const ctx = { actor: SYSTEM, log: app.server.log };
  const nCustomers = opts.customers ?? 300;
  const nAgents = opts.agents ?? 12;
  const nTickets = opts.tickets ?? 200;
  const rand = rng(42);
  const bar = opts.quiet ? null : new SingleBar({ format: '  seeding {bar} {percentage}% | {value}/{total} {step}' });
  bar?.start(1 + nAgents + nCustomers + nTickets, 0, { step: 'workspace' });

  const ws = await app.services.workspaces.create(ctx, { name: 'Acme Support', slug: opts.slug ?? 'acme', timezone: 'Europe/Berlin' });
  const staff = await insertStaff(app, ws, nAgents, opts.password, rand);
  bar?.update(1 + staff.length, { step: 'staff' });
  const customers = await insertCustomers(app, ws, nCustomers, rand, (n) => bar?.update(1 + staff.length + n, { step: 'customers' }));
  let done = 0;
  const tickets = await seedDemoTickets(app, {
    workspaceId: ws.id,
    agents: staff.filter((s) => s.role === 'agent'),
    supervisor: staff[1] as DemoPerson,
    customers,
    count: nTickets,
    rand,
    onTicket: () => bar?.update(1 + staff.length + nCustomers + ++done, { step: 'tickets' }),
  });
  bar?.stop();
  return { workspace: ws, adminEmail: staff[0]?.email as string, staff: staff.length, customers: nCustomers, tickets };
}
