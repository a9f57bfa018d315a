import { SingleBar } from 'cli-progress';
import { type SQL, sql } from 'drizzle-orm';
import type { App } from '../app.js';
import { users } from '../modules/identity/index.js';
import { SYSTEM } from '../platform/auth/actor.js';
import type { Db, Tx } from '../platform/db/client.js';
import { textToHtml } from '../platform/html.js';
import { uuidv7 } from '../platform/ids.js';
import { searchDocument } from '../platform/search/text-search.js';
import { buildCorpus, type Corpus, FIRST_NAMES, LAST_NAMES, loadDatasetTexts, pickFrom, rng, ZH_NAMES } from './support-texts.js';

/**
 * A large, varied workspace for `bench/tickets.ts`, written with set-based SQL (insert … select
 * generate_series) instead of the service layer, which would take hours at 100k tickets / 1M
 * messages. Texts come from a pool whose search documents are computed here with the app's own
 * `searchDocument`; a message joins one or two pool texts, and because the analyzer works run
 * by run, searchDocument(a + '\n\n' + b) is exactly doc(a) + ' ' + doc(b) (checked in the test).
 * No outbox events, timeline audit or SLA clocks are written: this is data to read, not history.
 */

export interface BenchSeedOptions {
  tickets: number;
  messages: number;
  password: string;
  slug?: string;
  agents?: number;
  /** Folder with banking77/ and bitext_customer_support/; templates only when absent. */
  datasetsDir?: string;
  /** distinct template fillings per role and language (tests use few) */
  corpusSize?: number;
  quiet?: boolean;
}

export interface BenchSeedResult {
  workspaceId: string;
  slug: string;
  adminEmail: string;
  agentEmails: string[];
  customers: number;
  customerEmail: (i: number) => string;
  tickets: number;
  messages: number;
  seconds: Record<'people' | 'texts' | 'tickets' | 'messages' | 'analyze' | 'total', number>;
}

const BENCH_TAGS = [
  ...['billing', 'refund', 'shipping', 'login', 'bug', 'feature-request', 'invoice', 'vip', 'mobile'],
  ...['api', 'chargeback', 'complaint', 'urgent-followup', 'damaged', 'address', 'subscription', '投诉', '退款'],
];
const TEAMS = ['Billing', 'Logistics', 'Technical', '中文支持'];
const ORGANIZATIONS = 40;
const TICKET_CHUNK = 10_000;
const MESSAGE_TICKET_CHUNK = 5_000;
/** Tickets are spread over the last year, newest with the highest number. */
const SPAN_SECONDS = 365 * 86_400;

const customerEmail = (i: number) => `customer${i + 1}@bench.example`;

/** A non-negative pseudo-random int from an expression and a salt: deterministic, so the planner can join on it. */
const h = (expr: string, salt: number) => `(hashint8((${expr})::bigint * 1000003 + ${salt}) & 2147483647)`;

/** A UUIDv7-shaped id (time prefix, version 7, RFC variant) from a timestamp and a unique key, as the app's ids look. */
const uuidOf = (ts: string, key: string) =>
  `(lpad(to_hex((extract(epoch from ${ts}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${key}), 1, 3)` +
  ` || substr('89ab', 1 + ascii(substr(md5(${key}), 20, 1)) % 4, 1) || substr(md5(${key}), 4, 15))::uuid`;

const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;
const rep = (x: string, n: number) => Array.from({ length: n }, () => x);

async function exec(db: Db | Tx, query: SQL | string): Promise<void> {
  await db.execute(typeof query === 'string' ? sql.raw(query) : query);
}

/** One bulk statement in its own transaction, without JIT: compiling these wide expressions costs seconds per chunk on PostgreSQL. */
async function bulk(app: App, query: string): Promise<void> {
  await app.platform.transaction(async (tx) => {
    if (app.platform.database.kind === 'postgres') await exec(tx, 'set local jit = off');
    await exec(tx, query);
  });
}

