import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type App, type BuildOptions, buildApp } from '../app.js';
import { users } from '../modules/identity/index.js';
import { SYSTEM } from '../platform/auth/actor.js';
import { type Config, loadConfig } from '../platform/config.js';
import { type Database, openDatabase } from '../platform/db/client.js';
import { uuidv7 } from '../platform/ids.js';
import { RecordingMailer } from '../platform/mail/mailer.js';

export const TEST_PASSWORD = 'correct horse battery';

/** Which backends this run uses: PGlite in memory by default, the real servers when asked. */
export const backend = {
  postgres: process.env.TEST_DATABASE_URL,
  redis: process.env.TEST_REDIS_URL,
};

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Clients get distinct addresses (see Client.ip); the throttling test lowers this itself.
    LOGIN_RATE_PER_IP: '1000',
    ...(backend.redis ? { REDIS_URL: backend.redis } : {}),
    ...overrides,
  });
  return { ...config, fastPasswordHashing: true };
}

/** A fresh, empty database: an in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function freshDatabase(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (!backend.postgres) {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, drop: async () => database.close() };
  }
  const name = `sb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: backend.postgres });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(backend.postgres);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: 'unused', poolMax: 5 });
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close().catch(() => {});
      const c = new pg.Client({ connectionString: backend.postgres });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp extends App {
  mailer: RecordingMailer;
  config: Config;
  close(): Promise<void>;
  /** Waits until the outbox has dispatched everything committed so far. */
  settle(): Promise<void>;
}

export async function startApp(
  opts: { config?: Record<string, string>; build?: BuildOptions; database?: Database } = {},
): Promise<TestApp> {
  const config = testConfig(opts.config);
  const fresh = opts.database ? null : await freshDatabase();
  const database = opts.database ?? (fresh as { database: Database }).database;
  const mailer = new RecordingMailer();
  const app = await buildApp(config, { database, mailer, workers: true, ...opts.build });
  return {
    ...app,
    mailer,
    config,
    settle: () => app.platform.outbox.drain(),
    async close() {
      await app.server.close();
      await fresh?.drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
const rnd = () => Math.floor(Math.random() * 250) + 1;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createWorkspace(app: App, slug = `ws-${unique()}`) {
  return app.services.workspaces.create({ actor: SYSTEM, log: app.server.log }, { name: `Workspace ${slug}`, slug });
}

export async function createUser(
  app: App,
  workspaceId: string,
  role: string,
  opts: { email?: string; password?: string | null; name?: string } = {},
) {
  const email = opts.email ?? `${role}-${unique()}@example.com`;
  const password = opts.password === undefined ? TEST_PASSWORD : opts.password;
  const [row] = await app.platform.db
    .insert(users)
    .values({
      id: uuidv7(),
      workspaceId,
      email,
      name: opts.name ?? `${role} ${unique()}`,
      role,
      passwordHash: password ? await app.platform.passwords.hash(password) : null,
    })
    .returning();
  if (!row) throw new Error('user not created');
  return { ...row, password };
}

/** A browser-like HTTP client over `inject`: keeps cookies and sends the CSRF header on writes. */
export class Client {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  bearer: string | null = null;
  /** A distinct loopback address per client, so per-IP limits never couple unrelated tests. */
  ip = `127.${rnd()}.${rnd()}.${rnd()}`;

  constructor(private readonly app: App) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.server.inject({
      method: method as 'GET',
      url,
      headers: h,
      remoteAddress: this.ip,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const json = res.headers['content-type']?.toString().includes('json') ? safeJson(res.body) : null;
    if (json && typeof json === 'object' && 'csrfToken' in json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body, headers);
  }
  patch(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }

  async login(email: string, password = TEST_PASSWORD, workspace?: string) {
    const res = await this.post('/api/v1/auth/login', { email, password, ...(workspace ? { workspace } : {}) });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    return res.json();
  }
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** Signs in a fresh user of `role` and returns a client holding the session. */
export async function signedIn(app: App, workspaceId: string, role: string) {
  const user = await createUser(app, workspaceId, role);
  const client = new Client(app);
  await client.login(user.email ?? '', TEST_PASSWORD);
  return { user, client };
}

export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 15_000, stepMs = 50): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
