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
 *
 * `--idle N` measures held connections instead: N visitors each start a chat (no agent online, so
 * it waits as a leave-a-message chat) and open the widget's socket (visitor token handshake,
 * subscribed to their chat room, as the widget is while a chat is open), spread over the nodes;
 * then nothing is sent for `--hold` seconds (Socket.IO heartbeats keep running). Reports how many
 * are still connected, connect time and errors, and the server RSS before and after.
 *   npm run chat -w @switchboard/bench -- --idle 10000 [--hold 60] [--nodes 1]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { machine, PASSWORD, positiveInt, printTable, round2 } from './common.js';
import { cpuMs, type Driver, freePort, pgBackendsCpuMs, prepareInstance, rssMiB } from './server.js';

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
  idle: number;
  hold: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      visitors: { type: 'string', default: '50' },
      messages: { type: 'string', default: '20' },
      rate: { type: 'string', default: '50' },
      nodes: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      idle: { type: 'string', default: '0' },
      hold: { type: 'string', default: '60' },
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
    idle: values.idle === '0' ? 0 : positiveInt('idle', values.idle),
    hold: positiveInt('hold', values.hold),
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
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--conditions=source', '--import', 'tsx', MAIN, ...args], {
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
  // Generous: tsx compiles the server from source at start, slow on a busy machine.
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; await sleep(300)) {
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
  run.child.kill('SIGTERM');
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

/** Runs `fn(0..n-1)` with at most `width` calls in flight. */
async function pool(n: number, width: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) await fn(i);
  };
  await Promise.all(Array.from({ length: Math.min(n, width) }, worker));
}