async function insertRows(db: Db, table: string, columns: string[], rows: unknown[][], batch = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const values = rows.slice(i, i + batch).map(
      (r) =>
        sql`(${sql.join(
          r.map((v) => sql`${v}`),
          sql`, `,
        )})`,
    );
    await exec(db, sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))}) values ${sql.join(values, sql`, `)}`);
  }
}

async function createHelperTables(db: Db): Promise<void> {
  for (const t of ['bench_texts', 'bench_text_counts', 'bench_people', 'bench_staff', 'bench_teams'])
    await exec(db, `drop table if exists ${t}`);
  await exec(db, 'create table bench_texts (role text, lang text, idx int, body text, html text, doc text, primary key (role, lang, idx))');
  await exec(db, 'create table bench_text_counts (role text, lang text, n int, primary key (role, lang))');
  await exec(db, 'create table bench_people (idx int primary key, id uuid, language text, lang text, organization_id uuid, doc text)');
  await exec(db, 'create table bench_staff (idx int primary key, id uuid, team_id uuid)');
  await exec(db, 'create table bench_teams (idx int primary key, id uuid)');
}

async function dropHelperTables(db: Db): Promise<void> {
  for (const t of ['bench_texts', 'bench_text_counts', 'bench_people', 'bench_staff', 'bench_teams'])
    await exec(db, `drop table if exists ${t}`);
}

async function insertStaff(app: App, wsId: string, slug: string, nAgents: number, password: string) {
  const db = app.platform.db;
  const rand = rng(7);
  const hash = await app.platform.passwords.hash(password);
  const teamIds = TEAMS.map(() => uuidv7());
  await insertRows(
    db,
    'teams',
    ['id', 'workspace_id', 'name', 'strategy'],
    TEAMS.map((name, i) => [teamIds[i], wsId, name, 'round_robin']),
  );
  await insertRows(
    db,
    'bench_teams',
    ['idx', 'id'],
    teamIds.map((id, i) => [i, id]),
  );
  const adminEmail = `admin@${slug}.example.com`;
  const agents = Array.from({ length: nAgents }, (_, i) => ({
    id: uuidv7(),
    email: `agent${i + 1}@${slug}.example.com`,
    name: i % 4 === 3 ? pickFrom(rand, ZH_NAMES) : `${pickFrom(rand, FIRST_NAMES)} ${pickFrom(rand, LAST_NAMES)}`,
    teamId: teamIds[i % teamIds.length] as string,
  }));
  const staff = [
    { id: uuidv7(), email: adminEmail, name: 'Ada Admin', role: 'admin' },
    { id: uuidv7(), email: `supervisor@${slug}.example.com`, name: 'Sam Supervisor', role: 'supervisor' },
    ...agents.map((a) => ({ ...a, role: 'agent' })),
  ];
  await db
    .insert(users)
    .values(staff.map((s) => ({ id: s.id, workspaceId: wsId, email: s.email, name: s.name, role: s.role, passwordHash: hash })));
  await insertRows(
    db,
    'team_members',
    ['team_id', 'user_id', 'workspace_id'],
    agents.map((a) => [a.teamId, a.id, wsId]),
  );
  await insertRows(
    db,
    'bench_staff',
    ['idx', 'id', 'team_id'],
    agents.map((a, i) => [i, a.id, a.teamId]),
  );
  return { adminEmail, agentEmails: agents.map((a) => a.email) };
}

async function insertCustomers(db: Db, wsId: string, count: number): Promise<void> {
  const rand = rng(11);
  const orgIds = Array.from({ length: ORGANIZATIONS }, () => uuidv7());
  await insertRows(
    db,
    'organizations',
    ['id', 'workspace_id', 'name'],
    orgIds.map((id, i) => [id, wsId, `Customer Org ${i + 1}`]),
  );
  const people: unknown[][] = [];
  const rows: (typeof users.$inferInsert)[] = [];
  for (let i = 0; i < count; i++) {
    const zh = rand() < 0.3;
    const name = zh ? pickFrom(rand, ZH_NAMES) : `${pickFrom(rand, FIRST_NAMES)} ${pickFrom(rand, LAST_NAMES)}`;
    const org = rand() < 0.3 ? pickFrom(rand, orgIds) : null;
    const id = uuidv7();
    const email = customerEmail(i);
    rows.push({ id, workspaceId: wsId, email, name, role: 'customer', organizationId: org, locale: zh ? 'zh-CN' : 'en' });
    // The ticket's search document is searchDocument(`${subject} ${name} ${email}`): the requester's half.
    people.push([i, id, zh ? 'zh-CN' : 'en', zh ? 'zh' : 'en', org, searchDocument(`${name} ${email}`)]);
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(users).values(rows.slice(i, i + 1000));
  await insertRows(db, 'bench_people', ['idx', 'id', 'language', 'lang', 'organization_id', 'doc'], people);
}

async function insertTexts(db: Db, corpus: Corpus): Promise<number> {
  const rows: unknown[][] = [];
  const counts: unknown[][] = [];
  for (const [role, byLang] of Object.entries(corpus)) {
    for (const [lang, texts] of Object.entries(byLang as Record<string, string[]>)) {
      for (const [idx, body] of texts.entries()) rows.push([role, lang, idx, body, textToHtml(body), searchDocument(body)]);
      counts.push([role, lang, texts.length]);
    }
  }
  await insertRows(db, 'bench_texts', ['role', 'lang', 'idx', 'body', 'html', 'doc'], rows, 400);
  await insertRows(db, 'bench_text_counts', ['role', 'lang', 'n'], counts);
  return rows.length;
}

interface Shape {
  ws: string;
  tickets: number;
  /** messages per ticket are 1 + hash % span: the mean is (span + 1) / 2 = messages / tickets */
  span: number;
  customers: number;
  agents: number;
}

/** Age-dependent status mix: last days mostly open work, older tickets mostly closed. */
function statusExpr(): string {
  const recent = arr([...rep('new', 2), ...rep('open', 4), ...rep('pending', 2), 'on_hold', 'solved']);
  const month = arr(['open', 'open', 'pending', 'on_hold', 'solved', 'solved', ...rep('closed', 4)]);
  const old = arr(['open', 'pending', ...rep('solved', 2), ...rep('closed', 16)]);
  return `case when age_days < 3 then (${recent})[1 + ${h('n', 2)} % 10] when age_days < 30 then (${month})[1 + ${h('n', 2)} % 10] else (${old})[1 + ${h('n', 2)} % 20] end`;
}

function tagsExpr(): string {
  const tags = arr(BENCH_TAGS);
  const n = BENCH_TAGS.length;
  const pick = (k: number, div: number) => `case when g.r_tags % 4 >= ${k} then (${tags})[1 + (g.r_tags / ${div}) % ${n}] end`;
  return `(select coalesce(array_agg(distinct x order by x), '{}') from unnest(array[${pick(1, 4)}, ${pick(2, 4 * n)}, ${pick(3, 4 * n * n)}]) x where x is not null)`;
}

/** Per-ticket draws: time, status, priority, channel, requester, assignment, message count. */
function ticketDraws(s: Shape, lo: number, hi: number): string {
  const priority = arr([...rep('low', 4), ...rep('normal', 11), ...rep('high', 4), 'urgent']);
  const channel = arr([...rep('email', 8), ...rep('web_chat', 5), ...rep('portal', 3), 'messaging', 'messaging', 'phone', 'api']);
  return `select x.*, least(now(), created + make_interval(secs => ${h('n', 3)} % greatest(1, least(259200, (age_days * 86400)::int)))) as updated,
      (${priority})[1 + ${h('n', 4)} % 20] as priority, (${channel})[1 + ${h('n', 5)} % 20] as channel,
      ${h('n', 6)} % ${s.customers} as cust, ${h('n', 7)} as r_agent, ${h('n', 8)} as r_team, ${h('n', 9)} as r_tags,
      ${h('n', 10)} as r_subject, ${h('n', 11)} as r_misc, 1 + ${h('n', 12)} % ${s.span} as k, ${statusExpr()} as status
    from (select n, now() - make_interval(secs => (${s.tickets} - n)::float8 / ${s.tickets} * ${SPAN_SECONDS} + ${h('n', 1)} % 600) as created,
      (${s.tickets} - n)::float8 / ${s.tickets} * 365 as age_days
      from generate_series(${lo}, ${hi}) n) x`;
}

function ticketsSql(s: Shape, lo: number, hi: number): string {
  const open = `g.status in ('new', 'open')`;
  const done = `g.status in ('solved', 'closed')`;
  const sla = `case when g.status in ('pending', 'on_hold') then 'paused' when ${open} then (${arr([...rep('ok', 14), ...rep('at_risk', 3), ...rep('breached', 3)])})[1 + (g.r_misc / 7) % 20] else (${arr([...rep('met', 17), ...rep('breached', 3)])})[1 + (g.r_misc / 7) % 20] end`;
  return `insert into tickets (id, workspace_id, number, subject, status, priority, channel, language, requester_id, organization_id,
      assignee_id, team_id, tags, version, last_seq, message_count, first_response_at, last_customer_message_at, last_agent_reply_at,
      last_message_at, assigned_at, solved_at, closed_at, reopened_count, sla_state, sla_due_at, satisfaction, search_vector,
      conversation_vector, created_at, updated_at)
    select ${uuidOf('g.created', `'${s.ws}' || g.n`)}, '${s.ws}', g.n, st.body, g.status, g.priority, g.channel, p.language, p.id, p.organization_id,
      a.id, coalesce(a.team_id, tm.id), ${tagsExpr()}, 1 + g.k / 3, g.k, g.k - g.k / 7,
      case when g.k >= 2 then least(g.updated, g.created + make_interval(secs => g.r_misc % 14400)) end, g.created,
      case when g.k >= 2 then g.updated end, g.updated, case when a.id is not null then least(g.updated, g.created + interval '5 minutes') end,
      case when ${done} then g.updated end, case when g.status = 'closed' then g.updated end, case when (g.r_misc / 100) % 20 = 0 then 1 else 0 end,
      ${sla}, case when ${open} then g.created + make_interval(hours => 4 + g.r_misc % 44) end,
      case when ${done} and g.r_misc % 5 = 0 then 1 + (g.r_misc / 5) % 5 end,
      to_tsvector('simple', g.n || ' ' || st.doc || ' ' || p.doc),
      conversation_append(setweight(to_tsvector('simple', g.n || ' ' || st.doc || ' ' || p.doc), 'A'), ${conversationSql('g.n', 'p.lang', 'g.k')}),
      g.created, g.updated
    from (${ticketDraws(s, lo, hi)}) g
    join bench_people p on p.idx = g.cust
    join bench_text_counts sc on sc.role = 'subject' and sc.lang = p.lang
    join bench_texts st on st.role = 'subject' and st.lang = p.lang and st.idx = g.r_subject % sc.n
    left join bench_staff a on a.idx = g.r_agent % ${s.agents}
      and (case when g.status = 'new' then g.r_misc % 10 < 3 else g.r_misc % 100 < 93 end)
    left join bench_teams tm on a.id is null and tm.idx = g.r_team % ${TEAMS.length + 1}`;
}

/**
 * Who writes message `seq` of ticket `num`: the customer opens, agent and customer alternate,
 * about one in ten is an internal note, every seventh a status-change event (as the writer
 * records them). `ha` and `hb` pick its one or two pool texts.
 */
const messageRole = (num: string, seq: string) =>
  `case when ${seq} = 1 then 'customer' when ${seq} % 7 = 0 then 'event' when ${h(`${num}::bigint * 1000 + ${seq}`, 21)} % 100 < 10 then 'note'
          when ${seq} % 2 = 0 then 'agent' else 'customer' end`;
const messageDraw = (num: string, seq: string, salt: 22 | 23) => h(`${num}::bigint * 1000 + ${seq}`, salt);

/** Message `m`'s (role, lang, ha, hb) pool texts: `a`, and `b` when a customer's message joins two; none for events. */
const messageTextsJoin = (m: string) => `left join bench_text_counts c on c.role = ${m}.role and c.lang = ${m}.lang
    left join bench_texts a on a.role = ${m}.role and a.lang = ${m}.lang and a.idx = ${m}.ha % c.n
    left join bench_texts b on ${m}.role = 'customer' and ${m}.hb % 2 = 0 and b.role = ${m}.role and b.lang = ${m}.lang and b.idx = (${m}.hb / 2) % c.n`;
/** A message's search document: its texts' documents joined, as searchDocument of the joined text gives. */
const MESSAGE_DOC = `case when b.body is null then a.doc else a.doc || ' ' || b.doc end`;

/**
 * The messages' part of a ticket's conversation vector, which the app builds by appending each
 * message's vector (weight D): the vector of all their documents joined, since to_tsvector
 * continues positions across the join exactly as || shifts them (seed.int.test.ts checks).
 */
function conversationSql(num: string, lang: string, lastSeq: string): string {
  return `(select to_tsvector('simple', coalesce(string_agg(${MESSAGE_DOC}, ' ' order by m.seq), ''))
      from (select s.seq, ${lang} as lang, ${messageRole(num, 's.seq')} as role, ${messageDraw(num, 's.seq', 22)} as ha,
        ${messageDraw(num, 's.seq', 23)} as hb from generate_series(1, ${lastSeq}) s(seq)) m
      ${messageTextsJoin('m')}
      where a.body is not null)`;
}

/** Every ticket's conversation, message by message (see messageRole). */
function messagesSql(s: Shape, lo: number, hi: number): string {
  const event = `jsonb_build_object('type', 'fields_changed', 'changes', jsonb_build_array(jsonb_build_object('field', 'status', 'from', 'open', 'to', 'pending')))`;
  return `insert into messages (id, workspace_id, ticket_id, seq, kind, author_kind, author_id, channel, body_html, body_text, event, search_vector, created_at)
    select ${uuidOf('m.created', "m.tid::text || '.' || m.seq")}, m.ws, m.tid, m.seq,
      case m.role when 'customer' then 'reply' when 'agent' then 'reply' else m.role end,
      case m.role when 'customer' then 'customer' else 'agent' end,
      case when m.role = 'customer' then m.requester_id else coalesce(m.assignee_id, st.id) end,
      case m.role when 'customer' then m.tchannel when 'agent' then (case when m.tchannel = 'web_chat' then 'web_chat' else 'agent' end)
        when 'note' then 'agent' else 'system' end,
      case when a.body is null then '' when b.body is null then a.html else a.html || b.html end,
      case when a.body is null then '' when b.body is null then a.body else a.body || E'\\n\\n' || b.body end,
      case when m.role = 'event' then ${event} end,
      case when a.body is not null then to_tsvector('simple', ${MESSAGE_DOC}) end,
      m.created
    from (select t.id as tid, t.workspace_id as ws, t.requester_id, t.assignee_id, t.channel as tchannel, s.seq,
        case when t.language = 'zh-CN' then 'zh' else 'en' end as lang,
        t.created_at + (t.updated_at - t.created_at) * ((s.seq - 1)::float8 / greatest(t.last_seq - 1, 1)) as created,
        ${messageRole('t.number', 's.seq')} as role, ${messageDraw('t.number', 's.seq', 22)} as ha, ${messageDraw('t.number', 's.seq', 23)} as hb
      from tickets t cross join lateral generate_series(1, t.last_seq) s(seq)
      where t.workspace_id = '${s.ws}' and t.number between ${lo} and ${hi}) m
    ${messageTextsJoin('m')}
    left join bench_staff st on st.idx = m.ha % ${s.agents}`;
}

async function count(db: Db, query: string): Promise<number> {
  const res = (await db.execute(sql.raw(query))) as unknown as { rows: Array<{ n: number | string }> };
  return Number(res.rows[0]?.n ?? 0);
}

async function insertConversations(app: App, shape: Shape, messages: number, progress: (step: string, n: number) => void): Promise<number> {
  const db = app.platform.db;
  for (let lo = 1; lo <= shape.tickets; lo += TICKET_CHUNK) {
    const hi = Math.min(shape.tickets, lo + TICKET_CHUNK - 1);
    await bulk(app, ticketsSql(shape, lo, hi));
    progress('tickets', hi);
  }
  await exec(
    db,
    sql`insert into ticket_counters (workspace_id, last_number) values (${shape.ws}, ${shape.tickets})
    on conflict (workspace_id) do update set last_number = excluded.last_number`,
  );
  const ticketsDone = performance.now();
  let written = 0;
  for (let lo = 1; lo <= shape.tickets; lo += MESSAGE_TICKET_CHUNK) {
    const hi = Math.min(shape.tickets, lo + MESSAGE_TICKET_CHUNK - 1);
    await bulk(app, messagesSql(shape, lo, hi));
    written = await count(db, `select coalesce(sum(last_seq), 0) as n from tickets where workspace_id = '${shape.ws}' and number <= ${hi}`);
    progress('messages', shape.tickets + Math.min(written, messages));
  }
  return ticketsDone;
}

export async function benchSeed(app: App, opts: BenchSeedOptions): Promise<BenchSeedResult> {
  const started = performance.now();
  const db = app.platform.db;
  const slug = opts.slug ?? 'bench';
  const nAgents = opts.agents ?? 20;
  const nCustomers = Math.max(50, Math.ceil(opts.tickets / 8));
  const seconds = { people: 0, texts: 0, tickets: 0, messages: 0, analyze: 0, total: 0 };
  const lap = (key: keyof typeof seconds, since: number) => {
    seconds[key] = Math.round((performance.now() - since) / 100) / 10;
    return performance.now();
  };
  const bar = opts.quiet ? null : new SingleBar({ format: '  seeding {bar} {percentage}% | {value}/{total} | {step}' });
  bar?.start(opts.tickets + opts.messages, 0, { step: 'people' });

  const ws = await app.services.workspaces.create({ actor: SYSTEM, log: app.server.log }, { name: 'Bench Support', slug });
  if (!/^[0-9a-f-]{36}$/.test(ws.id)) throw new Error(`unexpected workspace id ${ws.id}`);
  await createHelperTables(db);
  let t = performance.now();
  const staff = await insertStaff(app, ws.id, slug, nAgents, opts.password);
  await insertCustomers(db, ws.id, nCustomers);
  t = lap('people', t);
  bar?.update(0, { step: 'texts' });
  await insertTexts(db, buildCorpus(rng(42), opts.datasetsDir ? loadDatasetTexts(opts.datasetsDir) : null, opts.corpusSize));
  await exec(db, 'analyze bench_texts, bench_text_counts, bench_people, bench_staff, bench_teams');
  t = lap('texts', t);

  const span = Math.max(1, Math.round((2 * opts.messages) / opts.tickets - 1));
  const shape: Shape = { ws: ws.id, tickets: opts.tickets, span, customers: nCustomers, agents: nAgents };
  const ticketsDone = await insertConversations(app, shape, opts.messages, (step, n) => bar?.update(n, { step }));
  seconds.tickets = Math.round((ticketsDone - t) / 100) / 10;
  t = lap('messages', ticketsDone);
  bar?.update(opts.tickets + opts.messages, { step: 'vacuum analyze' });
  await dropHelperTables(db);
  await exec(db, 'vacuum (analyze) tickets, messages, users');
  lap('analyze', t);
  bar?.stop();
  lap('total', started);
  const total = (table: string) => count(db, `select count(*) as n from ${table} where workspace_id = '${ws.id}'`);
  return {
    workspaceId: ws.id,
    slug,
    ...staff,
    customers: nCustomers,
    customerEmail,
    tickets: await total('tickets'),
    messages: await total('messages'),
    seconds,
  };
}
