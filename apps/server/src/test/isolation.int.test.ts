import { SYSTEM_ROLES } from '@switchboard/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botDecisions } from '../modules/assistant/assistant.schema.js';
import { notifications } from '../modules/notifications/index.js';
import { attachments } from '../modules/tickets/tickets.schema.js';
import { uuidv7 } from '../platform/ids.js';
import { Client, createUser, createWorkspace, signedIn, startApp, TEST_PASSWORD, type TestApp } from './harness.js';

/**
 * Workspace isolation: the admin of workspace A, signed in or through an API token with every
 * scope, can neither see nor change anything of workspace B, whatever ids or slugs they send.
 */

type Workspace = Awaited<ReturnType<typeof createWorkspace>>;
type User = Awaited<ReturnType<typeof createUser>>;

let app: TestApp;
let A: Workspace;
let B: Workspace;

/** A's admin, two ways in: the session cookie and an all-scope API token. */
let aAdmin: User;
let aAdminSession: Client;
let aAdminToken: Client;
let aAgent: User;

let bAdmin: User;
let bAdminClient: Client;
let bAgent: User;
let bCustomer: User;
/** A's own ticket: the target a cross-workspace merge or link would aim at. */
const a = { ticketId: '' };
const b = {
  userIds: [] as string[],
  emails: [] as string[],
  customRoleId: '',
  customRoleKey: 'b-private-role',
  systemRoleIds: [] as string[],
  invitationId: '',
  invitationEmail: 'b-invitee@example.com',
  invitationToken: '',
  tokenId: '',
  token: '',
  sessionIds: [] as string[],
  auditIds: [] as string[],
  // ticketing
  ticketIds: [] as string[],
  messageId: '',
  attachmentId: '',
  scheduledId: '',
  teamId: '',
  ruleId: '',
  calendarId: '',
  slaPolicyId: '',
  fieldId: '',
  categoryId: '',
  typeId: '',
  organizationId: '',
  macroId: '',
  viewId: '',
  // notifications: one of B's agent's
  notificationId: '',
  // channels + live chat: B's web chat channel and a chat on it
  channelId: '',
  chatId: '',
  subjectMarker: 'B-PRIVATE-SUBJECT-zebra',
};

/** What B's admin sees: compared before and after A's attempts. */
async function snapshotOfB() {
  const get = async (url: string) => {
    const res = await bAdminClient.get(url);
    expect(res.statusCode, url).toBe(200);
    return res.json();
  };
  return {
    workspace: await get('/api/v1/workspace'),
    users: await get('/api/v1/users?limit=200'),
    roles: await get('/api/v1/roles'),
    invitations: await get('/api/v1/invitations'),
    tokens: (await get('/api/v1/me/tokens')).map((t: { id: string; name: string; scopes: string[] }) => [t.id, t.name, t.scopes]),
    sessions: (await get('/api/v1/me/sessions')).map((s: { id: string }) => s.id).sort(),
    audit: await get('/api/v1/audit-log?limit=200'),
  };
}
let before: Awaited<ReturnType<typeof snapshotOfB>>;

const code = (res: LightMyRequestResponse) => (res.json() as { code?: string }).code;
const callers = () =>
  [
    ['session', aAdminSession],
    ['API token', aAdminToken],
  ] as const;