/** The soft limit on open files of this process (each socket is one; the server has its own). */
function openFilesLimit(): number {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(fs.readFileSync('/proc/self/limits', 'utf8'))?.[1];
    return line === 'unlimited' || !line ? Number.POSITIVE_INFINITY : Number(line);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

const countBy = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const mib = (bytes: number) => Math.round(bytes / 1024 ** 2);

/**
 * The idle scenario: every visitor has an open chat and the widget's socket on it, from its own
 * loopback address, spread over the nodes; then nobody says anything for `hold` seconds.
 */
async function holdIdle(o: Options, nodes: Array<{ base: string; pid: number }>, key: string, sockets: Socket[]) {
  const limitFiles = openFilesLimit();
  if (o.idle + 1000 > limitFiles) throw new Error(`--idle ${o.idle} needs ulimit -n above ${o.idle + 1000} (now ${limitFiles})`);
  const rss = () => nodes.map((n) => rssMiB(n.pid) ?? 0);
  const rssIdle = rss();
  const w = `/api/v1/widget/${key}`;
  const chats: Array<{ token: string; sessionId: string; ip: string; base: string }> = [];
  const errors = new Map<string, number>();
  say(`creating ${o.idle} visitors with a chat each...`);
  let t = performance.now();
  await pool(o.idle, 8, async (i) => {
    const ip = ipOf(i);
    const base = nodes[i % nodes.length]?.base ?? '';
    try {
      const v = await expectStatus<{ visitorToken: string }>(call(base, 'POST', `${w}/visitors`, {}, {}, ip), 201, 'visitor');
      const body = { message: { clientId: `idle-${i}`, text: `Hello from visitor ${i}` } };
      const h = { 'x-visitor-token': v.visitorToken };
      const started = await expectStatus<{ session: { id: string } }>(call(base, 'POST', `${w}/conversations`, body, h, ip), 201, 'start');
      chats.push({ token: v.visitorToken, sessionId: started.session.id, ip, base });
    } catch (err) {
      countBy(errors, `setup: ${String((err as Error).message).slice(0, 80)}`);
    }
    if ((i + 1) % 1000 === 0) say(`  ${i + 1} chats`);
  });
  const setupSeconds = round2((performance.now() - t) / 1000);
  const rssBefore = rss();
  say(`opening ${chats.length} sockets...`);
  const connectMs: number[] = [];
  const held: Array<{ socket: Socket; sessionId: string }> = [];
  let dropped = 0;
  t = performance.now();
  await pool(chats.length, 100, async (i) => {
    const c = chats[i];
    if (!c) return;
    const t0 = performance.now();
    try {
      const socket = await connect(c.base, { auth: { visitorToken: c.token }, localAddress: c.ip });
      sockets.push(socket);
      held.push({ socket, sessionId: c.sessionId });
      const ack = (await socket.timeout(30_000).emitWithAck('subscribe', { room: `chat:${c.sessionId}` })) as { ok: boolean };
      if (!ack.ok) throw new Error('subscribe refused');
      connectMs.push(performance.now() - t0);
      socket.on('disconnect', () => dropped++);
    } catch (err) {
      countBy(errors, `connect: ${String((err as Error).message).slice(0, 80)}`);
    }
    if ((i + 1) % 1000 === 0) say(`  ${i + 1} sockets`);
  });
  const connectSeconds = round2((performance.now() - t) / 1000);
  const rssConnected = rss();
  say(`holding ${sockets.length} connections for ${o.hold} s...`);
  let peak = rssConnected.map((x) => x);
  const sampler = setInterval(() => {
    peak = rss().map((x, i) => Math.max(x, peak[i] ?? 0));
  }, 1000);
  await sleep(o.hold * 1000);
  clearInterval(sampler);
  const connected = held.filter((h) => h.socket.connected);
  // Still served, not just open: a sample of the held sockets asks for its chat (chat.sync).
  const sample = connected.filter((_, i) => i % Math.max(1, Math.floor(connected.length / 200)) === 0);
  const answered = await Promise.all(
    sample.map((h) =>
      h.socket
        .timeout(30_000)
        .emitWithAck('chat.sync', { sessionId: h.sessionId, afterSeq: 0 })
        .then(
          (r: { ok?: boolean }) => r.ok === true,
          () => false,
        ),
    ),
  );
  return {
    driver: o.pgUrl ? 'postgres' : 'pglite',
    nodes: nodes.length,
    requested: o.idle,
    chats: chats.length,
    opened: connectMs.length,
    connectedAfterHold: connected.length,
    droppedDuringHold: dropped,
    holdSeconds: o.hold,
    probe: { asked: sample.length, answered: answered.filter(Boolean).length },
    setupSeconds,
    connectSeconds,
    connectMs: stats(connectMs),
    errors: Object.fromEntries(errors),
    serverRssMiB: { idle: rssIdle, beforeSockets: rssBefore, connected: rssConnected, peak, afterHold: rss() },
    benchRssMiB: mib(process.memoryUsage().rss),
    openFilesLimit: limitFiles,
  };
}

const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: round2(percentile(s, 50)), p95: round2(percentile(s, 95)), p99: round2(percentile(s, 99)) };
};

