import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchDocument } from '../platform/search/text-search.js';
import { Client, startApp, type TestApp } from '../test/harness.js';
import { type BenchSeedResult, benchSeed } from './bench-seed.js';
import { seedDemo } from './seed-demo.js';

const PASSWORD = 'seed password 123';
let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await app.platform.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function signIn(email: string): Promise<Client> {
  const client = new Client(app);
  await client.login(email, PASSWORD);
  return client;
}

interface ListItem {
  id: string;
  number: number;
  subject: string;
  status: string;
  language: string;
  assigneeId: string | null;
  tags: string[];
  messageCount: number;
  snippet: string | null;
}

describe('seed-demo tickets', () => {
  let demo: Awaited<ReturnType<typeof seedDemo>>;
  let admin: Client;
  let items: ListItem[];

  beforeAll(async () => {
    demo = await seedDemo(app, { password: PASSWORD, customers: 30, agents: 5, tickets: 40, quiet: true, slug: 'demo' });
    admin = await signIn(demo.adminEmail);
    const res = await admin.get('/api/v1/tickets?limit=200&sort=number_desc');
    expect(res.statusCode, res.body).toBe(200);
    items = res.json().items;
  }, 120_000);

  it('creates the tickets, numbered 1..n, across statuses, in English and Chinese', () => {
    expect(demo.tickets).toBe(40);
    expect(items.map((t) => t.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(items.map((t) => t.status)).size).toBeGreaterThanOrEqual(4);
    expect(items.some((t) => t.language === 'zh-CN' && /\p{Script=Han}/u.test(t.subject))).toBe(true);
    expect(items.some((t) => t.language === 'en' && /^[\x20-\x7e]+$/.test(t.subject))).toBe(true);
    expect(items.every((t) => t.tags.length > 0 || t.status === 'new')).toBe(true);
  });

  it('assigns worked tickets to demo agents, who answered them', async () => {
    const agents = await rows<{ id: string }>(
      sql`select u.id from users u join workspaces w on w.id = u.workspace_id where w.slug = 'demo' and u.role = 'agent'`,
    );
    const agentIds = new Set(agents.map((a) => a.id));
    const worked = items.filter((t) => t.status !== 'new');
    expect(worked.length).toBeGreaterThan(20);
    for (const t of worked) {
      expect(agentIds.has(t.assigneeId ?? '')).toBe(true);
      const timeline = (await admin.get(`/api/v1/tickets/${t.id}/messages`)).json().items as Array<{ kind: string; authorKind: string }>;
      expect(timeline[0]).toMatchObject({ kind: 'reply', authorKind: 'customer' });
      expect(timeline.some((m) => m.kind === 'reply' && m.authorKind === 'agent')).toBe(true);
      // Status changes past open (waiting, on hold, solved, closed) are timeline events written by the ticket writer.
      if (t.status !== 'open') expect(timeline.some((m) => m.kind === 'event')).toBe(true);
    }
  });

  it('writes notes, and the events the product records, through the service', async () => {
    const [notes] = await rows<{ n: number }>(
      sql`select count(*)::int as n from messages m join tickets t on t.id = m.ticket_id join workspaces w on w.id = t.workspace_id where w.slug = 'demo' and m.kind = 'note'`,
    );
    expect(notes?.n).toBeGreaterThan(0);
    const [created] = await rows<{ n: number }>(
      sql`select count(*)::int as n from outbox_events e join workspaces w on w.id = e.workspace_id where w.slug = 'demo' and e.type = 'ticket.created'`,
    );
    expect(created?.n).toBe(40);
  });
});

describe('bench-seed', () => {
  let seeded: BenchSeedResult;

  beforeAll(async () => {
    seeded = await benchSeed(app, {
      tickets: 300,
      messages: 3000,
      password: PASSWORD,
      slug: 'bench',
      agents: 4,
      corpusSize: 60,
      quiet: true,
    });
  }, 120_000);

  it('writes the requested number of tickets and about the requested number of messages', async () => {
    expect(seeded.tickets).toBe(300);
    expect(seeded.messages).toBeGreaterThan(2700);
    expect(seeded.messages).toBeLessThan(3300);
    const [counts] = await rows<{ bad_seq: number; bad_count: number; statuses: number; zh: number }>(sql`
      select
        (select count(*)::int from tickets t where t.workspace_id = ${seeded.workspaceId}
          and (select count(*) from messages m where m.ticket_id = t.id) <> t.last_seq) as bad_seq,
        (select count(*)::int from tickets t where t.workspace_id = ${seeded.workspaceId}
          and (select count(*) from messages m where m.ticket_id = t.id and m.kind <> 'event') <> t.message_count) as bad_count,
        (select count(distinct status)::int from tickets where workspace_id = ${seeded.workspaceId}) as statuses,
        (select count(*)::int from tickets where workspace_id = ${seeded.workspaceId} and language = 'zh-CN') as zh`);
    expect(counts).toMatchObject({ bad_seq: 0, bad_count: 0 });
    expect(counts?.statuses).toBeGreaterThanOrEqual(4);
    expect(counts?.zh).toBeGreaterThan(30);
  });

  it('indexes every text exactly as the app would (searchDocument of the body, of subject + requester)', async () => {
    const sample = await rows<{ body: string; vector: string }>(sql`
      select body_text as body, search_vector::text as vector from messages
      where workspace_id = ${seeded.workspaceId} and kind <> 'event' order by id limit 60`);
    expect(sample.length).toBe(60);
    for (const m of sample) {
      const [cmp] = await rows<{ v: string }>(sql`select to_tsvector('simple', ${searchDocument(m.body)})::text as v`);
      expect(m.vector).toBe(cmp?.v);
    }
    const tickets = await rows<{ doc: string; vector: string }>(sql`
      select t.search_vector::text as vector, t.number || ' ' || t.subject || ' ' || u.name || ' ' || u.email as doc
      from tickets t join users u on u.id = t.requester_id where t.workspace_id = ${seeded.workspaceId} order by t.number limit 20`);
    for (const t of tickets) {
      const [cmp] = await rows<{ v: string }>(sql`select to_tsvector('simple', ${searchDocument(t.doc)})::text as v`);
      expect(t.vector).toBe(cmp?.v);
    }
  });

  it('builds every conversation vector as the app does: its own words (A), then each message appended (D)', async () => {
    // The app appends message by message (conversation_append); conversation_agg replays that over the stored vectors.
    const sample = await rows<{ number: number; vector: string; replayed: string; messages: number }>(sql`
      select t.number, t.conversation_vector::text as vector,
        (select count(*)::int from messages m where m.ticket_id = t.id and m.search_vector is not null) as messages,
        (select conversation_agg(p.v order by p.k)::text from (
          select 0 as k, setweight(t.search_vector, 'A') as v
          union all select m.seq, setweight(m.search_vector, 'D') from messages m where m.ticket_id = t.id and m.search_vector is not null) p) as replayed
      from tickets t where t.workspace_id = ${seeded.workspaceId} order by t.number limit 80`);
    expect(sample.length).toBe(80);
    expect(sample.some((t) => t.messages >= 5)).toBe(true);
    for (const t of sample) expect(t.vector, `#${t.number}`).toBe(t.replayed);
  });

  it('serves the data through the API: views, pages, search in English and Chinese, new numbers after the seed', async () => {
    const agent = await signIn(seeded.agentEmails[0] as string);
    const mine = await agent.get('/api/v1/tickets?status=open,pending,closed&assignee=me&sort=updated_desc&limit=20');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.length).toBeGreaterThan(0);
    const next = await agent.get(
      `/api/v1/tickets?status=open,pending,closed&assignee=me&sort=updated_desc&limit=20&cursor=${mine.json().nextCursor}`,
    );
    expect(next.statusCode).toBe(200);
    for (const q of ['退款', 'refund']) {
      const found = await agent.get(`/api/v1/tickets?q=${encodeURIComponent(q)}`);
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json().items.length, q).toBeGreaterThan(0);
    }
    const created = await agent.post('/api/v1/tickets', {
      subject: 'After the seed',
      bodyText: 'Hello',
      requester: { email: 'customer1@bench.example' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().number).toBe(301);
  });

  it('leaves no helper tables behind', async () => {
    const left = await rows<{ n: number }>(sql`select count(*)::int as n from pg_tables where tablename like 'bench\\_%'`);
    expect(left[0]?.n).toBe(0);
  });
});
