import type { BotReport, UnansweredCluster, UnansweredClusters } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedIn, startApp, type TestApp } from '../../../test/harness.js';
import { ChatKit } from '../../chat/chat-test-kit.js';
import { publishArticle, VisitorChat } from '../assistant-test-kit.js';

let app: TestApp;
let kit: ChatKit;
let admin: Client;
let key: string;
let wsId: string;
let password: { id: string };
let qaId: string;

const PASSWORD = '<p>To reset your password, click Forgot password on the sign-in page and follow the link in the email.</p>';
const HOURS = 'We are open Monday to Friday, 9:00 to 17:00.';

/** One chat per entry: the visitor's messages in order. */
const SCRIPT: string[][] = [
  ['How do I reset my password?', 'Yes, that helped'], // answered, helpful → resolved
  ['How do I reset my password?', 'No, I need more help'], // answered, not helpful → unanswered
  ['When are you open?', 'Yes, that helped'], // Q&A pair, helpful → resolved
  ['Can I pay with bitcoin?'], // no answer ↓
  ['do you accept bitcoin payments'],
  ['可以用比特币付款吗'],
  ['支持比特币支付吗'],
  ['Do you allow dogs in the hotel?'],
  ['I want to talk to a real person'], // handed off
];

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
  const w = await kit.workspace();
  wsId = w.ws.id;
  admin = w.admin.client;
  key = w.key;
  password = await publishArticle(app, admin, 'en', 'Reset your password', PASSWORD);
  const qa = await admin.post('/api/v1/assistant/qa', {
    locale: 'en',
    questions: ['What are your opening hours?', 'When are you open?'],
    answer: HOURS,
  });
  expect(qa.statusCode, qa.body).toBe(201);
  qaId = qa.json().id;
  for (const [first, ...rest] of SCRIPT) {
    const v = new VisitorChat(app, kit, key);
    await v.start(first as string, /\p{Script=Han}/u.test(first as string) ? 'zh-CN' : undefined);
    for (const text of rest) await v.say(text);
  }
  await app.settle();
}, 300_000);
afterAll(async () => app?.close());

const unanswered = async (client: Client, query = '') => {
  const res = await client.get(`/api/v1/assistant/insights/unanswered${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as UnansweredClusters;
};
const clusterWith = (list: UnansweredClusters, text: string) =>
  list.items.find((c) => c.samples.some((s) => s.text === text)) as UnansweredCluster;

describe('votes on answers', { timeout: 120_000 }, () => {
  it('records the "did this help?" buttons against the article and the Q&A pair answered', async () => {
    const res = await admin.get('/api/v1/assistant/insights/votes');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{
      kind: string;
      id: string;
      title: string;
      answers: number;
      helpful: number;
      notHelpful: number;
    }>;
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'article', id: password.id, title: 'Reset your password', answers: 2, helpful: 1, notHelpful: 1 }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'qa', id: qaId, title: 'What are your opening hours?', answers: 1, helpful: 1 }),
    );
  });

  it('shows the buttons under a Q&A answer', async () => {
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('what are your opening hours');
    const bot = started.messages.find((m) => m.author.kind === 'bot');
    expect(bot?.text).toBe(HOURS);
    expect(bot?.quickReplies).toEqual(['Yes, that helped', 'No, I need more help']);
  });
});

describe('unanswered questions', { timeout: 120_000 }, () => {
  it('clusters paraphrases together and keeps unrelated questions apart (en + zh)', async () => {
    const list = await unanswered(admin, `?to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    const bitcoin = clusterWith(list, 'Can I pay with bitcoin?');
    expect(bitcoin).toMatchObject({ locale: 'en', count: 2, article: null, dismissed: false });
    expect(bitcoin.samples.map((s) => s.text).sort()).toEqual(['Can I pay with bitcoin?', 'do you accept bitcoin payments']);
    const zh = clusterWith(list, '可以用比特币付款吗');
    expect(zh).toMatchObject({ locale: 'zh-CN', count: 2 });
    expect(zh.samples.map((s) => s.text)).toContain('支持比特币支付吗');
    const dogs = clusterWith(list, 'Do you allow dogs in the hotel?');
    expect(dogs.count).toBe(1);
    // The answer voted "not helpful" is a question the bot did not really answer.
    expect(clusterWith(list, 'How do I reset my password?')).toMatchObject({ count: 1 });
    expect(clusterWith(list, 'How do I reset my password?').samples[0]?.outcome).toBe('not_helpful');
    // Button presses and the handoff request are not questions.
    expect(list.items.flatMap((c) => c.samples.map((s) => s.text))).not.toContain('No, I need more help');
    expect(list.items.flatMap((c) => c.samples.map((s) => s.text))).not.toContain('I want to talk to a real person');
    expect((await unanswered(admin, '?locale=zh-CN')).items.every((c) => c.locale === 'zh-CN')).toBe(true);
  });

  it('creates a KB draft from a cluster once; the cluster then shows it', async () => {
    const bitcoin = clusterWith(await unanswered(admin), 'Can I pay with bitcoin?');
    const created = await admin.post(`/api/v1/assistant/insights/unanswered/${bitcoin.key}/article`, {});
    expect(created.statusCode, created.body).toBe(201);
    const article = created.json();
    expect(article).toMatchObject({ status: 'draft', locale: 'en', title: bitcoin.representative });
    const fromKb = await admin.get(`/api/v1/kb/articles/${article.id}`);
    expect(fromKb.statusCode, fromKb.body).toBe(200);
    expect(fromKb.json().bodyHtml).toContain('do you accept bitcoin payments');
    expect(fromKb.json().bodyHtml).toContain('Can I pay with bitcoin?');

    const again = await admin.post(`/api/v1/assistant/insights/unanswered/${bitcoin.key}/article`, {});
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().code).toBe('assistant_insights.article_exists');
    expect(clusterWith(await unanswered(admin), 'Can I pay with bitcoin?').article).toMatchObject({ id: article.id, status: 'draft' });

    const zh = clusterWith(await unanswered(admin), '可以用比特币付款吗');
    const zhDraft = await admin.post(`/api/v1/assistant/insights/unanswered/${zh.key}/article`, { locale: 'zh-CN' });
    expect(zhDraft.statusCode, zhDraft.body).toBe(201);
    expect(zhDraft.json()).toMatchObject({ locale: 'zh-CN', status: 'draft' });
    expect(zhDraft.json().bodyHtml).toContain('访客提出的问题');
  });

  it('dismisses a cluster and brings it back', async () => {
    const dogs = clusterWith(await unanswered(admin), 'Do you allow dogs in the hotel?');
    const dismissed = await admin.post(`/api/v1/assistant/insights/unanswered/${dogs.key}/dismiss`, {});
    expect(dismissed.statusCode, dismissed.body).toBe(204);
    expect((await unanswered(admin)).items.map((c) => c.key)).not.toContain(dogs.key);
    expect(clusterWith(await unanswered(admin, '?includeDismissed=true'), 'Do you allow dogs in the hotel?').dismissed).toBe(true);
    expect((await admin.request('DELETE', `/api/v1/assistant/insights/unanswered/${dogs.key}/dismiss`)).statusCode).toBe(204);
    expect((await unanswered(admin)).items.map((c) => c.key)).toContain(dogs.key);
  });

  it('answers 404 for an unknown cluster and 400 for a bad range', async () => {
    const missing = await admin.post(`/api/v1/assistant/insights/unanswered/${crypto.randomUUID()}/article`, {});
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('assistant_insights.cluster_not_found');
    expect((await admin.get('/api/v1/assistant/insights/unanswered?from=yesterday')).statusCode).toBe(400);
    const reversed = await admin.get(`/api/v1/assistant/insights/report?from=${new Date().toISOString()}&to=2020-01-01T00:00:00Z`);
    expect(reversed.statusCode).toBe(400);
  });
});