beforeAll(async () => {
  app = await startApp();
  A = await createWorkspace(app);
  B = await createWorkspace(app);

  // ---- A ----
  ({ user: aAdmin, client: aAdminSession } = await signedIn(app, A.id, 'admin'));
  aAgent = await createUser(app, A.id, 'agent');
  await createUser(app, A.id, 'customer');
  const tokenRes = await aAdminSession.post('/api/v1/me/tokens', { name: 'everything', scopes: [...SYSTEM_ROLES.admin] });
  expect(tokenRes.statusCode).toBe(201);
  aAdminToken = new Client(app);
  aAdminToken.bearer = tokenRes.json().token;

  const aTicket = await aAdminSession.post('/api/v1/tickets', {
    subject: 'A ticket',
    bodyText: 'A only',
    requester: { email: 'a-customer@example.com' },
  });
  expect(aTicket.statusCode).toBe(201);
  a.ticketId = aTicket.json().id;

  // ---- B, with data of every kind ----
  ({ user: bAdmin, client: bAdminClient } = await signedIn(app, B.id, 'admin'));
  bAgent = await createUser(app, B.id, 'agent');
  bCustomer = await createUser(app, B.id, 'customer');
  // B's agent signs in too, so B has sessions of more than one user.
  const bAgentClient = new Client(app);
  await bAgentClient.login(bAgent.email ?? '', TEST_PASSWORD, B.slug);
  b.userIds = [bAdmin.id, bAgent.id, bCustomer.id];
  b.emails = [bAdmin.email, bAgent.email, bCustomer.email].map(String);

  const role = await bAdminClient.post('/api/v1/roles', {
    key: b.customRoleKey,
    name: 'B private',
    permissions: ['ticket.read', 'user.read'],
  });
  expect(role.statusCode).toBe(201);
  b.customRoleId = role.json().id;
  b.systemRoleIds = ((await bAdminClient.get('/api/v1/roles')).json() as { id: string; system: boolean }[])
    .filter((r) => r.system)
    .map((r) => r.id);

  const inv = await bAdminClient.post('/api/v1/invitations', { email: b.invitationEmail, role: 'agent' });
  expect(inv.statusCode).toBe(201);
  b.invitationId = inv.json().id;
  b.invitationToken = app.platform.secrets.hmac('invitation', b.invitationId);

  const tok = await bAdminClient.post('/api/v1/me/tokens', { name: 'b-integration', scopes: ['user.read', 'audit.read'] });
  expect(tok.statusCode).toBe(201);
  b.tokenId = tok.json().id;
  b.token = tok.json().token;

  for (const client of [bAdminClient, bAgentClient]) {
    b.sessionIds.push(...((await client.get('/api/v1/me/sessions')).json() as { id: string }[]).map((s) => s.id));
  }
  expect(b.sessionIds).toHaveLength(2);
  const audit = (await bAdminClient.get('/api/v1/audit-log?limit=200')).json() as { items: { id: string }[] };
  b.auditIds = audit.items.map((e) => e.id);
  // Logins, the role, the invitation and the token all left entries.
  expect(b.auditIds.length).toBeGreaterThanOrEqual(4);

  // ---- B's ticketing data: tickets, configuration, a staged upload, a scheduled reply ----
  const created = async (url: string, body: unknown, status = 201) => {
    const res = await bAdminClient.post(url, body);
    expect(res.statusCode, `${url} ${res.body}`).toBe(status);
    return res.json();
  };
  for (let i = 0; i < 2; i++) {
    const t = await created('/api/v1/tickets', { subject: `${b.subjectMarker} ${i}`, bodyText: 'B only', requesterId: bCustomer.id });
    b.ticketIds.push(t.id);
  }
  b.messageId = (await bAdminClient.get(`/api/v1/tickets/${b.ticketIds[0]}/messages`)).json().items[0].id;
  b.teamId = (await created('/api/v1/teams', { name: 'B team' })).id;
  b.ruleId = (await created('/api/v1/routing-rules', { name: 'B rule', conditions: [], action: { teamId: b.teamId, skills: [] } })).id;
  b.calendarId = (
    await created('/api/v1/business-calendars', { name: 'B hours', timezone: 'UTC', hours: [{ weekday: 1, start: '09:00', end: '17:00' }] })
  ).id;
  b.slaPolicyId = (await created('/api/v1/sla-policies', { name: 'B SLA', firstResponseMinutes: 60 })).id;
  b.fieldId = (await created('/api/v1/custom-fields', { key: 'b_private', type: 'text', labels: { en: 'B private' } })).id;
  b.categoryId = (await created('/api/v1/categories', { names: { en: 'B category' } })).id;
  b.typeId = (await created('/api/v1/ticket-types', { names: { en: 'B type' } })).id;
  b.organizationId = (await created('/api/v1/organizations', { name: 'B organization', domains: ['b-only.example'] })).id;
  b.macroId = (await created('/api/v1/macros', { name: 'B macro', shared: true, actions: [{ type: 'set_priority', value: 'high' }] })).id;
  b.viewId = (await created('/api/v1/views', { name: 'B view', shared: true, filters: { status: ['open'] } })).id;
  const sendAt = new Date(Date.now() + 86_400_000).toISOString();
  b.scheduledId = (await created(`/api/v1/tickets/${b.ticketIds[0]}/messages`, { bodyText: 'later', sendAt }, 202)).id;
  b.attachmentId = uuidv7();
  await app.platform.db.insert(attachments).values({
    id: b.attachmentId,
    workspaceId: B.id,
    uploaderId: bAdmin.id,
    filename: 'b.txt',
    contentType: 'text/plain',
    size: 1,
    sha256: '0'.repeat(64),
    storageKey: `00/00/${'0'.repeat(64)}`,
  });
  // ---- notifications: B's agent's, inserted (it would otherwise come from an event) ----
  b.notificationId = uuidv7();
  await app.platform.db
    .insert(notifications)
    .values({ id: b.notificationId, workspaceId: B.id, userId: bAgent.id, kind: 'assignment', ticketId: b.ticketIds[0] ?? null });

  // ---- channels + live chat: B's channel and a visitor's chat on it ----
  const channel = await created('/api/v1/channels', { kind: 'web_chat', name: 'B site' });
  b.channelId = channel.channel.id;
  const visitor = new Client(app);
  const vt = (await visitor.post(`/api/v1/widget/${channel.channel.publicKey}/visitors`, {})).json().visitorToken as string;
  const chat = await visitor.post(
    `/api/v1/widget/${channel.channel.publicKey}/conversations`,
    { message: { clientId: 'b', text: 'B chat' } },
    { 'x-visitor-token': vt },
  );
  expect(chat.statusCode, chat.body).toBe(201);
  b.chatId = chat.json().session.id;

  before = await snapshotOfB();
});
afterAll(async () => app?.close());

/**
 * Every documented route with a path parameter, each with all of B's ids it could be aimed at
 * and a body that would succeed on A's own data.
 */
