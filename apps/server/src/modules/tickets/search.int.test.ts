import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.js';
import { Client, createUser, createWorkspace, signedIn, startApp, TEST_PASSWORD, type TestApp } from '../../test/harness.js';
import { teams } from '../routing/index.js';
import { RANK_CANDIDATES, WALK_BUDGET } from './ticket-search.js';
import { tickets } from './tickets.schema.js';

/** Full-text search through GET /api/v1/tickets?q=: languages, typos, notes, access, ranking, snippets, pages. */

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
type Item = { id: string; subject: string; snippet: string | null };

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let agent: SignedIn;
let supervisor: SignedIn;
let customer: SignedIn;
let stranger: SignedIn;
const t: Record<string, string> = {};
const otherTeam = uuidv7();

async function open(subject: string, bodyText: string, client: Client = customer.client) {
  const res = await client.post('/api/v1/tickets', { subject, bodyText });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function say(client: Client, id: string, kind: 'reply' | 'note', bodyText: string) {
  const res = await client.post(`/api/v1/tickets/${id}/messages`, { kind, bodyText });
  expect(res.statusCode, res.body).toBe(201);
}

async function search(client: Client, q: string, extra = ''): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await client.get(`/api/v1/tickets?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const subjects = async (client: Client, q: string, extra = '') => (await search(client, q, extra)).items.map((i) => i.subject);

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  [agent, supervisor, customer, stranger] = await Promise.all([
    signedIn(app, ws.id, 'agent'),
    signedIn(app, ws.id, 'supervisor'),
    signedIn(app, ws.id, 'customer'),
    signedIn(app, ws.id, 'customer'),
  ]);
  await app.platform.db.insert(teams).values({ id: otherTeam, workspaceId: ws.id, name: 'Elsewhere', strategy: 'manual' });

  t.refund = await open('Order problem', 'Hello, I would like a refund for order 1234 please.');
  t.chinese = await open('订单问题', '我想申请退款');
  t.password = await open('Forgot my password', 'I cannot sign in anymore.');
  t.printer = await open('Printer jam on floor 3', 'The printer keeps jamming.');
  t.mention = await open(
    'Office supplies',
    'We need paper. Also the printer on floor 2 is out of toner, and the coffee machine is broken.',
  );
  t.noted = await open('Shipping delay', 'Where is my parcel?');
  await say(agent.client, t.noted, 'note', 'Internal: customer is flagged, codeword zebracorn');
  await say(agent.client, t.noted, 'reply', 'Your parcel is on its way <soon> & tracked');
  t.strangers = await open('Refund for a stranger', 'Please refund me too', stranger.client);
  t.hidden = await open('Refund in another team', 'refund request from a team the agent is not in');
  await app.platform.db.update(tickets).set({ teamId: otherTeam }).where(eq(tickets.id, t.hidden));
});
afterAll(async () => app?.close());

describe('languages', () => {
  it('English words match by stem: "refunds" finds "refund", with a highlighted snippet', async () => {
    const page = await search(supervisor.client, 'refunds');
    const hit = page.items.find((i) => i.id === t.refund);
    expect(hit?.snippet).toContain('<mark>refund</mark>');
    expect(hit?.snippet).toContain('order 1234');
    expect((await subjects(supervisor.client, 'refunding')).sort()).toEqual(
      ['Order problem', 'Refund for a stranger', 'Refund in another team'].sort(),
    );
  });

  it('Chinese is segmented: 退款 finds 我想申请退款', async () => {
    const page = await search(supervisor.client, '退款');
    expect(page.items.map((i) => i.id)).toEqual([t.chinese]);
    expect(page.items[0]?.snippet).toBe('我想申请<mark>退款</mark>');
    expect((await subjects(supervisor.client, '申请')).includes('订单问题')).toBe(true);
    expect(await subjects(supervisor.client, '订单')).toEqual(['订单问题']);
  });

  it('a typo still finds the subject through trigram similarity', async () => {
    expect(await subjects(supervisor.client, 'pasword')).toEqual(['Forgot my password']);
    expect(await subjects(supervisor.client, 'printr jam')).toContain('Printer jam on floor 3');
    // what is nowhere near anything finds nothing
    expect(await subjects(supervisor.client, 'xylophone')).toEqual([]);
  });

  it('finds a ticket by its number, with or without "#", only where the searcher may see it', async () => {
    const { number } = (await supervisor.client.get(`/api/v1/tickets/${t.strangers}`)).json() as { number: number };
    expect(await subjects(supervisor.client, `#${number}`)).toContain('Refund for a stranger');
    expect(await subjects(supervisor.client, String(number))).toContain('Refund for a stranger');
    expect(await subjects(customer.client, `#${number}`)).not.toContain('Refund for a stranger');
  });

  it('finds the requester by name and email; stop words alone and exclusions alone find nothing', async () => {
    const me = (await customer.client.get('/api/v1/me')).json() as { name: string; email: string };
    expect(await subjects(supervisor.client, me.email)).toContain('Forgot my password');
    expect(await subjects(supervisor.client, me.email)).not.toContain('Refund for a stranger');
    expect(await subjects(supervisor.client, 'the and of')).toEqual([]);
    expect(await subjects(supervisor.client, '-refund')).toEqual([]);
    // staff: an exclusion applies to the whole conversation (subject, requester and every message)
    expect((await subjects(supervisor.client, 'refund -order')).sort()).toEqual(['Refund for a stranger', 'Refund in another team']);
    expect(await subjects(supervisor.client, '"order 1234"')).toEqual(['Order problem']);
  });
});

