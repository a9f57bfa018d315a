/**
 * Ticketing benchmark (issue 3): seeds N tickets / M messages with `switchboard bench-seed`
 * (set-based SQL, before the server starts: PGlite's data directory belongs to one process),
 * starts the built server as a child process, then measures as an agent with an API token:
 *   - ticket create: POST /api/v1/tickets with unique bodies under autocannon (req/s, p50, p99)
 *   - view listing: filter combinations, first and deep keyset pages (sequential requests, p50/p95/p99)
 *   - full-text search: varied English and Chinese words, prefixes, typos, search + filters
 *   npm run bench:tickets -- [--driver pg|pglite|both] [--tickets 100000] [--messages 1000000] [--json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { machine, PASSWORD, positiveInt, printTable, round2, signInWithToken } from './common.js';
import { cpuMs, type Driver, ensureBuilt, type Instance, prepareInstance, rssMiB, runCli, type Server, startServer } from './server.js';

const AGENT_SCOPES = ['ticket.read', 'ticket.reply', 'ticket.note', 'ticket.update', 'ticket.assign', 'user.read'];

interface Options {
  drivers: Driver[];
  tickets: number;
  messages: number;
  duration: number;
  connections: number;
  samples: number;
  agents: number;
  pgUrl: string;
  json: boolean;
  keep: boolean;
}

interface Seed {
  slug: string;
  adminEmail: string;
  agentEmails: string[];
  customers: number;
  tickets: number;
  messages: number;
  seconds: Record<string, number>;
}

export interface Row {
  driver: Driver;
  kind: 'create' | 'list' | 'search';
  scenario: string;
  /** create: 2xx per second under load; list/search: sequential requests per second */
  reqPerSec: number;
  p50: number;
  p95: number | null;
  p99: number;
  errors: number;
  rssMiB: number | null;
  cpuMsPerReq: number | null;
  detail?: Record<string, unknown>;
}

interface ReadScenario {
  kind: 'list' | 'search';
  name: string;
  /** query strings taken in turn, one per request */
  queries: string[];
  /** follow nextCursor this many pages first and measure that page */
  deepPage?: number;
}

const LISTS: ReadScenario[] = [
  { kind: 'list', name: 'my open+pending, updated_desc', queries: ['status=open,pending&assignee=me&sort=updated_desc'] },
  { kind: 'list', name: 'unassigned new+open, created_asc', queries: ['status=new,open&assignee=unassigned&sort=created_asc'] },
  {
    kind: 'list',
    name: 'my teams high+urgent, priority_desc',
    queries: ['team=mine&priority=high,urgent&status=new,open,pending,on_hold&sort=priority_desc'],
  },
  { kind: 'list', name: 'tag refund, updated_desc', queries: ['tags=refund&sort=updated_desc'] },
  { kind: 'list', name: 'all visible, updated_desc', queries: ['sort=updated_desc'] },
  { kind: 'list', name: 'all visible, updated_desc, page', queries: ['sort=updated_desc'], deepPage: 100 },
  { kind: 'list', name: 'closed, created_desc, page', queries: ['status=closed&sort=created_desc'], deepPage: 40 },
];