describe('report of bot conversations', { timeout: 120_000 }, () => {
  it('counts the scripted conversations', async () => {
    const res = await admin.get('/api/v1/assistant/insights/report');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as BotReport;
    // 9 scripted chats + 1 Q&A chat above (resolved? no vote: answered, no handoff → resolved).
    expect(report).toMatchObject({
      conversations: 10,
      resolvedByBot: 3,
      handedOff: 1,
      unanswered: 6,
      unansweredQuestions: 6,
      votes: { helpful: 2, notHelpful: 1 },
    });
    expect(report.handoffReasons).toEqual([{ reason: 'Asks for a person', count: 1 }]);
    expect(report.topIntents).toEqual(
      expect.arrayContaining([
        { kind: 'article', name: 'Reset your password', count: 2 },
        { kind: 'qa', name: 'What are your opening hours?', count: 2 },
      ]),
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(report.days).toEqual([{ day: today, conversations: 10, resolved: 3, handedOff: 1, unanswered: 6 }]);
  });
});

describe('access', { timeout: 120_000 }, () => {
  it('needs report.read (agents: 403) and kb.write to create drafts', async () => {
    const agent = await signedIn(app, wsId, 'agent');
    for (const path of ['report', 'votes', 'unanswered']) {
      const res = await agent.client.get(`/api/v1/assistant/insights/${path}`);
      expect(res.statusCode, path).toBe(403);
    }
    const anyKey = (await unanswered(admin)).items[0]?.key;
    expect((await agent.client.post(`/api/v1/assistant/insights/unanswered/${anyKey}/article`, {})).statusCode).toBe(403);
  });

  it('keeps other workspaces out: empty lists and 404 for their clusters', async () => {
    const other = await kit.workspace();
    const res = await other.admin.client.get('/api/v1/assistant/insights/report');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ conversations: 0, handedOff: 0, votes: { helpful: 0, notHelpful: 0 }, days: [] });
    expect((await unanswered(other.admin.client)).items).toEqual([]);
    expect((await other.admin.client.get('/api/v1/assistant/insights/votes')).json().items).toEqual([]);
    const theirs = clusterWith(await unanswered(admin), 'Do you allow dogs in the hotel?');
    const steal = await other.admin.client.post(`/api/v1/assistant/insights/unanswered/${theirs.key}/article`, {});
    expect(steal.statusCode).toBe(404);
    expect((await other.admin.client.post(`/api/v1/assistant/insights/unanswered/${theirs.key}/dismiss`, {})).statusCode).toBe(404);
  });
});