const ID_ROUTES: { method: string; path: string; ids: () => string[]; bodies: unknown[] | (() => unknown[]); code: string }[] = [
  { method: 'GET', path: '/api/v1/users/:id', ids: () => b.userIds, bodies: [undefined], code: 'user.not_found' },
  {
    method: 'PATCH',
    path: '/api/v1/users/:id',
    ids: () => b.userIds,
    bodies: [{ name: 'Hijacked' }, { disabled: true }, { role: 'customer' }, { locale: 'zh-CN', timezone: 'Asia/Shanghai' }],
    code: 'user.not_found',
  },
  {
    method: 'PATCH',
    path: '/api/v1/roles/:id',
    ids: () => [b.customRoleId, ...b.systemRoleIds],
    bodies: [{ name: 'Hijacked' }, { permissions: ['ticket.read'] }],
    code: 'role.not_found',
  },
  {
    method: 'DELETE',
    path: '/api/v1/roles/:id',
    ids: () => [b.customRoleId, ...b.systemRoleIds],
    bodies: [undefined],
    code: 'role.not_found',
  },
  { method: 'DELETE', path: '/api/v1/invitations/:id', ids: () => [b.invitationId], bodies: [undefined], code: 'invitation.not_found' },
  { method: 'DELETE', path: '/api/v1/me/sessions/:id', ids: () => b.sessionIds, bodies: [undefined], code: 'resource.not_found' },
  { method: 'DELETE', path: '/api/v1/me/tokens/:id', ids: () => [b.tokenId], bodies: [undefined], code: 'token.not_found' },
  // ---- ticketing ----
  { method: 'GET', path: '/api/v1/tickets/:id', ids: () => b.ticketIds, bodies: [undefined], code: 'ticket.not_found' },
  {
    method: 'PATCH',
    path: '/api/v1/tickets/:id',
    ids: () => b.ticketIds,
    bodies: [{ priority: 'urgent' }, { status: 'solved' }, { addTags: ['hijacked'] }],
    code: 'ticket.not_found',
  },
  { method: 'GET', path: '/api/v1/tickets/:id/messages', ids: () => b.ticketIds, bodies: [undefined], code: 'ticket.not_found' },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/messages',
    ids: () => b.ticketIds,
    bodies: [{ bodyText: 'Hijacked' }, { kind: 'note', bodyText: 'Hijacked' }],
    code: 'ticket.not_found',
  },
  { method: 'POST', path: '/api/v1/tickets/:id/satisfaction', ids: () => b.ticketIds, bodies: [{ score: 1 }], code: 'ticket.not_found' },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/merge',
    ids: () => b.ticketIds,
    bodies: () => [{ targetId: a.ticketId }],
    code: 'ticket.not_found',
  },
  { method: 'GET', path: '/api/v1/tickets/:id/links', ids: () => b.ticketIds, bodies: [undefined], code: 'ticket.not_found' },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/links',
    ids: () => b.ticketIds,
    bodies: () => [{ otherId: a.ticketId }],
    code: 'ticket.not_found',
  },
  { method: 'DELETE', path: '/api/v1/tickets/:id/links/:otherId', ids: () => b.ticketIds, bodies: [undefined], code: 'ticket.not_found' },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/split',
    ids: () => b.ticketIds,
    bodies: () => [{ messageId: b.messageId, subject: 'Hijacked' }],
    code: 'ticket.not_found',
  },
  { method: 'GET', path: '/api/v1/tickets/:id/scheduled', ids: () => b.ticketIds, bodies: [undefined], code: 'ticket.not_found' },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/macros/:macroId/preview',
    ids: () => b.ticketIds,
    bodies: [undefined],
    // B's macro is looked up first: it is unknown in A.
    code: 'macro.not_found',
  },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/macros/:macroId/apply',
    ids: () => b.ticketIds,
    bodies: [undefined],
    // B's macro is looked up first: it is unknown in A.
    code: 'macro.not_found',
  },
  {
    method: 'DELETE',
    path: '/api/v1/scheduled-messages/:id',
    ids: () => [b.scheduledId],
    bodies: [undefined],
    code: 'scheduled_message.not_found',
  },
  { method: 'GET', path: '/api/v1/attachments/:id', ids: () => [b.attachmentId], bodies: [undefined], code: 'attachment.not_found' },
  { method: 'DELETE', path: '/api/v1/attachments/:id', ids: () => [b.attachmentId], bodies: [undefined], code: 'attachment.not_found' },
  { method: 'PATCH', path: '/api/v1/macros/:id', ids: () => [b.macroId], bodies: [{ name: 'Hijacked' }], code: 'macro.not_found' },
  { method: 'DELETE', path: '/api/v1/macros/:id', ids: () => [b.macroId], bodies: [undefined], code: 'macro.not_found' },
  { method: 'PATCH', path: '/api/v1/views/:id', ids: () => [b.viewId], bodies: [{ name: 'Hijacked' }], code: 'view.not_found' },
  { method: 'DELETE', path: '/api/v1/views/:id', ids: () => [b.viewId], bodies: [undefined], code: 'view.not_found' },
  { method: 'GET', path: '/api/v1/views/:id/tickets', ids: () => [b.viewId], bodies: [undefined], code: 'view.not_found' },
  { method: 'GET', path: '/api/v1/teams/:id', ids: () => [b.teamId], bodies: [undefined], code: 'team.not_found' },
  { method: 'PATCH', path: '/api/v1/teams/:id', ids: () => [b.teamId], bodies: [{ name: 'Hijacked' }], code: 'team.not_found' },
  { method: 'DELETE', path: '/api/v1/teams/:id', ids: () => [b.teamId], bodies: [undefined], code: 'team.not_found' },
  { method: 'PUT', path: '/api/v1/teams/:id/members', ids: () => [b.teamId], bodies: [{ userIds: [] }], code: 'team.not_found' },
  { method: 'PATCH', path: '/api/v1/agents/:id', ids: () => [bAgent.id, bAdmin.id], bodies: [{ capacity: 1 }], code: 'user.not_found' },
  {
    method: 'PATCH',
    path: '/api/v1/routing-rules/:id',
    ids: () => [b.ruleId],
    bodies: [{ enabled: false }],
    code: 'routing_rule.not_found',
  },
  { method: 'DELETE', path: '/api/v1/routing-rules/:id', ids: () => [b.ruleId], bodies: [undefined], code: 'routing_rule.not_found' },
  {
    method: 'PATCH',
    path: '/api/v1/business-calendars/:id',
    ids: () => [b.calendarId],
    bodies: [{ name: 'Hijacked' }],
    code: 'calendar.not_found',
  },
  { method: 'DELETE', path: '/api/v1/business-calendars/:id', ids: () => [b.calendarId], bodies: [undefined], code: 'calendar.not_found' },
  {
    method: 'PATCH',
    path: '/api/v1/sla-policies/:id',
    ids: () => [b.slaPolicyId],
    bodies: [{ name: 'Hijacked' }, { enabled: false }],
    code: 'sla_policy.not_found',
  },
  { method: 'DELETE', path: '/api/v1/sla-policies/:id', ids: () => [b.slaPolicyId], bodies: [undefined], code: 'sla_policy.not_found' },
  { method: 'PATCH', path: '/api/v1/custom-fields/:id', ids: () => [b.fieldId], bodies: [{ position: 3 }], code: 'custom_field.not_found' },
  { method: 'DELETE', path: '/api/v1/custom-fields/:id', ids: () => [b.fieldId], bodies: [undefined], code: 'custom_field.not_found' },
  { method: 'PATCH', path: '/api/v1/categories/:id', ids: () => [b.categoryId], bodies: [{ position: 3 }], code: 'taxonomy.not_found' },
  { method: 'DELETE', path: '/api/v1/categories/:id', ids: () => [b.categoryId], bodies: [undefined], code: 'taxonomy.not_found' },
  { method: 'PATCH', path: '/api/v1/ticket-types/:id', ids: () => [b.typeId], bodies: [{ position: 3 }], code: 'taxonomy.not_found' },
  { method: 'DELETE', path: '/api/v1/ticket-types/:id', ids: () => [b.typeId], bodies: [undefined], code: 'taxonomy.not_found' },
  {
    method: 'PATCH',
    path: '/api/v1/organizations/:id',
    ids: () => [b.organizationId],
    bodies: [{ name: 'Hijacked' }],
    code: 'organization.not_found',
  },
  {
    method: 'DELETE',
    path: '/api/v1/organizations/:id',
    ids: () => [b.organizationId],
    bodies: [undefined],
    code: 'organization.not_found',
  },
  {
    method: 'PUT',
    path: '/api/v1/users/:id/organization',
    ids: () => [bCustomer.id],
    bodies: [{ organizationId: null }],
    code: 'user.not_found',
  },
  // ---- channels + live chat (chat module) ----
  { method: 'GET', path: '/api/v1/channels/:id', ids: () => [b.channelId], bodies: [undefined], code: 'channel.not_found' },
  { method: 'PATCH', path: '/api/v1/channels/:id', ids: () => [b.channelId], bodies: [{ name: 'Hijacked' }], code: 'channel.not_found' },
  { method: 'DELETE', path: '/api/v1/channels/:id', ids: () => [b.channelId], bodies: [undefined], code: 'channel.not_found' },
  { method: 'POST', path: '/api/v1/channels/:id/rotate-secret', ids: () => [b.channelId], bodies: [undefined], code: 'channel.not_found' },
  { method: 'GET', path: '/api/v1/chats/:id', ids: () => [b.chatId], bodies: [undefined], code: 'chat.not_found' },
  ...['accept', 'decline', 'end'].map((action) => ({
    method: 'POST' as const,
    path: `/api/v1/chats/:id/${action}`,
    ids: () => [b.chatId],
    bodies: [undefined],
    code: 'chat.not_found',
  })),
  {
    method: 'POST',
    path: '/api/v1/chats/:id/transfer',
    ids: () => [b.chatId],
    bodies: () => [{ toAgentId: aAgent.id }],
    code: 'chat.not_found',
  },
  // ---- notifications ----
  {
    method: 'POST',
    path: '/api/v1/notifications/:id/read',
    ids: () => [b.notificationId],
    bodies: [undefined],
    code: 'notification.not_found',
  },
];

