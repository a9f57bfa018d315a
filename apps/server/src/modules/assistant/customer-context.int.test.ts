import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { ChatKit } from '../chat/chat-test-kit.js';
import { publishArticle } from './assistant-test-kit.js';

let app: TestApp;
let kit: ChatKit;
let key: string;
let secret: string;
let admin: Client;
const EMAIL = 'mei@example.cn';

type Msg = { seq: number; text: string; author: { kind: string } };

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
  const w = await kit.workspace();
  key = w.key;
  secret = w.secret;
  admin = w.admin.client;
  // Published articles switch the assistant on by default.
  await publishArticle(app, admin, 'en', 'Reset your password', '<p>Click Forgot password on the sign-in page.</p>');
  for (const subject of ['Printer on fire', 'Invoice is wrong', 'Old question']) {
    const res = await admin.post('/api/v1/tickets', { subject, bodyText: subject, requester: { email: EMAIL, name: 'Mei' } });
    expect(res.statusCode, res.body).toBe(201);
    if (subject === 'Old question') {
      const id = res.json().id as string;
      const solved = await admin.patch(`/api/v1/tickets/${id}`, { status: 'solved' });
      expect(solved.statusCode, solved.body).toBe(200);
    }
  }
  // Someone else's ticket must never show up.
  await admin.post('/api/v1/tickets', { subject: 'Not Mei at all', bodyText: 'x', requester: { email: 'other@example.com' } });
});
afterAll(async () => app?.close());

/** A widget visitor (identified with the host site's signature when `identify`), chatting over REST. */
async function chat(identify: boolean, first: string) {
  const c = new Client(app);
  const body = identify
    ? { identify: { userId: 'host-mei', email: EMAIL, name: 'Mei', hash: createHmac('sha256', secret).update('host-mei').digest('hex') } }
    : {};
  const { visitorToken } = await kit.visitor(c, key, body);
  const h = { 'x-visitor-token': visitorToken };
  // An anonymous visitor who types Mei's email into the pre-chat form proves nothing.
  const started = await kit.startChat(c, key, visitorToken, first, identify ? {} : { preChat: { email: EMAIL } });
  expect(started.statusCode, started.body).toBe(201);
  const id = started.json().session.id as string;
  const all = async () => (await c.get(`/api/v1/widget/${key}/conversations/${id}/messages`, h)).json().messages as Msg[];
  const botAfter = (seq: number) => waitFor(async () => (await all()).find((m) => m.seq > seq && m.author.kind === 'bot'));
  let n = 0;
  return {
    first: await botAfter(0),
    async say(text: string) {
      const sent = await c.post(`/api/v1/widget/${key}/conversations/${id}/messages`, { clientId: `m${n++}`, text }, h);
      expect(sent.statusCode, sent.body).toBeLessThan(300);
      return botAfter(sent.json().seq as number);
    },
  };
}

describe('the assistant knows an identified customer', () => {
  it('greets them by name and lists their open tickets, not solved ones or anyone else’s', async () => {
    const v = await chat(true, 'Hello');
    expect(v.first.text).toMatch(/^Hi Mei!/);
    const answer = await v.say('What is the status of my tickets?');
    expect(answer.text).toContain('Printer on fire — received');
    expect(answer.text).toContain('Invoice is wrong');
    expect(answer.text).not.toContain('Old question');
    expect(answer.text).not.toContain('Not Mei at all');
    expect(answer.text).toMatch(/\/portal/);
    const zh = await v.say('我的工单进度怎么样？');
    expect(zh.text).toContain('Mei，您好！您有 2 个未解决的工单');
  });

  it('tells an anonymous visitor to sign in, even with the customer’s email in the pre-chat form', async () => {
    const v = await chat(false, 'Hi');
    expect(v.first.text).toMatch(/^Hi! /);
    const answer = await v.say('show me my tickets');
    expect(answer.text).toContain('once you are signed in');
    expect(answer.text).not.toContain('Printer on fire');
  });
});
