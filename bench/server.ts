import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export type Driver = 'pglite' | 'postgres';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'apps/server/dist/cli/main.js');

/** The benchmark runs the built server, like production; build it once when dist is missing. */
export function ensureBuilt(): void {
  if (fs.existsSync(CLI)) return;
  process.stdout.write('apps/server/dist is missing: running `npm run build`...\n');
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(CLI)) throw new Error('npm run build failed');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A throwaway database `sb_bench_<random>` on the given server; `drop()` removes it even if sessions linger. */
export async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sb_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

export interface Instance {
  /** Environment shared by seed-demo and serve, so both see the same data. */
  env: NodeJS.ProcessEnv;
  dataDir: string;
  port: number;
  cleanup: () => Promise<void>;
}

/** A clean environment: nothing inherited from the shell changes what is measured. */
export async function prepareInstance(driver: Driver, pgAdminUrl: string): Promise<Instance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-'));
  const port = await freePort();
  const db = driver === 'postgres' ? await createPgDatabase(pgAdminUrl) : null;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    LOGIN_RATE_PER_IP: '1000000',
    ...(db ? { DATABASE_URL: db.url } : {}),
    // For A/B runs: DB_PREPARED_STATEMENTS=false npm run bench:tickets …
    ...(process.env.DB_PREPARED_STATEMENTS ? { DB_PREPARED_STATEMENTS: process.env.DB_PREPARED_STATEMENTS } : {}),
  };
  return {
    env,
    dataDir,
    port,
    cleanup: async () => {
      await db?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a CLI command to completion and returns its stdout. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args[0]} exited ${code}:\n${err}${out}`))));
  });
}

export interface Server {
  pid: number;
  baseUrl: string;
  stop: () => Promise<void>;
}

/**
 * Starts `serve` as a child process (its own event loop) and waits until /healthz answers.
 * BENCH_SERVER_NODE_ARGS: extra node flags for it, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
export async function startServer(inst: Instance): Promise<Server> {
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, CLI, 'serve'], { cwd: REPO, env: inst.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${inst.port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode} before it was ready:\n${log}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { pid: child.pid ?? 0, baseUrl, stop: () => stopChild(child) };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopChild(child);
  throw new Error(`server did not become ready within 60 s:\n${log}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  await exited;
  clearTimeout(timer);
}

/** CPU time (user + system) the process has used so far, in ms, from /proc (Linux only; null elsewhere). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU ms used so far by PostgreSQL backends serving one database (by their process title). */
export function pgBackendsCpuMs(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${database} `)) continue;
      const ms = cpuMs(Number(entry));
      if (ms !== null) out.set(Number(entry), ms);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Resident set size of a process in MiB, from /proc (Linux only; null elsewhere). */
export function rssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
