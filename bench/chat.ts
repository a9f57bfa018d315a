/**
 * Live chat benchmark (issue 5): N visitors (socket.io-client, like the widget) start chats that
 * agents accept, then each sends M messages at a steady total rate. Measures:
 *   - ack latency (chat.send → ack: the message is persisted) p50/p95/p99
 *   - fan-out latency (chat.send → the agent's socket receives chat.message) p50/p95/p99
 *   - acknowledged messages per second, and the server's RSS (peak and at the end)
 * The server runs from source in its own process(es); PGlite by default, PostgreSQL with
 * DATABASE_URL (an admin URL: a throwaway database is made). `--nodes 2` runs two processes
 * behind the Redis adapter (PostgreSQL and REDIS_URL needed): visitors on node 1, agents on node 2.
 * Every visitor uses its own loopback address (127.x.y.z): the per-IP abuse limits stay on.
 *   npm run chat -w @switchboard/bench -- [--visitors 50] [--messages 20] [--rate 50] [--nodes 1] [--json]
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { machine, PASSWORD, positiveInt, printTable, round2 } from './common.js';
import { type Driver, freePort, prepareInstance, rssMiB } from './server.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = path.join(REPO, 'apps/server/src/cli/main.ts');
/** The server's own limit is 20 messages per visitor per 10 s; stay under it. */
const MAX_RATE_PER_VISITOR = 1.8;
const CHATS_PER_AGENT = 50;

const say = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ipOf = (i: number) => `127.10.${Math.floor(i / 250) + 1}.${(i % 250) + 1}`;

interface Options {
  visitors: number;
  messages: number;
  rate: number;
  nodes: number;
  pgUrl: string | undefined;
  redisUrl: string | undefined;
  json: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      visitors: { type: 'string', default: '50' },
      messages: { type: 'string', default: '20' },
      rate: { type: 'string', default: '50' },
      nodes: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const o: Options = {
    visitors: positiveInt('visitors', values.visitors),
    messages: positiveInt('messages', values.messages),
    rate: positiveInt('rate', values.rate),
    nodes: positiveInt('nodes', values.nodes),
    pgUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    json: values.json,
  };
  if (o.nodes > 2) throw new Error('--nodes must be 1 or 2');
  if (o.nodes === 2 && (!o.pgUrl || !o.redisUrl)) throw new Error('--nodes 2 needs DATABASE_URL and REDIS_URL');
  if (o.rate / o.visitors > MAX_RATE_PER_VISITOR) {
    throw new Error(`--rate ${o.rate} needs at least ${Math.ceil(o.rate / MAX_RATE_PER_VISITOR)} visitors (per-visitor limit)`);
  }
  return o;
}

