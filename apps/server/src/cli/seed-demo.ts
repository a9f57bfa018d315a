import { SingleBar } from 'cli-progress';
import type { App } from '../app.js';
import { users } from '../modules/identity/index.js';
import { SYSTEM } from '../platform/auth/actor.js';
import { uuidv7 } from '../platform/ids.js';

const FIRST = [
  'Alice',
  'Bob',
  'Chen',
  'Dana',
  'Emil',
  'Fatima',
  'Gao',
  'Hiro',
  'Ines',
  'Jamal',
  'Kira',
  'Li',
  'Maya',
  'Noah',
  'Olga',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Victor',
  'Wei',
  'Xin',
  'Yara',
  'Zoe',
];
const LAST = [
  'Smith',
  'Wang',
  'Garcia',
  'Müller',
  'Kim',
  'Rossi',
  'Zhang',
  'Silva',
  'Novak',
  'Liu',
  'Dubois',
  'Tanaka',
  'Okafor',
  'Nguyen',
  'Haddad',
  'Li',
];
const ZH_NAMES = ['王芳', '李伟', '张敏', '刘洋', '陈静', '杨磊', '赵丽', '黄强', '周杰', '吴霞'];

export interface SeedOptions {
  password: string;
  customers?: number;
  agents?: number;
  quiet?: boolean;
  slug?: string;
}

/** Deterministic pseudo-random numbers so that two seeds of the same size look alike. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A realistic demo workspace: an admin, supervisors, agents and customers (English and Chinese).
 * Tickets, teams and knowledge-base articles join this seed as those modules land.
 */
export async function seedDemo(app: App, opts: SeedOptions) {
  const { platform, services } = app;
  const ctx = { actor: SYSTEM, log: app.server.log };
  const nCustomers = opts.customers ?? 300;
  const nAgents = opts.agents ?? 12;
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const bar = opts.quiet ? null : new SingleBar({ format: '  seeding {bar} {percentage}% | {value}/{total} {step}' });
  const total = 1 + nAgents + nCustomers;
  bar?.start(total, 0, { step: 'workspace' });

  const ws = await services.workspaces.create(ctx, { name: 'Acme Support', slug: opts.slug ?? 'acme', timezone: 'Europe/Berlin' });
  // One hash for every demo staff account: argon2 is deliberately slow, and they share the password.
  const hash = await platform.passwords.hash(opts.password);
  const adminEmail = `admin@${ws.slug}.example.com`;
  const staff = [
    { email: adminEmail, name: 'Ada Admin', role: 'admin' },
    { email: `supervisor@${ws.slug}.example.com`, name: 'Sam Supervisor', role: 'supervisor' },
    ...Array.from({ length: nAgents - 1 }, (_, i) => ({
      email: `agent${i + 1}@${ws.slug}.example.com`,
      name: i % 3 === 2 ? pick(ZH_NAMES) : `${pick(FIRST)} ${pick(LAST)}`,
      role: 'agent',
    })),
  ];
  await platform.db.insert(users).values(
    staff.map((s, i) => ({
      id: uuidv7(),
      workspaceId: ws.id,
      email: s.email,
      name: s.name,
      role: s.role,
      passwordHash: hash,
      locale: i % 3 === 2 ? 'zh-CN' : 'en',
      timezone: i % 3 === 2 ? 'Asia/Shanghai' : 'Europe/Berlin',
    })),
  );
  bar?.update(1 + staff.length, { step: 'staff' });

  const BATCH = 100;
  for (let done = 0; done < nCustomers; done += BATCH) {
    const n = Math.min(BATCH, nCustomers - done);
    await platform.db.insert(users).values(
      Array.from({ length: n }, (_, j) => {
        const i = done + j;
        const zh = rand() < 0.3;
        const name = zh ? pick(ZH_NAMES) : `${pick(FIRST)} ${pick(LAST)}`;
        return {
          id: uuidv7(),
          workspaceId: ws.id,
          email: `customer${i + 1}@example.${zh ? 'cn' : 'org'}`,
          name,
          role: 'customer',
          // Most customers only ever wrote in (email, chat): they have no password.
          passwordHash: null,
          locale: zh ? 'zh-CN' : 'en',
          timezone: zh ? 'Asia/Shanghai' : pick(['Europe/Berlin', 'America/New_York', 'Europe/London']),
        };
      }),
    );
    bar?.update(1 + staff.length + done + n, { step: 'customers' });
  }
  bar?.stop();
  return { workspace: ws, adminEmail, staff: staff.length, customers: nCustomers };
}