// ---- helpcenter: B's published article and a feedback comment on it; A's ids never reach them ----
const helpcenterB = { articleId: '', feedbackId: '' };
beforeAll(async () => {
  const { createArticle } = await import('../modules/helpcenter/test-support.js');
  helpcenterB.articleId = (await createArticle(app, B.id, { title: 'B public article', text: 'B only' })).id;
  const res = await new Client(app).post(`/api/v1/kb/articles/${helpcenterB.articleId}/feedback`, { helpful: true, comment: 'B comment' });
  expect(res.statusCode, res.body).toBe(200);
  helpcenterB.feedbackId = res.json().id;
});
ID_ROUTES.push(
  {
    method: 'POST',
    path: '/api/v1/kb/articles/:id/feedback',
    ids: () => [helpcenterB.articleId],
    bodies: [{ helpful: true }, { helpful: false, comment: 'Hijacked' }],
    code: 'kb_article.not_found',
  },
  {
    method: 'POST',
    path: '/api/v1/kb/feedback/:id/approve',
    ids: () => [helpcenterB.feedbackId],
    bodies: [undefined],
    code: 'kb_feedback.not_found',
  },
  {
    method: 'POST',
    path: '/api/v1/kb/feedback/:id/reject',
    ids: () => [helpcenterB.feedbackId],
    bodies: [undefined],
    code: 'kb_feedback.not_found',
  },
  { method: 'GET', path: '/api/v1/tickets/:id/kb-views', ids: () => b.ticketIds, bodies: [undefined], code: 'ticket.not_found' },
  { method: 'GET', path: '/api/v1/tickets/:id/triage', ids: () => b.ticketIds, bodies: [undefined], code: 'ticket.not_found' },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/triage/accept',
    ids: () => b.ticketIds,
    bodies: [{ field: 'category' }],
    code: 'ticket.not_found',
  },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/triage/dismiss',
    ids: () => b.ticketIds,
    bodies: [{ field: 'category' }],
    code: 'ticket.not_found',
  },
);
// ---- end helpcenter ----