describe('a renamed ticket', () => {
  it('is found by its new subject and no longer by its old one; its messages still count', async () => {
    const id = await open('Wobbly turntable', 'The gramophone needle skips');
    expect(await subjects(supervisor.client, 'turntable')).toEqual(['Wobbly turntable']);
    const renamed = await supervisor.client.patch(`/api/v1/tickets/${id}`, { subject: 'Broken phonograph' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await subjects(supervisor.client, 'phonograph')).toEqual(['Broken phonograph']);
    expect(await subjects(customer.client, 'phonograph')).toEqual(['Broken phonograph']);
    expect(await subjects(supervisor.client, 'turntable')).toEqual([]);
    expect(await subjects(supervisor.client, 'gramophone')).toEqual(['Broken phonograph']);
    // the number stays findable too (toContain: the requester's generated email may hold the same digits)
    const { number } = (await supervisor.client.get(`/api/v1/tickets/${id}`)).json() as { number: number };
    expect(await subjects(supervisor.client, `#${number}`)).toContain('Broken phonograph');
  });
});

describe('who finds what', () => {
  it('staff find internal notes; the customer does not, even on their own ticket', async () => {
    expect(await subjects(agent.client, 'zebracorn')).toEqual(['Shipping delay']);
    expect(await subjects(customer.client, 'zebracorn')).toEqual([]);
    // public replies are searchable by the customer, and the snippet comes from the reply
    const page = await search(customer.client, 'tracked');
    expect(page.items.map((i) => i.id)).toEqual([t.noted]);
    expect(page.items[0]?.snippet).toBe('Your parcel is on its way &lt;soon&gt; &amp; <mark>tracked</mark>');
    expect(page.items[0]).not.toHaveProperty('tags');
  });

  it('customers search only their own and followed tickets', async () => {
    expect((await subjects(customer.client, 'refund')).sort()).toEqual(['Order problem', 'Refund in another team']);
    expect(await subjects(stranger.client, 'refund')).toEqual(['Refund for a stranger']);
    await supervisor.client.patch(`/api/v1/tickets/${t.refund}`, { followerIds: [stranger.user.id] });
    expect((await subjects(stranger.client, 'refund')).sort()).toEqual(['Order problem', 'Refund for a stranger']);
    // a typo search is scoped the same way
    expect(await subjects(stranger.client, 'pasword')).toEqual([]);
  });

  it('a customer finds their own ticket even when thousands of other tickets’ messages match first', async () => {
    const crowd = await open('Crowded word', 'kiwifruit', stranger.client);
    // more hits than relevance ranking considers, all on a ticket the customer cannot see
    await app.platform.db.execute(sql`
      insert into messages (id, workspace_id, ticket_id, seq, kind, author_kind, channel, body_text, search_vector)
      select gen_random_uuid(), ${ws.id}, ${crowd}, 100 + g, 'reply', 'customer', 'portal', 'kiwifruit', to_tsvector('simple', 'kiwifruit')
      from generate_series(1, ${RANK_CANDIDATES + 100}) g`);
    const mine = await open('Fruit basket', 'I ordered kiwifruit');
    expect((await search(customer.client, 'kiwifruit')).items.map((i) => i.id)).toEqual([mine]);
    // Staff rank tickets, not messages: one ticket with very many hits takes one place.
    expect((await search(supervisor.client, 'kiwifruit')).items.map((i) => i.id).sort()).toEqual([crowd, mine].sort());
    const exact = await search(supervisor.client, 'kiwifruit', '&status=new&sort=created_asc');
    expect(exact.items.map((i) => i.id)).toEqual([crowd, mine]);
  });

  it('agents without ticket.read_all do not find tickets of teams they are not in', async () => {
    expect(await subjects(agent.client, 'refund')).not.toContain('Refund in another team');
    expect(await subjects(supervisor.client, 'refund')).toContain('Refund in another team');
  });

  it('other workspaces see nothing', async () => {
    const outsider = await signedIn(app, (await createWorkspace(app)).id, 'admin');
    expect(await subjects(outsider.client, 'refund')).toEqual([]);
    expect(await subjects(outsider.client, 'pasword')).toEqual([]);
  });
});

describe('ranking, filters and pages', () => {
  it('ranks a subject hit above a passing mention in a message', async () => {
    const found = await subjects(supervisor.client, 'printer');
    expect(found).toEqual(['Printer jam on floor 3', 'Office supplies']);
    const page = await search(supervisor.client, 'printer');
    // the snippet comes from the best matching message
    expect(page.items[1]?.snippet).toContain('the <mark>printer</mark> on floor 2');
  });

  it('combines with filters and an explicit sort', async () => {
    await supervisor.client.patch(`/api/v1/tickets/${t.strangers}`, { status: 'pending', tags: ['vip'] });
    expect(await subjects(supervisor.client, 'refund', '&status=pending')).toEqual(['Refund for a stranger']);
    expect(await subjects(supervisor.client, 'refund', '&tags=vip')).toEqual(['Refund for a stranger']);
    expect(await subjects(supervisor.client, 'refund', '&sort=created_asc')).toEqual([
      'Order problem',
      'Refund for a stranger',
      'Refund in another team',
    ]);
    expect(await subjects(supervisor.client, 'refund', '&sort=created_desc')).toEqual([
      'Refund in another team',
      'Refund for a stranger',
      'Order problem',
    ]);
    expect(await subjects(supervisor.client, 'pasword', '&status=solved')).toEqual([]);
  });

  it('pages through many hits by relevance and by a sort without repeats or gaps', async () => {
    const requester = await createUser(app, ws.id, 'customer');
    for (let i = 0; i < 7; i++) {
      const words = Array.from({ length: i + 1 }, () => 'kumquat').join(' ');
      const res = await supervisor.client.post('/api/v1/tickets', {
        subject: `Fruit ${i}`,
        bodyText: `${words} and other fruit`,
        requesterId: requester.id,
      });
      expect(res.statusCode).toBe(201);
    }
    for (const extra of ['', '&sort=updated_desc', '&sort=priority_desc']) {
      const whole = (await search(supervisor.client, 'kumquat', `${extra}&limit=50`)).items.map((i) => i.id);
      expect(whole).toHaveLength(7);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Item[]; nextCursor: string | null } = await search(
          supervisor.client,
          'kumquat',
          `${extra}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        paged.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged, extra).toEqual(whole);
    }
    // a cursor of a search is refused for another sort
    const first = await search(supervisor.client, 'kumquat', '&limit=3');
    const res = await supervisor.client.get(`/api/v1/tickets?q=kumquat&sort=created_asc&cursor=${first.nextCursor}`);
    expect(res.statusCode).toBe(400);
  });

  it('pages through typo matches too', async () => {
    const requester = await createUser(app, ws.id, 'customer');
    for (let i = 0; i < 3; i++) {
      await supervisor.client.post('/api/v1/tickets', { subject: `Invoice missing ${i}`, bodyText: 'x', requesterId: requester.id });
    }
    const first = await search(supervisor.client, 'invoise', '&limit=2');
    expect(first.items).toHaveLength(2);
    const second = await search(supervisor.client, 'invoise', `&limit=2&cursor=${first.nextCursor}`);
    const all = [...first.items, ...second.items].map((i) => i.subject).sort();
    expect(all).toEqual(['Invoice missing 0', 'Invoice missing 1', 'Invoice missing 2']);
    expect(second.nextCursor).toBeNull();
  });

  it('an empty or blank q is no search at all; an over-long q is refused', async () => {
    const plain = (await agent.client.get('/api/v1/tickets?limit=200')).json().items.length;
    expect((await search(agent.client, '   ', '&limit=200')).items).toHaveLength(plain);
    expect((await search(agent.client, '   ')).items.every((i) => i.snippet === null)).toBe(true);
    expect((await agent.client.get(`/api/v1/tickets?q=${'a'.repeat(501)}`)).statusCode).toBe(400);
  });
});

describe('with more tickets than the ordered walk reads', () => {
  it('finds common words by walking the sort order and rare ones through the index, in the same pages', async () => {
    const requester = await createUser(app, ws.id, 'customer');
    for (let i = 0; i < 7; i++) {
      const res = await supervisor.client.post('/api/v1/tickets', {
        subject: `Guava ${i}`,
        bodyText: 'guava jam',
        requesterId: requester.id,
      });
      expect(res.statusCode).toBe(201);
    }
    // Filler tickets older than everything above but newer than the rare one.
    await app.platform.db.execute(sql`
      insert into tickets (id, workspace_id, number, subject, status, channel, requester_id, created_at, updated_at)
      select gen_random_uuid(), ${ws.id}, 1000000 + g, 'Filler ' || g, 'open', 'portal', ${customer.user.id},
             timestamptz '2019-01-01' + g * interval '1 minute', timestamptz '2019-01-01' + g * interval '1 minute'
      from generate_series(1, ${WALK_BUDGET + 50}) g`);
    const rare = await open('Ancient ticket', 'mentions the quokka once');
    await app.platform.db
      .update(tickets)
      .set({ updatedAt: new Date('2018-01-01') })
      .where(eq(tickets.id, rare));

    expect(await subjects(supervisor.client, 'quokka', '&sort=updated_desc')).toEqual(['Ancient ticket']);
    expect(await subjects(customer.client, 'quokka', '&sort=updated_desc')).toEqual(['Ancient ticket']);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await search(
        supervisor.client,
        'guava',
        `&sort=updated_desc&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      pages.push(...page.items.map((i) => i.subject));
      cursor = page.nextCursor;
    } while (cursor);
    // pages 1 and 2 fill while walking; page 3 finds one match in the walk, then the rest the other way
    expect(pages).toEqual(['Guava 6', 'Guava 5', 'Guava 4', 'Guava 3', 'Guava 2', 'Guava 1', 'Guava 0']);
  });
});

describe('the conversation vector (staff search)', () => {
  /** The ticket's vector as stored, and as replaying every message's stored vector in order would build it. */
  async function vectors(id: string) {
    const res = (await app.platform.db.execute(sql`
      select t.conversation_vector::text as stored, (select conversation_agg(p.v order by p.k)::text from (
        select 0 as k, setweight(t.search_vector, 'A') as v
        union all select m.seq, setweight(m.search_vector, 'D') from messages m where m.ticket_id = t.id and m.search_vector is not null) p) as replayed
      from tickets t where t.id = ${id}`)) as unknown as { rows: Array<{ stored: string; replayed: string }> };
    return res.rows[0];
  }

  it('holds the subject, requester and every reply and note, so words from different messages find the ticket together', async () => {
    const id = await open('Broken blender', 'It stopped working after a week.');
    await say(agent.client, id, 'note', 'Warranty claim filed with the vendor');
    await say(agent.client, id, 'reply', 'We are sending a replacement jar');
    await agent.client.patch(`/api/v1/tickets/${id}`, { status: 'pending' });
    expect(await subjects(agent.client, 'blender warranty')).toEqual(['Broken blender']);
    expect(await subjects(agent.client, 'warranty replacement jar', '&sort=updated_desc')).toEqual(['Broken blender']);
    expect(await subjects(agent.client, 'stopped -replacement')).toEqual([]);
    // customers match one of their documents at a time, and never notes
    expect(await subjects(customer.client, 'blender warranty')).toEqual([]);
    const v = await vectors(id);
    expect(v?.stored).toContain("'warranti'");
    expect(v?.stored).toBe(v?.replayed);
  });

  it('follows merges and splits: moved messages find the target, a split reply finds the new ticket too', async () => {
    const source = await open('Blue lamp flickers', 'The papaya-coloured lamp flickers at night');
    const target = await open('Lamp problems', 'My lamp is broken');
    const merged = await supervisor.client.post(`/api/v1/tickets/${source}/merge`, { targetId: target });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(await subjects(supervisor.client, 'papaya')).toEqual(['Lamp problems']);
    expect(await subjects(supervisor.client, 'papaya', '&sort=created_asc')).toEqual(['Lamp problems']);

    const two = await open('Two questions', 'First about delivery.');
    await say(customer.client, two, 'reply', 'Second: my rambutan order arrived bruised');
    const timeline = (await agent.client.get(`/api/v1/tickets/${two}/messages`)).json().items as Array<{ id: string; bodyText: string }>;
    const second = timeline.find((m) => m.bodyText.startsWith('Second'));
    const split = await agent.client.post(`/api/v1/tickets/${two}/split`, { messageId: second?.id, subject: 'Bruised fruit' });
    expect(split.statusCode, split.body).toBe(201);
    expect((await subjects(agent.client, 'rambutan')).sort()).toEqual(['Bruised fruit', 'Two questions']);
    expect(await subjects(agent.client, 'bruised fruit rambutan')).toEqual(['Bruised fruit']);
    const v = await vectors(split.json().id);
    expect(v?.stored).toBe(v?.replayed);
  });

  it('keeps taking messages past the 1 MB a tsvector holds, and keeps finding the ticket', async () => {
    // 20,000 distinct letter-only words per message: three messages pass 1 MB with positions
    const letters = (n: number) => Array.from({ length: 5 }, (_, i) => String.fromCharCode(97 + (Math.floor(n / 26 ** i) % 26))).join('');
    const words = (k: number) => Array.from({ length: 20_000 }, (_, i) => `zq${letters(k * 20_000 + i)}`).join(' ');
    const id = await open('Enormous log paste', `${words(0)} alpha`);
    for (let k = 1; k <= 3; k++) await say(agent.client, id, 'note', `${words(k)} marker${'x'.repeat(k)}`);
    expect(await subjects(agent.client, 'enormous paste')).toEqual(['Enormous log paste']);
    expect(await subjects(agent.client, 'markerxx')).toEqual(['Enormous log paste']);
    // the last one went in without positions: its words still match
    expect(await subjects(agent.client, 'markerxxx')).toEqual(['Enormous log paste']);
  });
});

describe('a renamed requester', () => {
  it("is found by the new name and no longer by the old one, once the rename's event is handled", async () => {
    const user = await createUser(app, ws.id, 'customer', { name: 'Wilhelmina Quarterstaff', email: `wq-${uuidv7()}@example.com` });
    const client = new Client(app);
    await client.login(user.email ?? '', TEST_PASSWORD);
    await open('Lamp flickers', 'The desk lamp hums, zinnwaldite shade', client);
    expect(await subjects(supervisor.client, 'Quarterstaff')).toEqual(['Lamp flickers']);
    const renamed = await client.patch('/api/v1/me', { name: 'Wilhelmina Oakenshield' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    await app.settle();
    expect(await subjects(supervisor.client, 'Oakenshield')).toEqual(['Lamp flickers']);
    expect(await subjects(supervisor.client, 'Quarterstaff')).toEqual([]);
    // the messages' words stay
    expect(await subjects(supervisor.client, 'zinnwaldite')).toEqual(['Lamp flickers']);
  });
});