async function bench(o: Options) {
  const driver: Driver = o.pgUrl ? 'postgres' : 'pglite';
  const inst = await prepareInstance(driver, o.pgUrl ?? '');
  // Idle visitors wait with nobody online (their chats become leave-a-message chats).
  const agents = o.idle ? 0 : Math.ceil(o.visitors / CHATS_PER_AGENT);
  const slug = 'chatbench';
  // seed-demo counts the supervisor among its --agents.
  const redis = o.nodes === 2 ? { REDIS_URL: o.redisUrl } : {};
  const nodes: Array<Awaited<ReturnType<typeof startNode>>> = [];
  const sockets: Socket[] = [];
  try {
    say(`seeding ${agents} agents (${driver})...`);
    await runCli(
      ['seed-demo', '--customers', '0', '--tickets', '0', '--agents', String(agents + 1), '--slug', slug, '--password', PASSWORD],
      inst.env,
    ).done;
    const front = await startNode({ ...inst.env, ...redis });
    nodes.push(front);
    const back = o.nodes === 2 ? await startNode({ ...inst.env, ...redis, PORT: String(await freePort()) }) : front;
    if (back !== front) nodes.push(back);
    const admin = await login(front.base, `admin@${slug}.example.com`);
    const settings = { maxChatsPerAgent: CHATS_PER_AGENT, offerTimeoutSeconds: 600, idleTimeoutMinutes: 240 };
    const created = await expectStatus<{ channel: { publicKey: string } }>(
      call(front.base, 'POST', '/api/v1/channels', { kind: 'web_chat', name: 'Bench site', settings }, admin.headers),
      201,
      'channel',
    );
    if (o.idle) return { idle: await holdIdle(o, nodes, created.channel.publicKey, sockets) };
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
    // CPU per message: the server process(es), PostgreSQL's backends for this database, and
    // this process (the simulated visitors and agents), so it is clear what 2 cores must carry.
    const dbName = inst.env.DATABASE_URL ? new URL(inst.env.DATABASE_URL).pathname.slice(1) : null;
    const serverCpu0 = nodes.reduce((a, n) => a + (cpuMs(n.pid) ?? 0), 0);
    const pgCpu0 = dbName ? pgBackendsCpuMs(dbName) : new Map<number, number>();
    const benchCpu0 = process.cpuUsage();
    const started = performance.now();
    const errors = await sendAll(visitors, o, sent);
    const seconds = (performance.now() - started) / 1000;
    await sleep(1000);
    clearInterval(sampler);
    const serverCpu = nodes.reduce((a, n) => a + (cpuMs(n.pid) ?? 0), 0) - serverCpu0;
    const pgCpu = dbName ? [...pgBackendsCpuMs(dbName)].reduce((a, [pid, ms]) => a + ms - (pgCpu0.get(pid) ?? 0), 0) : null;
    const benchUsage = process.cpuUsage(benchCpu0);
    const benchCpu = (benchUsage.user + benchUsage.system) / 1000;
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
      cpuMsPerMessage: {
        server: round2(serverCpu / all.length),
        postgres: pgCpu === null ? null : round2(pgCpu / all.length),
        bench: round2(benchCpu / all.length),
      },
    };
  } finally {
    for (const s of sockets) s.disconnect();
    for (const n of nodes) await n.stop();
    await inst.cleanup();
  }
}

function printIdle(r: Awaited<ReturnType<typeof holdIdle>>) {
  const list = (xs: number[]) => xs.join(' + ');
  printTable(
    [
      'driver',
      'nodes',
      'opened',
      'held',
      'dropped',
      'probe ok',
      'connect p50',
      'connect p99',
      'RSS before',
      'RSS held',
      'RSS peak',
      'errors',
    ],
    [
      [
        r.driver,
        String(r.nodes),
        `${r.opened}/${r.requested}`,
        `${r.connectedAfterHold} after ${r.holdSeconds} s`,
        String(r.droppedDuringHold),
        `${r.probe.answered}/${r.probe.asked}`,
        String(r.connectMs.p50),
        String(r.connectMs.p99),
        list(r.serverRssMiB.beforeSockets),
        list(r.serverRssMiB.afterHold),
        list(r.serverRssMiB.peak),
        String(Object.values(r.errors).reduce((a, b) => a + b, 0)),
      ],
    ],
    5,
  );
  process.stdout.write(
    `setup ${r.setupSeconds} s, connect ${r.connectSeconds} s, bench RSS ${r.benchRssMiB} MiB, open files limit ${r.openFilesLimit}\n`,
  );
  for (const [k, n] of Object.entries(r.errors)) process.stdout.write(`  ${n} × ${k}\n`);
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
  if (r.idle) return printIdle(r.idle);
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
      'CPU ms/msg (server+pg+bench)',
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
        `${r.cpuMsPerMessage.server}+${r.cpuMsPerMessage.postgres ?? '?'}+${r.cpuMsPerMessage.bench}`,
      ],
    ],
    3,
  );
}

main().catch((err) => {
  say(String(err?.stack ?? err));
  process.exit(1);
});