// ---- kb (authoring): B's category, section, article and its translation (drafts: nothing B's audit log would show) ----
const kbB = { categoryId: '', sectionId: '', articleId: '', translationId: '', marker: 'B-PRIVATE-KB-okapi' };
beforeAll(async () => {
  const post = async (url: string, body: unknown) => {
    const res = await bAdminClient.post(url, body);
    expect(res.statusCode, `${url} ${res.body}`).toBe(201);
    return res.json().id as string;
  };
  kbB.categoryId = await post('/api/v1/kb/categories', { names: { en: 'B KB category' }, slug: 'b-kb-category' });
  kbB.sectionId = await post('/api/v1/kb/categories', { parentId: kbB.categoryId, names: { en: 'B KB section' }, slug: 'b-kb-section' });
  kbB.articleId = await post('/api/v1/kb/articles', { locale: 'en', title: kbB.marker, sectionId: kbB.sectionId, bodyText: 'B only' });
  kbB.translationId = await post(`/api/v1/kb/articles/${kbB.articleId}/translations`, { locale: 'zh-CN', title: `${kbB.marker} 中文` });
});
const kbMarkers = () => [kbB.categoryId, kbB.sectionId, kbB.articleId, kbB.translationId, kbB.marker];
const kbArticleRoute = (method: string, tail: string, bodies: unknown[] = [undefined]) => ({
  method,
  path: `/api/v1/kb/articles/:id${tail}`,
  ids: () => [kbB.articleId, kbB.translationId],
  bodies,
  code: 'kb_article.not_found',
});
ID_ROUTES.push(
  {
    method: 'PATCH',
    path: '/api/v1/kb/categories/:id',
    ids: () => [kbB.categoryId, kbB.sectionId],
    bodies: [{ position: 9 }],
    code: 'kb_category.not_found',
  },
  {
    method: 'DELETE',
    path: '/api/v1/kb/categories/:id',
    ids: () => [kbB.categoryId, kbB.sectionId],
    bodies: [undefined],
    code: 'kb_category.not_found',
  },
  kbArticleRoute('GET', ''),
  kbArticleRoute('PATCH', '', [{ title: 'Hijacked' }, { sectionId: null, visibility: 'agents' }]),
  kbArticleRoute('DELETE', ''),
  kbArticleRoute('POST', '/translations', [{ locale: 'zh-CN', title: 'Hijacked' }]),
  kbArticleRoute('GET', '/translations'),
  kbArticleRoute('POST', '/submit', [{}]),
  kbArticleRoute('POST', '/approve', [{}, { publish: true }]),
  kbArticleRoute('POST', '/request-changes', [{ comment: 'Hijacked' }]),
  kbArticleRoute('POST', '/publish'),
  kbArticleRoute('POST', '/schedule', [{ publishAt: new Date(Date.now() + 86_400_000).toISOString() }]),
  kbArticleRoute('DELETE', '/schedule'),
  kbArticleRoute('POST', '/unpublish'),
  kbArticleRoute('POST', '/archive'),
  kbArticleRoute('POST', '/reopen'),
  kbArticleRoute('POST', '/mark-reviewed'),
  kbArticleRoute('POST', '/comments', [{ comment: 'Hijacked' }]),
  kbArticleRoute('GET', '/reviews'),
  kbArticleRoute('GET', '/versions'),
  kbArticleRoute('GET', '/versions/:version'),
  kbArticleRoute('GET', '/diff'),
  kbArticleRoute('POST', '/versions/:version/restore'),
);
// ---- end kb (authoring) ----