const q = (words: string[], extra = '') => words.map((w) => `q=${encodeURIComponent(w)}${extra}`);
const SEARCHES: ReadScenario[] = [
  {
    kind: 'search',
    name: 'English words (relevance)',
    queries: q([
      'refund ',
      'card ',
      'password ',
      'delivery ',
      'invoice ',
      'charged twice ',
      'cancel order ',
      'exchange rate ',
      'top up ',
      'crash ',
    ]),
  },
  {
    kind: 'search',
    name: 'Chinese words (relevance)',
    queries: q(['退款', '物流', '发票', '重复扣款', '无法登录', '闪退', '收货地址', '订阅', '快递', '账号']),
  },
  { kind: 'search', name: 'prefix while typing', queries: q(['refu', 'deliv', 'passw', 'invo', 'subscr', '退']) },
  { kind: 'search', name: 'typo (trigram fallback)', queries: q(['refnud ', 'pasword ', 'delivry ', 'invoce ']) },
  {
    kind: 'search',
    name: 'search + status filter, updated_desc',
    queries: q(['refund ', '退款', 'card ', '物流'], '&status=open,pending&sort=updated_desc'),
  },
  { kind: 'search', name: 'rare word (order number)', queries: q(['A-12345 ', 'A-54321 ', 'A-77777 ', 'A-31415 ']) },
];

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      driver: { type: 'string', default: 'pg' },
      tickets: { type: 'string', default: '100000' },
      messages: { type: 'string', default: '1000000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      samples: { type: 'string', default: '200' },
      agents: { type: 'string', default: '5' },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const drivers: Record<string, Driver[]> = { pglite: ['pglite'], pg: ['postgres'], postgres: ['postgres'], both: ['pglite', 'postgres'] };
  const chosen = drivers[values.driver];
  if (!chosen) throw new Error(`--driver must be pglite, pg or both (got ${values.driver})`);
  const o = {
    drivers: chosen,
    tickets: positiveInt('tickets', values.tickets),
    messages: positiveInt('messages', values.messages),
    duration: positiveInt('duration', values.duration),
    connections: positiveInt('connections', values.connections),
    samples: positiveInt('samples', values.samples),
    agents: positiveInt('agents', values.agents),
    pgUrl: values['pg-url'],
    json: values.json,
    keep: values.keep,
  };
  if (o.messages < o.tickets) throw new Error('--messages must be at least --tickets');
  return o;
}

/** Progress goes to stderr so that --json leaves stdout machine-readable. */
const say = (line: string) => process.stderr.write(`${line}\n`);

const SUBJECTS = [
  'Refund not received',
  'Package delayed',
  'Cannot log in',
  'Charged twice',
  '订单一直没有发货',
  '申请退款',
  '发票抬头开错了',
];

/** A new ticket per call: unique subject and body (English and Chinese), one of the seeded customers as requester. */
function ticketBodies(customers: number): () => string {
  let i = 0;
  return () => {
    i++;
    const subject = `${SUBJECTS[i % SUBJECTS.length]} #${process.pid}-${i}`;
    return JSON.stringify({
      subject,
      bodyText: `Bench ticket ${i}: ${subject}. Order A-${100000 + i} has a problem, please help. 第${i}号工单，请尽快处理。`,
      requester: { email: `customer${1 + (i % customers)}@bench.example` },
      priority: i % 10 === 0 ? 'high' : 'normal',
      tags: i % 3 === 0 ? ['bench', 'refund'] : ['bench'],
    });
  };
}

/** Ticket create under load: bodies are built per request (autocannon's setupRequest). */
async function createScenario(driver: Driver, server: Server, token: string, seed: Seed, o: Options): Promise<Row> {
  const body = ticketBodies(seed.customers);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const check = await fetch(`${server.baseUrl}/api/v1/tickets`, { method: 'POST', headers, body: body() });
  if (check.status !== 201) throw new Error(`create: unexpected ${check.status} ${(await check.text()).slice(0, 500)}`);
  const failures: string[] = [];
  const run = (seconds: number) =>
    autocannon({
      url: server.baseUrl,
      connections: o.connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/tickets',
          headers,
          setupRequest: (req) => ({ ...req, body: body() }),
          onResponse: (status, text) => {
            if (status !== 201 && failures.length < 5) failures.push(`${status} ${text.slice(0, 300)}`);
          },
        },
      ],
    });
  await run(3);
  failures.length = 0;
  const cpuBefore = cpuMs(server.pid);
  const r = await run(o.duration);
  const cpuAfter = cpuMs(server.pid);
  const responses = r['2xx'] + r.non2xx;
  for (const f of failures) say(`    ! ${f}`);
  return {
    driver,
    kind: 'create',
    scenario: `POST /tickets, ${o.connections} connections`,
    reqPerSec: Math.round(r['2xx'] / r.duration),
    p50: r.latency.p50,
    p95: null,
    p99: r.latency.p99,
    errors: r.non2xx + r.errors + r.timeouts,
    rssMiB: rssMiB(server.pid),
    cpuMsPerReq: cpuBefore !== null && cpuAfter !== null && responses > 0 ? round2((cpuAfter - cpuBefore) / responses) : null,
    detail: {
      created: r['2xx'],
      p90: r.latency.p90,
      p97_5: r.latency.p97_5,
      max: r.latency.max,
      loadAverage1m: round2(os.loadavg()[0] ?? 0),
    },
  };
}

