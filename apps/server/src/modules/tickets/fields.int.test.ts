import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let admin: Client;
let agent: Client;
let customer: Client;

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  admin = (await signedIn(app, ws.id, 'admin')).client;
  agent = (await signedIn(app, ws.id, 'agent')).client;
  customer = (await signedIn(app, ws.id, 'customer')).client;
});
afterAll(async () => app?.close());

const code = (res: LightMyRequestResponse) => (res.json() as { code: string }).code;
const paths = (res: LightMyRequestResponse) => ((res.json() as { errors?: Array<{ path: string }> }).errors ?? []).map((e) => e.path);
let n = 0;
const uniqueKey = (base: string) => `${base}_${(n++).toString(36)}`;

async function createField(body: Record<string, unknown>, client: Client = admin) {
  const res = await client.post('/api/v1/custom-fields', { labels: { en: 'A field' }, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; key: string; type: string };
}

async function openTicket(client: Client = customer, extra: Record<string, unknown> = {}) {
  return client.post('/api/v1/tickets', { subject: 'Printer on fire', bodyText: 'It smells of smoke', ...extra });
}

async function ticketId(client: Client = customer) {
  const res = await openTicket(client);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('defining fields', () => {
  it('creates every type with per-locale labels, and lists them for staff with their flags', async () => {
    const created = [
      await createField({ key: uniqueKey('summary'), type: 'text', labels: { en: 'Summary', 'zh-CN': '摘要' } }),
      await createField({ key: uniqueKey('seats'), type: 'number' }),
      await createField({ key: uniqueKey('renewal'), type: 'date' }),
      await createField({
        key: uniqueKey('plan'),
        type: 'dropdown',
        options: [{ value: 'free' }, { value: 'pro', labels: { en: 'Pro', 'zh-CN': '专业版' } }],
      }),
      await createField({ key: uniqueKey('modules'), type: 'multi_select', options: [{ value: 'chat' }, { value: 'email' }] }),
      await createField({ key: uniqueKey('vip'), type: 'checkbox' }),
    ];
    const list = (await agent.get('/api/v1/custom-fields')).json() as Array<Record<string, unknown>>;
    for (const f of created) expect(list.map((x) => x.id)).toContain(f.id);
    const summary = list.find((x) => x.id === created[0]?.id);
    expect(summary).toMatchObject({
      type: 'text',
      label: 'Summary',
      labels: { en: 'Summary', 'zh-CN': '摘要' },
      requiredOnSolve: false,
      archived: false,
    });
    const plan = list.find((x) => x.id === created[3]?.id);
    expect(plan?.options).toEqual([
      { value: 'free', label: 'free', labels: { en: 'free' } },
      { value: 'pro', label: 'Pro', labels: { en: 'Pro', 'zh-CN': '专业版' } },
    ]);
  });

  it('refuses bad keys, option lists that do not fit the type, and editable-but-hidden fields', async () => {
    const bad = async (body: Record<string, unknown>, path: string) => {
      const res = await admin.post('/api/v1/custom-fields', { labels: { en: 'X' }, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(paths(res), JSON.stringify(body)).toContain(path);
    };
    await bad({ key: 'Bad-Key', type: 'text' }, 'key');
    await bad({ key: '1st', type: 'text' }, 'key');
    await bad({ key: `a${'b'.repeat(60)}`, type: 'text' }, 'key');
    await bad({ key: uniqueKey('d'), type: 'dropdown', options: [] }, 'options');
    await bad({ key: uniqueKey('m'), type: 'multi_select' }, 'options');
    await bad({ key: uniqueKey('d'), type: 'dropdown', options: [{ value: 'a' }, { value: 'a' }] }, 'options.1.value');
    await bad({ key: uniqueKey('t'), type: 'text', options: [{ value: 'a' }] }, 'options');
    await bad({ key: uniqueKey('t'), type: 'text', customerEditable: true }, 'customerEditable');
    await bad({ key: uniqueKey('t'), type: 'colour' }, 'type');
    await bad({ key: uniqueKey('t'), type: 'text', labels: { 'zh-CN': '只有中文' } }, 'labels.en');
  });

  it('keeps keys unique (archived fields too) and the type fixed', async () => {
    const f = await createField({ key: uniqueKey('region'), type: 'dropdown', options: [{ value: 'eu' }] });
    const again = await admin.post('/api/v1/custom-fields', { key: f.key, type: 'text', labels: { en: 'Region' } });
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('custom_field.key_taken');
    const retype = await admin.patch(`/api/v1/custom-fields/${f.id}`, { type: 'multi_select' });
    expect(retype.statusCode).toBe(409);
    expect(code(retype)).toBe('custom_field.type_immutable');
    expect((await admin.patch(`/api/v1/custom-fields/${f.id}`, { type: 'dropdown', labels: { en: 'Region' } })).statusCode).toBe(200);
    const rekey = await admin.patch(`/api/v1/custom-fields/${f.id}`, { key: 'other_key' });
    expect(rekey.statusCode).toBe(400);
    const noOptions = await admin.patch(`/api/v1/custom-fields/${f.id}`, { options: [] });
    expect(noOptions.statusCode).toBe(400);
    expect(paths(noOptions)).toEqual(['options']);
    expect((await admin.delete(`/api/v1/custom-fields/${f.id}`)).statusCode).toBe(204);
    const afterArchive = await admin.post('/api/v1/custom-fields', { key: f.key, type: 'text', labels: { en: 'Region' } });
    expect(code(afterArchive)).toBe('custom_field.key_taken');
  });

  it('two admins creating the same key at once: one wins, the other gets key_taken', async () => {
    const key = uniqueKey('race');
    const results = await Promise.all(
      [1, 2, 3].map(() => admin.post('/api/v1/custom-fields', { key, type: 'text', labels: { en: 'Race' } })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(code(r)).toBe('custom_field.key_taken');
  });

  it('only admins write; other workspaces cannot see or touch the field', async () => {
    const f = await createField({ key: uniqueKey('secret'), type: 'text' });
    for (const client of [agent, customer]) {
      expect((await client.post('/api/v1/custom-fields', { key: uniqueKey('x'), type: 'text', labels: { en: 'X' } })).statusCode).toBe(403);
      expect((await client.patch(`/api/v1/custom-fields/${f.id}`, { labels: { en: 'Y' } })).statusCode).toBe(403);
      expect((await client.delete(`/api/v1/custom-fields/${f.id}`)).statusCode).toBe(403);
    }
    const other = await createWorkspace(app);
    const outsider = (await signedIn(app, other.id, 'admin')).client;
    const patched = await outsider.patch(`/api/v1/custom-fields/${f.id}`, { labels: { en: 'Hijacked' } });
    expect(patched.statusCode).toBe(404);
    expect(code(patched)).toBe('custom_field.not_found');
    expect((await outsider.delete(`/api/v1/custom-fields/${f.id}`)).statusCode).toBe(404);
    expect((await outsider.get('/api/v1/custom-fields?includeArchived=true')).body).not.toContain(f.id);
    // The same key is free in the other workspace.
    expect((await outsider.post('/api/v1/custom-fields', { key: f.key, type: 'number', labels: { en: 'Mine' } })).statusCode).toBe(201);
    const mine = (await admin.get('/api/v1/custom-fields')).json().find((x: { id: string }) => x.id === f.id);
    expect(mine).toMatchObject({ label: 'A field', type: 'text' });
  });
});

describe('values on tickets', () => {
  let keys: Record<'text' | 'number' | 'date' | 'dropdown' | 'multi' | 'check', string>;

  beforeAll(async () => {
    keys = {
      text: (await createField({ key: uniqueKey('note'), type: 'text' })).key,
      number: (await createField({ key: uniqueKey('qty'), type: 'number' })).key,
      date: (await createField({ key: uniqueKey('due'), type: 'date' })).key,
      dropdown: (await createField({ key: uniqueKey('tier'), type: 'dropdown', options: [{ value: 'gold' }, { value: 'silver' }] })).key,
      multi: (await createField({ key: uniqueKey('areas'), type: 'multi_select', options: [{ value: 'ui' }, { value: 'api' }] })).key,
      check: (await createField({ key: uniqueKey('legal'), type: 'checkbox' })).key,
    };
  });

  it('stores valid values of every type, normalized', async () => {
    const id = await ticketId();
    const res = await agent.patch(`/api/v1/tickets/${id}`, {
      customFields: {
        [keys.text]: '  spaced out  ',
        [keys.number]: '42.5',
        [keys.date]: '2025-02-28',
        [keys.dropdown]: 'gold',
        [keys.multi]: ['api', 'ui', 'api'],
        [keys.check]: true,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().customFields).toEqual({
      [keys.text]: 'spaced out',
      [keys.number]: 42.5,
      [keys.date]: '2025-02-28',
      [keys.dropdown]: 'gold',
      [keys.multi]: ['api', 'ui'],
      [keys.check]: true,
    });
    // null clears a value.
    const cleared = await agent.patch(`/api/v1/tickets/${id}`, { customFields: { [keys.dropdown]: null } });
    expect(cleared.json().customFields).not.toHaveProperty(keys.dropdown);
  });

  it('refuses invalid values with the field path, and changes nothing', async () => {
    const id = await ticketId();
    const cases: Array<[string, unknown]> = [
      [keys.number, 'forty'],
      [keys.date, '2025-02-30x'],
      [keys.date, '28/02/2025'],
      [keys.dropdown, 'bronze'],
      [keys.multi, ['ui', 'desktop']],
      [keys.multi, 'ui'],
      [keys.check, 'yes'],
      [keys.text, 12],
      ['no_such_field', 'x'],
    ];
    for (const [key, value] of cases) {
      const res = await agent.patch(`/api/v1/tickets/${id}`, { customFields: { [key]: value } });
      expect(res.statusCode, `${key}=${JSON.stringify(value)}`).toBe(400);
      expect(paths(res), `${key}=${JSON.stringify(value)}`).toEqual([`customFields.${key}`]);
    }
    expect((await agent.get(`/api/v1/tickets/${id}`)).json().customFields).toEqual({});
    const create = await openTicket(agent, { requester: { email: 'fields@example.com' }, customFields: { [keys.number]: 'NaN' } });
    expect(create.statusCode).toBe(400);
    expect(paths(create)).toEqual([`customFields.${keys.number}`]);
  });

  it('an option removed from a dropdown stays on old tickets but is refused for new values', async () => {
    const f = await createField({ key: uniqueKey('os'), type: 'dropdown', options: [{ value: 'mac' }, { value: 'win' }] });
    const id = await ticketId();
    expect((await agent.patch(`/api/v1/tickets/${id}`, { customFields: { [f.key]: 'win' } })).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/custom-fields/${f.id}`, { options: [{ value: 'mac' }, { value: 'linux' }] })).statusCode).toBe(200);
    expect((await agent.get(`/api/v1/tickets/${id}`)).json().customFields[f.key]).toBe('win');
    const other = await ticketId();
    const res = await agent.patch(`/api/v1/tickets/${other}`, { customFields: { [f.key]: 'win' } });
    expect(res.statusCode).toBe(400);
    expect((await agent.patch(`/api/v1/tickets/${other}`, { customFields: { [f.key]: 'linux' } })).statusCode).toBe(200);
  });

  it('an archived field keeps its values but takes no new ones until restored', async () => {
    const f = await createField({ key: uniqueKey('legacy'), type: 'text' });
    const id = await ticketId();
    await agent.patch(`/api/v1/tickets/${id}`, { customFields: { [f.key]: 'old value' } });
    expect((await admin.delete(`/api/v1/custom-fields/${f.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/custom-fields/${f.id}`)).statusCode).toBe(204);
    expect((await agent.get('/api/v1/custom-fields')).json().map((x: { id: string }) => x.id)).not.toContain(f.id);
    const archived = (await agent.get('/api/v1/custom-fields?includeArchived=true')).json().find((x: { id: string }) => x.id === f.id);
    expect(archived).toMatchObject({ archived: true, archivedAt: expect.any(String) });
    expect((await agent.get(`/api/v1/tickets/${id}`)).json().customFields[f.key]).toBe('old value');
    const refused = await agent.patch(`/api/v1/tickets/${id}`, { customFields: { [f.key]: 'new value' } });
    expect(refused.statusCode).toBe(400);
    expect(paths(refused)).toEqual([`customFields.${f.key}`]);
    expect((await admin.patch(`/api/v1/custom-fields/${f.id}`, { archived: false })).json().archived).toBe(false);
    expect((await agent.patch(`/api/v1/tickets/${id}`, { customFields: { [f.key]: 'new value' } })).statusCode).toBe(200);
  });
});

describe('required on solve', () => {
  let other: Awaited<ReturnType<typeof createWorkspace>>;
  let otherAdmin: Client;
  let otherAgent: Client;
  let otherCustomer: Client;

  beforeAll(async () => {
    // Its own workspace: a required field would block solving in every other test.
    other = await createWorkspace(app);
    otherAdmin = (await signedIn(app, other.id, 'admin')).client;
    otherAgent = (await signedIn(app, other.id, 'agent')).client;
    otherCustomer = (await signedIn(app, other.id, 'customer')).client;
  });

  it('blocks solving until every required field is filled (a checkbox must be ticked)', async () => {
    const cause = await createField(
      { key: 'root_cause', type: 'dropdown', options: [{ value: 'bug' }, { value: 'user_error' }], requiredOnSolve: true },
      otherAdmin,
    );
    const checked = await createField({ key: 'reviewed', type: 'checkbox', requiredOnSolve: true }, otherAdmin);
    const id = await ticketId(otherCustomer);
    const blocked = await otherAgent.patch(`/api/v1/tickets/${id}`, { status: 'solved' });
    expect(blocked.statusCode).toBe(422);
    expect(code(blocked)).toBe('ticket.required_fields_missing');
    expect(paths(blocked).sort()).toEqual([`customFields.${cause.key}`, `customFields.${checked.key}`].sort());
    // Replying "as solved" is blocked the same way, and the reply is not half-written.
    const reply = await otherAgent.post(`/api/v1/tickets/${id}/messages`, { bodyText: 'Done', status: 'solved' });
    expect(reply.statusCode).toBe(422);
    const timeline = (await otherAgent.get(`/api/v1/tickets/${id}/messages`)).json().items as Array<{ bodyText: string }>;
    expect(timeline.map((m) => m.bodyText)).not.toContain('Done');
    const partial = await otherAgent.patch(`/api/v1/tickets/${id}`, {
      status: 'solved',
      customFields: { root_cause: 'bug', reviewed: false },
    });
    expect(partial.statusCode).toBe(422);
    expect(paths(partial)).toEqual(['customFields.reviewed']);
    expect((await otherAgent.get(`/api/v1/tickets/${id}`)).json().status).not.toBe('solved');
    const solved = await otherAgent.patch(`/api/v1/tickets/${id}`, {
      status: 'solved',
      customFields: { root_cause: 'bug', reviewed: true },
    });
    expect(solved.statusCode, solved.body).toBe(200);
    expect(solved.json().status).toBe('solved');
    // Archived required fields no longer block.
    await otherAdmin.delete(`/api/v1/custom-fields/${cause.id}`);
    await otherAdmin.delete(`/api/v1/custom-fields/${checked.id}`);
    const next = await ticketId(otherCustomer);
    expect((await otherAgent.patch(`/api/v1/tickets/${next}`, { status: 'solved' })).statusCode).toBe(200);
  });
});

describe('what customers see and set', () => {
  let fields: { order: { id: string; key: string }; device: { id: string; key: string }; internal: { id: string; key: string } };

  beforeAll(async () => {
    fields = {
      order: await createField({
        key: uniqueKey('order_no'),
        type: 'text',
        customerVisible: true,
        customerEditable: true,
        labels: { en: 'Order number', 'zh-CN': '订单号' },
      }),
      device: await createField({
        key: uniqueKey('device'),
        type: 'dropdown',
        options: [{ value: 'phone' }, { value: 'laptop' }],
        customerVisible: true,
      }),
      internal: await createField({ key: uniqueKey('churn_risk'), type: 'number', requiredOnSolve: false }),
    };
  });

  it('lists only customer-visible fields, without internal flags', async () => {
    const res = await customer.get('/api/v1/custom-fields?includeArchived=true');
    expect(res.statusCode).toBe(200);
    const list = res.json() as Array<Record<string, unknown>>;
    const ids = list.map((f) => f.id);
    expect(ids).toContain(fields.order.id);
    expect(ids).toContain(fields.device.id);
    expect(ids).not.toContain(fields.internal.id);
    expect(res.body).not.toContain(fields.internal.key);
    for (const f of list) expect(Object.keys(f).sort()).toEqual(['editable', 'id', 'key', 'label', 'labels', 'options', 'type']);
    expect(list.find((f) => f.id === fields.order.id)).toMatchObject({ editable: true, labels: { en: 'Order number', 'zh-CN': '订单号' } });
    expect(list.find((f) => f.id === fields.device.id)).toMatchObject({ editable: false });
  });

  it('sets only customer-editable fields when opening a ticket', async () => {
    for (const key of [fields.device.key, fields.internal.key]) {
      const res = await openTicket(customer, { customFields: { [key]: key === fields.device.key ? 'phone' : 3 } });
      expect(res.statusCode, key).toBe(400);
      expect(paths(res)).toEqual([`customFields.${key}`]);
    }
    const ok = await openTicket(customer, { customFields: { [fields.order.key]: 'A-1001' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().customFields).toEqual({ [fields.order.key]: 'A-1001' });
  });

  it('sees visible values on their ticket, never internal ones', async () => {
    const res = await openTicket(customer, { customFields: { [fields.order.key]: 'A-2002' } });
    const id = res.json().id as string;
    const set = await agent.patch(`/api/v1/tickets/${id}`, { customFields: { [fields.device.key]: 'laptop', [fields.internal.key]: 9 } });
    expect(set.json().customFields).toMatchObject({ [fields.internal.key]: 9 });
    const seen = await customer.get(`/api/v1/tickets/${id}`);
    expect(seen.json().customFields).toEqual({ [fields.order.key]: 'A-2002', [fields.device.key]: 'laptop' });
    expect(seen.body).not.toContain(fields.internal.key);
    // Hiding a field from customers hides its value on their tickets too.
    await admin.patch(`/api/v1/custom-fields/${fields.device.id}`, { customerVisible: false });
    expect((await customer.get(`/api/v1/tickets/${id}`)).json().customFields).toEqual({ [fields.order.key]: 'A-2002' });
    await admin.patch(`/api/v1/custom-fields/${fields.device.id}`, { customerVisible: true });
  });
});
