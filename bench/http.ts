/**
 * HTTP load benchmark: the built server in a child process, autocannon in this one.
 *   npm run bench -- [--driver pglite|postgres|both] [--duration 10] [--connections 20] [--warmup 3]
 * PostgreSQL: a fresh `sb_bench_*` database on --pg-url (default $BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/postgres).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type Auth, machine, PASSWORD, positiveInt, printTable, round2, signInWithToken } from './common.js';
import { cpuMs, type Driver, ensureBuilt, prepareInstance, rssMiB, runCli, type Server, startServer } from './server.js';

interface Options {
  drivers: Driver[];
  duration: number;
  connections: number;
  warmup: number;
  pgUrl: string;
}

interface Scenario {
  name: string;
  method: 'GET' | 'PATCH';
  path: string;
  headers: (auth: Auth) => Record<string, string>;
  /** Bodies sent in turn on each connection (writes alternate so every request changes the row). */
  bodies?: string[];
  /** Checks one response by hand before the load; a benchmark of error responses is worthless. */
  expect: (json: Record<string, unknown>) => boolean;
}

interface Row {
  driver: Driver;
  scenario: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  rssMiB: number | null;
  /** Server CPU time per response: less sensitive than req/s to other load on the machine. */
  cpuMsPerReq: number | null;
  detail: Record<string, unknown>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'GET /me (cookie)',
    method: 'GET',
    path: '/api/v1/me',
    headers: (a) => ({ cookie: a.cookie }),
    expect: (j) => typeof j.email === 'string',
  },
  {
    name: 'GET /users?limit=50 (bearer)',
    method: 'GET',
    path: '/api/v1/users?limit=50',
    headers: (a) => ({ authorization: `Bearer ${a.bearer}` }),
    expect: (j) => Array.isArray(j.items) && j.items.length === 50,
  },
  {
    name: 'PATCH /me timezone (cookie+csrf)',
    method: 'PATCH',
    path: '/api/v1/me',
    headers: (a) => ({ cookie: a.cookie, 'x-csrf-token': a.csrfToken, 'content-type': 'application/json' }),
    bodies: [JSON.stringify({ timezone: 'Europe/Paris' }), JSON.stringify({ timezone: 'Europe/Berlin' })],
    expect: (j) => j.timezone === 'Europe/Paris',
  },
];

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      driver: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    },
  });
  const drivers: Record<string, Driver[]> = { pglite: ['pglite'], postgres: ['postgres'], both: ['pglite', 'postgres'] };
  const chosen = drivers[values.driver];
  if (!chosen) throw new Error(`--driver must be pglite, postgres or both (got ${values.driver})`);
  return {
    drivers: chosen,
    duration: positiveInt('duration', values.duration),
    connections: positiveInt('connections', values.connections),
    warmup: Number(values.warmup),
    pgUrl: values['pg-url'],
  };
}

async function preflight(baseUrl: string, s: Scenario, auth: Auth): Promise<void> {
  const res = await fetch(`${baseUrl}${s.path}`, { method: s.method, headers: s.headers(auth), body: s.bodies?.[0] ?? null });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {}
  if (res.status !== 200 || !s.expect(json)) throw new Error(`${s.name}: unexpected response ${res.status} ${text.slice(0, 500)}`);
}

function load(baseUrl: string, s: Scenario, auth: Auth, seconds: number, connections: number, failures: string[]) {
  const headers = s.headers(auth);
  const onResponse = (status: number, body: string) => {
    if ((status < 200 || status > 299) && failures.length < 5) failures.push(`${status} ${body.slice(0, 300)}`);
  };
  const requests = (s.bodies ?? [undefined]).map((body) => ({ method: s.method, path: s.path, headers, body, onResponse }));
  return autocannon({ url: baseUrl, connections, duration: seconds, requests });
}