interface Page {
  items?: unknown[];
  nextCursor?: string | null;
}

async function getPage(baseUrl: string, token: string, query: string): Promise<{ status: number; page: Page; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/tickets?${query}`, { headers: { authorization: `Bearer ${token}` } });
  const page = (await res.json()) as Page;
  return { status: res.status, page, ms: performance.now() - started };
}

/** The query string of page `n` (1-based) of a list, found by walking the cursors; the last page when there are fewer. */
async function deepQuery(baseUrl: string, token: string, query: string, n: number): Promise<{ query: string; page: number }> {
  let current = query;
  for (let i = 1; i < n; i++) {
    const { status, page } = await getPage(baseUrl, token, current);
    if (status !== 200) throw new Error(`${query}: status ${status} on page ${i}`);
    if (!page.nextCursor) return { query: current, page: i };
    current = `${query}&cursor=${encodeURIComponent(page.nextCursor)}`;
  }
  return { query: current, page: n };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
/** Sequential requests (one at a time): the latency a person waiting on the list sees, rotating agents and queries. */
async function readScenario(driver: Driver, server: Server, tokens: string[], s: ReadScenario, o: Options): Promise<Row> {
  const plans: string[] = [];
  let depth = s.deepPage ?? 1;
  for (const token of tokens) {
    for (const query of s.queries) {
      const deep = s.deepPage ? await deepQuery(server.baseUrl, token, query, s.deepPage) : { query, page: 1 };
      plans.push(deep.query);
      depth = Math.min(depth, deep.page);
    }
  }
  const requestAt = (i: number) => ({ token: tokens[i % tokens.length] as string, query: plans[i % plans.length] as string });
  const times: number[] = [];
  let errors = 0;
  let empty = 0;
  let cpuBefore: number | null = null;
  const warmup = Math.min(20, o.samples);
  for (let i = 0; i < warmup + o.samples; i++) {
    if (i === warmup) cpuBefore = cpuMs(server.pid);
    const { token, query } = requestAt(i);
    const { status, page, ms } = await getPage(server.baseUrl, token, query);
    if (status !== 200 || !Array.isArray(page.items)) {
      if (errors++ < 3) say(`    ! ${status} ${JSON.stringify(page).slice(0, 300)}`);
      continue;
    }
    if (i >= warmup) {
      times.push(ms);
      if (page.items.length === 0) empty++;
    }
  }
  const cpuAfter = cpuMs(server.pid);
  times.sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  return {
    driver,
    kind: s.kind,
    scenario: s.deepPage ? `${s.name} ${depth}` : s.name,
    reqPerSec: total > 0 ? Math.round((times.length / total) * 1000) : 0,
    p50: round2(percentile(times, 50)),
    p95: round2(percentile(times, 95)),
    p99: round2(percentile(times, 99)),
    errors,
    rssMiB: rssMiB(server.pid),
    cpuMsPerReq: cpuBefore !== null && cpuAfter !== null && times.length ? round2((cpuAfter - cpuBefore) / times.length) : null,
    detail: { samples: times.length, emptyPages: empty, max: round2(times.at(-1) ?? 0), queries: s.queries, deepPage: depth },
  };
}

async function dataSizeMiB(driver: Driver, inst: Instance): Promise<number | null> {
  if (driver === 'pglite') {
    const walk = (dir: string): number =>
      fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
        const p = path.join(dir, e.name);
        return n + (e.isDirectory() ? walk(p) : fs.statSync(p).size);
      }, 0);
    return Math.round(walk(inst.dataDir) / 1024 ** 2);
  }
  const client = new pg.Client({ connectionString: inst.env.DATABASE_URL });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>('select pg_database_size(current_database()) as n');
    return Math.round(Number(r.rows[0]?.n ?? 0) / 1024 ** 2);
  } finally {
    await client.end();
  }
}

let interrupt: (() => Promise<void>) | null = null;
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  say('\ninterrupted: cleaning up...');
  void (interrupt?.() ?? Promise.resolve()).finally(() => process.exit(130));
});

async function seed(driver: Driver, inst: Instance, o: Options): Promise<{ seed: Seed; wallSeconds: number }> {
  say(`[${driver}] bench-seed --tickets ${o.tickets} --messages ${o.messages} ...`);
  const started = performance.now();
  const out = await runCli(
    ['bench-seed', '--tickets', String(o.tickets), '--messages', String(o.messages), '--password', PASSWORD, '--json'],
    inst.env,
  );
  const wallSeconds = Math.round((performance.now() - started) / 100) / 10;
  const line = out
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`bench-seed printed no JSON:\n${out}`);
  const s = JSON.parse(line) as Seed;
  say(`[${driver}] seeded ${s.tickets} tickets, ${s.messages} messages in ${wallSeconds} s (${JSON.stringify(s.seconds)})`);
  return { seed: s, wallSeconds };
}

async function benchDriver(driver: Driver, o: Options) {
  const inst = await prepareInstance(driver, o.pgUrl);
  let server: Server | null = null;
  interrupt = async () => {
    await server?.stop();
    if (!o.keep) await inst.cleanup();
  };
  try {
    const { seed: s, wallSeconds } = await seed(driver, inst, o);
    const dataMiB = await dataSizeMiB(driver, inst);
    server = await startServer(inst);
    const idleRss = rssMiB(server.pid);
    say(`[${driver}] server pid ${server.pid}, RSS ${idleRss} MiB idle, data ${dataMiB} MiB`);
    const emails = s.agentEmails.slice(0, o.agents);
    const tokens: string[] = [];
    for (const email of emails) tokens.push((await signInWithToken(server.baseUrl, email, AGENT_SCOPES)).bearer);
    const rows: Row[] = [];
    for (const sc of [...LISTS, ...SEARCHES]) {
      say(`[${driver}] ${sc.kind}: ${sc.name} (${o.samples} sequential requests, ${tokens.length} agents)`);
      rows.push(await readScenario(driver, server, tokens, sc, o));
    }
    say(`[${driver}] create: 3 s warm-up + ${o.duration} s x ${o.connections} connections`);
    rows.push(await createScenario(driver, server, tokens[0] as string, s, o));
    return { driver, seed: { ...s, wallSeconds, dataMiB }, idleRssMiB: idleRss, rows };
  } finally {
    interrupt = null;
    await server?.stop();
    if (o.keep) say(`[${driver}] kept: DATA_DIR=${inst.dataDir} ${inst.env.DATABASE_URL ?? ''}`);
    else await inst.cleanup();
  }
}

async function main(): Promise<void> {
  const o = parseOptions();
  ensureBuilt();
  const load = os.loadavg()[0] ?? 0;
  if (load > os.availableParallelism() * 0.5)
    say(`warning: 1-minute load average is ${load.toFixed(1)} before starting; results will be noisy`);
  const results = [];
  for (const driver of o.drivers) results.push(await benchDriver(driver, o));
  const report = { date: new Date().toISOString(), machine: machine(), options: { ...o, pgUrl: undefined }, results };
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `tickets-${report.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const rows = results.flatMap((r) => r.rows);
  if (o.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    for (const r of results) {
      process.stdout.write(
        `\n[${r.driver}] ${r.seed.tickets} tickets, ${r.seed.messages} messages, seeded in ${r.seed.wallSeconds} s; data ${r.seed.dataMiB} MiB; idle RSS ${r.idleRssMiB} MiB`,
      );
    }
    printTable(
      ['driver', 'kind', 'scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'RSS MiB', 'CPU ms/req'],
      rows.map((r) =>
        [r.driver, r.kind, r.scenario, r.reqPerSec, r.p50, r.p95 ?? '-', r.p99, r.errors, r.rssMiB ?? 'n/a', r.cpuMsPerReq ?? 'n/a'].map(
          String,
        ),
      ),
      3,
    );
    const m = machine();
    process.stdout.write(`\n${m.cpu}, ${m.nproc} CPUs, ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAverage1m}\nResults: ${file}\n`);
  }
  if (rows.some((r) => r.errors > 0)) {
    say('Some requests failed: these numbers are not valid.');
    process.exitCode = 1;
  }
}

await main();
