import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { ChatKit } from '../chat/chat-test-kit.js';
import { publishArticle, VisitorChat } from './assistant-test-kit.js';

let app: TestApp;
let kit: ChatKit;

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
});
afterAll(async () => app?.close());

const PASSWORD = '<p>To reset your password, click Forgot password on the sign-in page and follow the link in the email.</p>';

describe('the assistant answers when no agent is online', () => {
  it('lets the visitor chat with the bot, and turns a handoff nobody can take into leave-a-message', async () => {
    const { key, admin, ws } = await kit.workspace();
    // An agent exists but is offline: nobody can take a chat.
    await kit.agent(ws.id, 'offline');
    const anonymous = new Client(app);
    const before = await anonymous.get(`/api/v1/widget/${key}/config`);
    expect(before.json()).toMatchObject({ agentsOnline: 0, available: false });

    await publishArticle(app, admin.client, 'en', 'Reset your password', PASSWORD);
    const config = await anonymous.get(`/api/v1/widget/${key}/config`);
    expect(config.json()).toMatchObject({ agentsOnline: 0, available: true });

    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How do I reset my password?');
    expect(started.session.state).toBe('bot');
    expect(started.messages.find((m) => m.author.kind === 'bot')?.text).toContain('click Forgot password');

    await v.say('I want to talk to a real person');
    const session = await waitFor(async () => {
      const s = (await admin.client.get(`/api/v1/chats/${v.id}`)).json() as { state: string; offlineMessage: boolean };
      return s.offlineMessage ? s : undefined;
    });
    expect(session).toMatchObject({ state: 'offline', offlineMessage: true });

    // Staff get the briefing pinned and structured; the visitor's view has no note at all.
    const { ticketId } = (await admin.client.get(`/api/v1/chats/${v.id}`)).json() as { ticketId: string };
    const staffView = (await admin.client.get(`/api/v1/tickets/${ticketId}/messages`)).json().items as Array<{
      kind: string;
      pinned: boolean;
      assistantHandoff: { reason: string; sentiment: { label: string } } | null;
    }>;
    const pinned = staffView.filter((m) => m.pinned);
    expect(pinned).toHaveLength(1);
    expect(pinned[0]).toMatchObject({ kind: 'note', assistantHandoff: { reason: expect.stringContaining('asked for a person') } });
    expect(staffView.filter((m) => m.kind === 'reply').every((m) => !m.pinned && m.assistantHandoff === null)).toBe(true);
    // One briefing: the chat module does not add its own "Bot handed off" note next to it.
    expect(staffView.filter((m) => m.kind === 'note')).toHaveLength(1);
    const visitorView = await v.messages();
    expect(JSON.stringify(visitorView)).not.toContain('Assistant handed this chat');
  });

  it('answers two quick questions one after the other, in the order they were asked', async () => {
    const { key, admin } = await kit.workspace();
    await publishArticle(app, admin.client, 'en', 'Reset your password', PASSWORD);
    const v = new VisitorChat(app, kit, key);
    await v.start('Hello');
    const headers = { 'x-visitor-token': v.visitorToken };
    const send = (clientId: string, text: string) =>
      v.client.post(`/api/v1/widget/${key}/conversations/${v.id}/messages`, { clientId, text }, headers);
    const [a, b] = await Promise.all([send('q1', 'How do I reset my password?'), send('q2', 'show me my tickets')]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const answers = await waitFor(async () => {
      const bot = (await v.messages()).filter((m) => m.author.kind === 'bot' && m.seq > Math.min(a.json().seq, b.json().seq));
      return bot.length >= 2 ? bot : undefined;
    });
    const first = a.json().seq < b.json().seq ? /Forgot password/ : /signed in/;
    const second = a.json().seq < b.json().seq ? /signed in/ : /Forgot password/;
    expect(answers[0]?.text).toMatch(first);
    expect(answers[1]?.text).toMatch(second);
  });

  it('keeps the leave-a-message form when the assistant is switched off', async () => {
    const { key, admin } = await kit.workspace();
    await publishArticle(app, admin.client, 'en', 'Reset your password', PASSWORD);
    const { source: _source, updatedAt: _updatedAt, ...current } = (await admin.client.get('/api/v1/assistant/settings')).json();
    const off = await admin.client.request('PUT', '/api/v1/assistant/settings', { ...current, enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    const config = await new Client(app).get(`/api/v1/widget/${key}/config`);
    expect(config.json()).toMatchObject({ agentsOnline: 0, available: false });
  });
});