// ---- assistant flows, Q&A, handoff rules ----
const assistantB = { flowId: '', qaId: '', ruleId: '' };
const assistantFlowBody = {
  name: 'B flow',
  trigger: { keywords: ['b order'] },
  start: 'done',
  steps: [{ id: 'done', type: 'answer', text: 'B only' }],
};
const assistantQaBody = { locale: 'en', questions: ['B question'], answer: 'B answer' };
const assistantRuleBody = { name: 'B rule', condition: { kind: 'failed_turns', count: 3 } };
beforeAll(async () => {
  const post = async (url: string, body: unknown) => {
    const res = await bAdminClient.post(url, body);
    expect(res.statusCode, `${url} ${res.body}`).toBe(201);
    return res.json().id as string;
  };
  assistantB.flowId = await post('/api/v1/assistant/flows', assistantFlowBody);
  assistantB.qaId = await post('/api/v1/assistant/qa', assistantQaBody);
  assistantB.ruleId = await post('/api/v1/assistant/handoff-rules', assistantRuleBody);
  // Creating them wrote B's audit log after the first snapshot: compare against B as it is now.
  before = await snapshotOfB();
});
for (const [kind, key, body, code] of [
  ['flows', 'flowId', assistantFlowBody, 'assistant_flow.not_found'],
  ['qa', 'qaId', assistantQaBody, 'assistant_qa.not_found'],
  ['handoff-rules', 'ruleId', assistantRuleBody, 'assistant_handoff_rule.not_found'],
] as const) {
  for (const [method, bodies] of [
    ['GET', [undefined]],
    ['PUT', [body]],
    ['DELETE', [undefined]],
  ] as const)
    ID_ROUTES.push({ method, path: `/api/v1/assistant/${kind}/:id`, ids: () => [assistantB[key]], bodies: [...bodies], code });
}
// ---- end assistant flows ----

// ---- assistant: model provider (drafts and translation act on B's tickets: 404 before anything else) ----
ID_ROUTES.push(
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/assistant/draft-reply',
    ids: () => b.ticketIds,
    bodies: [undefined],
    code: 'ticket.not_found',
  },
  {
    method: 'POST',
    path: '/api/v1/tickets/:id/assistant/translate',
    ids: () => b.ticketIds,
    bodies: () => [{ messageId: uuidv7(), targetLocale: 'en' }],
    code: 'ticket.not_found',
  },
);
// ---- end assistant: model provider ----

// ---- assistant: agent assist ----
ID_ROUTES.push({
  method: 'GET',
  path: '/api/v1/tickets/:id/assist',
  ids: () => b.ticketIds,
  bodies: [undefined],
  code: 'ticket.not_found',
});
// ---- end assistant: agent assist ----

// ---- assistant: intents ----
const intentB = { id: '' };
const intentBodyB = { name: 'b_intent', examples: { en: ['b only phrase'] } };
beforeAll(async () => {
  const res = await bAdminClient.post('/api/v1/assistant/intents', intentBodyB);
  expect(res.statusCode, res.body).toBe(201);
  intentB.id = res.json().id;
  before = await snapshotOfB();
});
for (const [method, bodies] of [
  ['GET', [undefined]],
  ['PUT', [intentBodyB]],
  ['DELETE', [undefined]],
] as const)
  ID_ROUTES.push({
    method,
    path: '/api/v1/assistant/intents/:id',
    ids: () => [intentB.id],
    bodies: [...bodies],
    code: 'assistant_intent.not_found',
  });
// ---- end assistant: intents ----

// ---- assistant: insights (a cluster's key is the id of its first unanswered question) ----
const clusterB = { key: '' };
beforeAll(async () => {
  clusterB.key = uuidv7();
  await app.platform.db.insert(botDecisions).values({
    id: clusterB.key,
    workspaceId: B.id,
    sessionId: b.chatId,
    ticketId: null,
    inputText: 'B cannot find the answer to this',
    language: 'en',
    sentiment: { label: 'neutral', negative: 0, frustration: 'none' },
    candidates: [],
    action: 'rephrase',
    reason: 'no passage above the clarify threshold',
    latencyMs: 1,
  });
  before = await snapshotOfB();
});
for (const [method, tail, bodies] of [
  ['POST', 'article', [{}]],
  ['POST', 'dismiss', [{}]],
  ['DELETE', 'dismiss', [undefined]],
] as const)
  ID_ROUTES.push({
    method,
    path: `/api/v1/assistant/insights/unanswered/:clusterKey/${tail}`,
    ids: () => [clusterB.key],
    bodies: [...bodies],
    code: 'assistant_insights.cluster_not_found',
  });