async function runScenario(driver: Driver, server: Server, s: Scenario, auth: Auth, o: Options): Promise<Row> {
  await preflight(server.baseUrl, s, auth);
  if (o.warmup > 0) await load(server.baseUrl, s, auth, o.warmup, o.connections, []);
  const failures: string[] = [];
  const cpuBefore = cpuMs(server.pid);
  const r = await load(server.baseUrl, s, auth, o.duration, o.connections, failures);
  const cpuAfter = cpuMs(server.pid);
  const responses = r['2xx'] + r.non2xx;
  const errors = r.non2xx + r.errors + r.timeouts;
  if (errors > 0) {
    process.stdout.write(`  ! ${s.name}: ${r.non2xx} non-2xx, ${r.errors} socket errors, ${r.timeouts} timeouts\n`);
    for (const f of failures) process.stdout.write(`    ${f}\n`);
  }
  return {
    driver,
    scenario: s.name,
    reqPerSec: Math.round(r['2xx'] / r.duration),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors,
    rssMiB: rssMiB(server.pid),
    cpuMsPerReq: cpuBefore !== null && cpuAfter !== null && responses > 0 ? round2((cpuAfter - cpuBefore) / responses) : null,
    detail: {
      responses2xx: r['2xx'],
      non2xx: r.non2xx,
      socketErrors: r.errors,
      timeouts: r.timeouts,
      statusCodes: r.statusCodeStats,
      failureSamples: failures,
      durationSeconds: r.duration,
      loadAverage1m: round2(os.loadavg()[0] ?? 0),
      latencyMs: { avg: r.latency.average, p90: r.latency.p90, p97_5: r.latency.p97_5, max: r.latency.max },
    },
  };
}

/** Stops the running server and removes its data on Ctrl-C, so interrupted runs leave nothing behind. */
let interrupt: (() => Promise<void>) | null = null;
let interrupted = false;
// `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx).
process.on('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  process.stdout.write('\ninterrupted: cleaning up...\n');
  void (interrupt?.() ?? Promise.resolve()).finally(() => process.exit(130));
});

async function benchDriver(driver: Driver, o: Options): Promise<Row[]> {
  const inst = await prepareInstance(driver, o.pgUrl);
  let server: Server | null = null;
  interrupt = async () => {
    await server?.stop();
    await inst.cleanup();
  };
  try {
    process.stdout.write(`[${driver}] seeding (seed-demo --customers 300)...\n`);
    const seeded = await runCli(['seed-demo', '--customers', '300', '--password', PASSWORD], inst.env);
    const email = /Admin: (\S+) \//.exec(seeded)?.[1];
    if (!email) throw new Error(`could not find the admin in seed-demo output:\n${seeded}`);
    server = await startServer(inst);
    process.stdout.write(`[${driver}] server pid ${server.pid} on ${server.baseUrl}, RSS ${rssMiB(server.pid)} MiB idle\n`);
    const auth = await signInWithToken(server.baseUrl, email, ['user.read', 'admin.settings']);
    const rows: Row[] = [];
    for (const s of SCENARIOS) {
      process.stdout.write(`[${driver}] ${s.name}: ${o.warmup}s warm-up + ${o.duration}s x ${o.connections} connections\n`);
      rows.push(await runScenario(driver, server, s, auth, o));
    }
    return rows;
  } finally {
    interrupt = null;
    await server?.stop();
    await inst.cleanup();
  }
}

/** Other processes on the machine skew every number; say so instead of reporting them silently. */
function warnIfBusy(): void {
  const load = os.loadavg()[0] ?? 0;
  if (load > os.availableParallelism() * 0.5) {
    process.stdout.write(
      `warning: 1-minute load average is ${load.toFixed(1)} on ${os.availableParallelism()} CPUs before starting; results will be noisy\n`,
    );
  }
}

function writeResults(o: Options, rows: Row[]): string {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const options = { duration: o.duration, connections: o.connections, warmup: o.warmup, drivers: o.drivers };
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), options, rows }, null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  const o = parseOptions();
  ensureBuilt();
  warnIfBusy();
  const rows: Row[] = [];
  for (const driver of o.drivers) rows.push(...(await benchDriver(driver, o)));
  printTable(
    ['driver', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'server RSS MiB', 'server CPU ms/req'],
    rows.map((r) => [r.driver, r.scenario, r.reqPerSec, r.p50, r.p99, r.errors, r.rssMiB ?? 'n/a', r.cpuMsPerReq ?? 'n/a'].map(String)),
    2,
  );
  const m = machine();
  process.stdout.write(`\n${m.cpu}, ${m.nproc} CPUs, ${m.memoryGiB} GiB, Node ${m.node}\n`);
  process.stdout.write(`Results: ${writeResults(o, rows)}\n`);
  if (rows.some((r) => r.errors > 0)) {
    process.stdout.write('Some requests failed: these numbers are not valid.\n');
    process.exitCode = 1;
  }
}

await main();