/** JSON over HTTP from a chosen loopback address (fetch cannot pick one). */
function call(base: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}, localAddress?: string) {
  return new Promise<{ status: number; json: Record<string, unknown>; cookies: string[] }>((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${base}${url}`,
      { method, localAddress, headers: { ...headers, ...(data ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          resolve({ status: res.statusCode ?? 0, json, cookies: res.headers['set-cookie'] ?? [] });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function expectStatus<T>(p: Promise<{ status: number; json: Record<string, unknown> }>, status: number, what: string) {
  const r = await p;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json as T;
}

/** Runs the server CLI from source (no build needed) in one node process, so its pid is the server's (for RSS). */
function runCli(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', MAIN, ...args], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log = (log + d).slice(-4000)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const done = new Promise<string>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(log) : reject(new Error(`${args[0]} exited ${code}:\n${log}`)))),
  );
  return { child, done, log: () => log };
}

async function startNode(env: NodeJS.ProcessEnv) {
  const port = Number(env.PORT);
  const run = runCli(['serve'], env);
  run.done.catch(() => {});
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(300)) {
    if (run.child.exitCode !== null) throw new Error(`server exited:\n${run.log()}`);
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      const stop = async () => {
        if (run.child.exitCode !== null) return;
        run.child.kill('SIGTERM');
        await run.done.catch(() => {});
      };
      return { base, pid: run.child.pid ?? 0, stop };
    }
  }
  throw new Error(`server did not start:\n${run.log()}`);
}

async function login(base: string, email: string) {
  const r = await call(base, 'POST', '/api/v1/auth/login', { email, password: PASSWORD });
  const cookie = r.cookies.find((c) => c.startsWith('sb_session='))?.split(';')[0];
  if (r.status !== 200 || !cookie) throw new Error(`login ${email}: ${r.status}`);
  return { cookie, headers: { cookie, 'x-csrf-token': String(r.json.csrfToken) } };
}

function connect(base: string, opts: Record<string, unknown>): Promise<Socket> {
  const socket = io(base, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, ...opts });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

interface Sent {
  t0: number;
  ack?: number;
  fanout?: number;
}

/** Agents online with sockets: they accept every offer, join the chat and time each visitor message. */
async function startAgents(base: string, slug: string, count: number, sent: Map<string, Sent>) {
  const accepted = new Set<string>();
  const sockets: Socket[] = [];
  for (let i = 1; i <= count; i++) {
    const a = await login(base, `agent${i}@${slug}.example.com`);
    await expectStatus(call(base, 'PUT', '/api/v1/me/availability', { availability: 'online' }, a.headers), 200, 'availability');
    const socket = await connect(base, { extraHeaders: { cookie: a.cookie } });
    sockets.push(socket);
    socket.on('chat.message', (m: { clientId: string | null }) => {
      const s = m.clientId ? sent.get(m.clientId) : undefined;
      if (s && s.fanout === undefined) s.fanout = performance.now() - s.t0;
    });
    socket.on('chat.offered', async (o: { sessionId: string }) => {
      const r = await call(base, 'POST', `/api/v1/chats/${o.sessionId}/accept`, undefined, a.headers);
      if (r.status !== 200) return say(`accept failed: ${r.status} ${JSON.stringify(r.json)}`);
      await socket.emitWithAck('subscribe', { room: `chat:${o.sessionId}` });
      accepted.add(o.sessionId);
    });
  }
  return { accepted, sockets };
}

/** A visitor with a started chat and a subscribed socket, each from its own loopback address. */
async function startVisitor(base: string, key: string, i: number) {
  const ip = ipOf(i);
  const w = `/api/v1/widget/${key}`;
  const v = await expectStatus<{ visitorToken: string }>(call(base, 'POST', `${w}/visitors`, {}, {}, ip), 201, 'visitor');
  const h = { 'x-visitor-token': v.visitorToken };
  const body = { message: { clientId: `first-${i}`, text: `Hello from visitor ${i}` } };
  const started = await expectStatus<{ session: { id: string } }>(call(base, 'POST', `${w}/conversations`, body, h, ip), 201, 'start');
  const socket = await connect(base, { auth: { visitorToken: v.visitorToken }, localAddress: ip });
  await socket.emitWithAck('subscribe', { room: `chat:${started.session.id}` });
  return { socket, sessionId: started.session.id };
}

/** Each visitor sends its messages at rate/visitors per second, staggered so the total is steady. */
async function sendAll(visitors: Array<{ socket: Socket; sessionId: string }>, o: Options, sent: Map<string, Sent>) {
  const interval = (1000 * visitors.length) / o.rate;
  let errors = 0;
  await Promise.all(
    visitors.map(async (v, i) => {
      await sleep((interval * i) / visitors.length);
      for (let m = 0; m < o.messages; m++) {
        const clientId = `v${i}-m${m}`;
        const s: Sent = { t0: performance.now() };
        sent.set(clientId, s);
        const next = sleep(interval);
        const ack = (await v.socket.emitWithAck('chat.send', { sessionId: v.sessionId, clientId, text: `Message ${m}` })) as {
          ok: boolean;
        };
        if (ack.ok) s.ack = performance.now() - s.t0;
        else errors++;
        await next;
      }
    }),
  );
  return errors;
}

const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: round2(percentile(s, 50)), p95: round2(percentile(s, 95)), p99: round2(percentile(s, 99)) };
};

async function bench(o: Options) {
  const driver: Driver = o.pgUrl ? 'postgres' : 'pglite';
  const inst = await prepareInstance(driver, o.pgUrl ?? '');
  const agents = Math.ceil(o.visitors / CHATS_PER_AGENT);
  const slug = 'chatbench';
  // seed-demo counts the supervisor among its --agents.
  say(`seeding ${agents} agents (${driver})...`);
  await runCli(
    ['seed-demo', '--customers', '0', '--tickets', '0', '--agents', String(agents + 1), '--slug', slug, '--password', PASSWORD],
    inst.env,
  ).done;
  const redis = o.nodes === 2 ? { REDIS_URL: o.redisUrl } : {};
  const front = await startNode({ ...inst.env, ...redis });
  const back = o.nodes === 2 ? await startNode({ ...inst.env, ...redis, PORT: String(await freePort()) }) : front;
  const nodes = back === front ? [front] : [front, back];
  const sockets: Socket[] = [];
  try {
    const admin = await login(front.base, `admin@${slug}.example.com`);
    const settings = { maxChatsPerAgent: CHATS_PER_AGENT, offerTimeoutSeconds: 600, idleTimeoutMinutes: 240 };
    const created = await expectStatus<{ channel: { publicKey: string } }>(
      call(front.base, 'POST', '/api/v1/channels', { kind: 'web_chat', name: 'Bench site', settings }, admin.headers),
      201,
      'channel',
    );
    const sent = new Map<string, Sent>();
    const team = await startAgents(back.base, slug, agents, sent);
    sockets.push(...team.sockets);
    say(`starting ${o.visitors} chats...`);
    const visitors = [];
    for (let i = 0; i < o.visitors; i++) visitors.push(await startVisitor(front.base, created.channel.publicKey, i));
    sockets.push(...visitors.map((v) => v.socket));
    for (const deadline = Date.now() + 120_000; team.accepted.size < o.visitors && Date.now() < deadline; ) await sleep(200);
    if (team.accepted.size < o.visitors) throw new Error(`only ${team.accepted.size} of ${o.visitors} chats were accepted`);

    say(`sending ${o.visitors * o.messages} messages at ${o.rate}/s...`);
    let peakRss = 0;
    const sampler = setInterval(() => {
      for (const n of nodes) peakRss = Math.max(peakRss, rssMiB(n.pid) ?? 0);
    }, 250);
    const started = performance.now();
    const errors = await sendAll(visitors, o, sent);
    const seconds = (performance.now() - started) / 1000;
    await sleep(1000);
    clearInterval(sampler);
    const all = [...sent.values()];
    const acked = all.filter((s) => s.ack !== undefined);
    return {
      driver,
      nodes: o.nodes,
      visitors: o.visitors,
      agents,
      messages: all.length,
      errors,
      lostFanout: acked.filter((s) => s.fanout === undefined).length,
      messagesPerSec: round2(acked.length / seconds),
      ackMs: stats(acked.map((s) => s.ack ?? 0)),
      fanoutMs: stats(all.flatMap((s) => (s.fanout === undefined ? [] : [s.fanout]))),
      rssMiB: { peak: peakRss, end: nodes.map((n) => rssMiB(n.pid)) },
    };
  } finally {
    for (const s of sockets) s.disconnect();
    for (const n of nodes) await n.stop();
    await inst.cleanup();
  }
}

async function main() {
  const o = parseOptions();
  const r = await bench(o);
  const report = {
    date: new Date().toISOString(),
    machine: machine(),
    options: { ...o, pgUrl: undefined, redisUrl: undefined },
    result: r,
  };
  if (o.json) return void process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  printTable(
    [
      'driver',
      'nodes',
      'visitors',
      'msgs',
      'msg/s',
      'ack p50',
      'ack p95',
      'ack p99',
      'fan-out p50',
      'fan-out p95',
      'fan-out p99',
      'errors',
      'RSS MiB',
    ],
    [
      [
        r.driver,
        String(r.nodes),
        String(r.visitors),
        String(r.messages),
        String(r.messagesPerSec),
        ...[r.ackMs.p50, r.ackMs.p95, r.ackMs.p99, r.fanoutMs.p50, r.fanoutMs.p95, r.fanoutMs.p99].map(String),
        `${r.errors}+${r.lostFanout} lost`,
        `${r.rssMiB.peak} peak`,
      ],
    ],
    3,
  );
}

main().catch((err) => {
  say(String(err?.stack ?? err));
  process.exit(1);
});