// ---- end assistant: insights ----

async function documentedRoutes(): Promise<{ method: string; path: string }[]> {
  const spec = (await app.server.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, object> };
  return Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
}

describe("B's ids are unknown in A", () => {
  it('covers every documented route that takes an id', async () => {
    // The public widget API is keyed by a channel's public key, not a workspace id; its
    // isolation (visitor tokens bound to channel and visitor) is tested in modules/chat.
    const withId = (await documentedRoutes())
      .filter((r) => r.path.includes('{') && !r.path.startsWith('/api/v1/widget/'))
      .map((r) => `${r.method} ${r.path}`);
    const covered = ID_ROUTES.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(covered.sort()).toEqual(withId.sort());
  });

  it.each(ID_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers 404 for each of B’s ids', async (_name, route) => {
    const seen: string[] = [];
    for (const [via, client] of callers()) {
      for (const id of route.ids()) {
        for (const body of typeof route.bodies === 'function' ? route.bodies() : route.bodies) {
          const url = route.path
            .replace(':id', id)
            .replace(':clusterKey', id)
            .replace(':macroId', b.macroId)
            .replace(':otherId', b.ticketIds[1] ?? id)
            .replace(':version', '1');
          const res = await client.request(route.method, url, body);
          seen.push(`${via} ${id} ${JSON.stringify(body)} -> ${res.statusCode} ${code(res)}`);
          expect(res.statusCode, seen.at(-1)).toBe(404);
          expect(code(res), seen.at(-1)).toBe(route.code);
          expect(res.body).not.toContain(B.id);
        }
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });
});

describe('A sees nothing of B', () => {
  /** Everything that identifies B's data: none of it may appear in any answer to A. */
  const bMarkers = () => [
    B.id,
    B.slug,
    ...b.userIds,
    ...b.emails,
    b.customRoleId,
    ...b.systemRoleIds,
    b.invitationId,
    b.invitationEmail,
    b.tokenId,
    ...b.sessionIds,
    ...b.auditIds,
    ...b.ticketIds,
    b.subjectMarker,
    b.teamId,
    b.ruleId,
    b.calendarId,
    b.slaPolicyId,
    b.fieldId,
    'b_private',
    b.categoryId,
    b.typeId,
    b.organizationId,
    'b-only.example',
    b.macroId,
    b.viewId,
    b.scheduledId,
    b.attachmentId,
    b.notificationId,
    b.channelId,
    b.chatId,
    ...kbMarkers(),
  ];

  it('no documented read route mentions any of B’s ids, emails or slug', async () => {
    const reads = (await documentedRoutes()).filter((r) => r.method === 'GET' && !r.path.includes('{'));
    expect(reads.length).toBeGreaterThanOrEqual(10);
    for (const [via, client] of callers()) {
      for (const { path } of reads) {
        // The largest page, and B's slug offered as a hint the server must ignore.
        const res = await client.get(`${path}?limit=200&workspace=${B.slug}`);
        expect(res.statusCode, `${via} GET ${path}`).toBeLessThan(500);
        for (const marker of bMarkers()) expect(res.body, `${via} GET ${path} leaks ${marker}`).not.toContain(marker);
      }
    }
  });

  it('lists hold A’s rows: users, roles, audit entries and the workspace are A’s', async () => {
    for (const [via, client] of callers()) {
      const users = (await client.get('/api/v1/users?limit=200')).json().items as { id: string }[];
      expect(
        users.map((u) => u.id),
        via,
      ).toEqual(expect.arrayContaining([aAdmin.id, aAgent.id]));
      expect((await client.get(`/api/v1/users?q=${encodeURIComponent(bAgent.email ?? '')}`)).json().items, via).toEqual([]);
      expect(
        (await client.get('/api/v1/roles')).json().map((r: { key: string }) => r.key),
        via,
      ).not.toContain(b.customRoleKey);
      expect((await client.get(`/api/v1/audit-log?actorId=${bAdmin.id}`)).json().items, via).toEqual([]);
      expect((await client.get(`/api/v1/users?role=${b.customRoleKey}`)).json().items, via).toEqual([]);
      expect((await client.get('/api/v1/workspace')).json().id, via).toBe(A.id);
    }
    const session = (await aAdminSession.get(`/api/v1/auth/session?workspace=${B.slug}`)).json();
    expect(session.user.id).toBe(aAdmin.id);
    expect(session.workspace.id).toBe(A.id);
  });
});

describe('A changes only A', () => {
  it('PATCH /workspace renames A, even when B’s slug rides along', async () => {
    for (const [via, client] of callers()) {
      const name = `A renamed via ${via}`;
      const res = await client.patch('/api/v1/workspace', { name, workspace: B.slug, id: B.id, slug: B.slug });
      expect(res.statusCode, via).toBe(200);
      expect(res.json()).toMatchObject({ id: A.id, slug: A.slug, name });
    }
    expect((await bAdminClient.get('/api/v1/workspace')).json()).toEqual(before.workspace);
  });

  it('B’s role keys, emails and ids mean nothing in A', async () => {
    // A role key taken in B is free in A.
    const role = await aAdminSession.post('/api/v1/roles', { key: b.customRoleKey, name: 'A own', permissions: ['ticket.read'] });
    expect(role.statusCode).toBe(201);
    expect(role.json().id).not.toBe(b.customRoleId);
    // Inviting the email of B's customer does not reveal that B knows it.
    const inv = await aAdminToken.post('/api/v1/invitations', { email: bCustomer.email, role: 'agent' });
    expect(inv.statusCode).toBe(201);
    // A's own user cannot be given a role that exists only in B.
    const other = await createUser(app, A.id, 'agent');
    const bOnly = await bAdminClient.post('/api/v1/roles', { key: 'b-only-role', name: 'B only', permissions: ['ticket.read'] });
    expect(bOnly.statusCode).toBe(201);
    const grant = await aAdminSession.patch(`/api/v1/users/${other.id}`, { role: 'b-only-role' });
    expect(grant.statusCode).toBe(400);
    expect(grant.json().errors[0]).toMatchObject({ path: 'role', code: 'role_not_found' });
    // Tidy B back to the snapshot.
    expect((await bAdminClient.delete(`/api/v1/roles/${bOnly.json().id}`)).statusCode).toBe(204);
  });

  it('leaves every piece of B’s data as it was', async () => {
    const after = await snapshotOfB();
    // The extra role B created and deleted above left audit entries of B's own; A left none.
    const ownAudit = (e: { action: string; data: { key?: string } }) => e.data?.key === 'b-only-role';
    expect({ ...after, audit: after.audit.items.filter((e: never) => !ownAudit(e)) }).toEqual({ ...before, audit: before.audit.items });
    expect(after.audit.items.filter((e: { actorId: string | null }) => e.actorId === aAdmin.id)).toEqual([]);
    // B's people are still who they were and can still work.
    for (const user of [bAdmin, bAgent, bCustomer]) {
      const res = await bAdminClient.get(`/api/v1/users/${user.id}`);
      expect(res.json()).toMatchObject({ name: user.name, role: user.role, disabled: false, locale: 'en' });
    }
    expect((await bAdminClient.get('/api/v1/me')).statusCode).toBe(200);
    const bToken = new Client(app);
    bToken.bearer = b.token;
    expect((await bToken.get('/api/v1/me')).json().id).toBe(bAdmin.id);
    expect((await new Client(app).get(`/api/v1/auth/invitations/lookup?token=${b.invitationToken}`)).json().email).toBe(b.invitationEmail);
    const role = ((await bAdminClient.get('/api/v1/roles')).json() as { id: string; name: string; permissions: string[] }[]).find(
      (r) => r.id === b.customRoleId,
    );
    expect(role).toMatchObject({ name: 'B private', permissions: ['ticket.read', 'user.read'] });
  });

  it('signing A’s admin out everywhere leaves B’s sessions alone', async () => {
    const { client } = await signedIn(app, A.id, 'admin');
    expect((await client.post('/api/v1/auth/logout-all')).statusCode).toBe(204);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
    expect((await bAdminClient.get('/api/v1/me')).statusCode).toBe(200);
  });
});

describe('signing in to B with A’s credentials', () => {
  it('fails with invalid_credentials and keeps the A session as it was', async () => {
    const res = await aAdminSession.post('/api/v1/auth/login', { email: aAdmin.email, password: TEST_PASSWORD, workspace: B.slug });
    expect(res.statusCode).toBe(401);
    expect(code(res)).toBe('auth.invalid_credentials');
    expect(res.headers['set-cookie']).toBeUndefined();
    const me = (await aAdminSession.get('/api/v1/me')).json();
    expect(me).toMatchObject({ id: aAdmin.id, workspaceId: A.id });
  });

  it('fails even when B has a user with the same email, and A’s password opens only A', async () => {
    const email = `shared-${Date.now()}@example.com`;
    const inA = await createUser(app, A.id, 'admin', { email });
    const inB = await createUser(app, B.id, 'agent', { email, password: 'b password, not A' });
    const ambiguous = await new Client(app).post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(ambiguous.statusCode).toBe(409);
    expect(code(ambiguous)).toBe('auth.workspace_required');
    const wrong = await new Client(app).post('/api/v1/auth/login', { email, password: TEST_PASSWORD, workspace: B.slug });
    expect(wrong.statusCode).toBe(401);
    expect(code(wrong)).toBe('auth.invalid_credentials');
    const right = new Client(app);
    const signedInA = await right.login(email, TEST_PASSWORD, A.slug);
    expect(signedInA.user).toMatchObject({ id: inA.id, workspaceId: A.id });
    expect((await right.get(`/api/v1/users/${inB.id}`)).statusCode).toBe(404);
  });

  it('B’s session cookie and API token do not work the other way round either', async () => {
    const bToken = new Client(app);
    bToken.bearer = b.token;
    expect((await bToken.get(`/api/v1/users/${aAdmin.id}`)).statusCode).toBe(404);
    expect((await bAdminClient.get(`/api/v1/users/${aAdmin.id}`)).statusCode).toBe(404);
  });
});
