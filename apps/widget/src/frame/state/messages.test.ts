import type { ChatMessage } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import {
  emptyMessages,
  type MessagesAction,
  type MessagesState,
  messagesReducer,
  pendingMessages,
  statusOf,
  unreadCount,
} from './messages.js';

const run = (actions: MessagesAction[], from: MessagesState = emptyMessages()) => actions.reduce(messagesReducer, from);

function serverMessage(seq: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    sessionId: '00000000-0000-7000-8000-aaaaaaaaaaaa',
    seq,
    clientId: null,
    author: { kind: 'agent', name: 'Ada', avatarUrl: null },
    text: `message ${seq}`,
    html: '',
    attachments: [],
    quickReplies: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}
const mine = (seq: number, clientId: string) => serverMessage(seq, { clientId, author: { kind: 'visitor', name: null, avatarUrl: null } });
const cursors = (agentDeliveredSeq: number, agentReadSeq: number) => ({
  visitorDeliveredSeq: 0,
  visitorReadSeq: 0,
  agentDeliveredSeq,
  agentReadSeq,
});
const queued = (clientId: string, text = 'hi'): MessagesAction => ({
  type: 'queued',
  clientId,
  text,
  attachments: [],
  createdAt: '2025-01-01T00:00:01.000Z',
});

describe('message states', () => {
  it('moves a visitor message through sending → sent → delivered → read', () => {
    let s = run([queued('c1')]);
    const status = () => statusOf(s.items[0] as never, s.cursors);
    expect(status()).toBe('sending');
    s = run([{ type: 'acked', clientId: 'c1', messageId: mine(3, 'c1').id, seq: 3, createdAt: 'x' }], s);
    expect(status()).toBe('sent');
    s = run([{ type: 'receipt', cursors: cursors(3, 0) }], s);
    expect(status()).toBe('delivered');
    s = run([{ type: 'receipt', cursors: cursors(3, 3) }], s);
    expect(status()).toBe('read');
  });

  it('never moves a state backwards when an older receipt arrives late', () => {
    const s = run([
      queued('c1'),
      { type: 'acked', clientId: 'c1', messageId: 'm', seq: 2, createdAt: 'x' },
      { type: 'receipt', cursors: cursors(2, 2) },
      { type: 'receipt', cursors: cursors(1, 0) },
    ]);
    expect(statusOf(s.items[0] as never, s.cursors)).toBe('read');
  });

  it('marks a rejected message failed with its code, and a retry makes it pending again', () => {
    let s = run([queued('c1'), { type: 'failed', clientId: 'c1', code: 'chat.message_too_long' }]);
    expect(statusOf(s.items[0] as never, s.cursors)).toBe('failed');
    expect(s.items[0]?.error).toEqual({ code: 'chat.message_too_long' });
    expect(pendingMessages(s)).toHaveLength(0);
    s = run([{ type: 'retry', clientId: 'c1' }], s);
    expect(statusOf(s.items[0] as never, s.cursors)).toBe('sending');
    expect(pendingMessages(s)).toHaveLength(1);
  });

  it('gives agent messages no status', () => {
    const s = run([{ type: 'received', messages: [serverMessage(1)] }]);
    expect(statusOf(s.items[0] as never, s.cursors)).toBeNull();
  });
});

describe('dedupe on push, ack and sync', () => {
  it('keeps one bubble when the push of our own message arrives before its ack', () => {
    const s = run([
      queued('c1'),
      { type: 'received', messages: [mine(5, 'c1')] },
      { type: 'acked', clientId: 'c1', messageId: mine(5, 'c1').id, seq: 5, createdAt: 'x' },
    ]);
    expect(s.items).toHaveLength(1);
    expect(s.items[0]).toMatchObject({ key: 'c1', seq: 5, mine: true });
  });

  it('matches a message stored before a lost ack when the sync after reconnect returns it', () => {
    const s = run([queued('c1'), queued('c2'), { type: 'received', messages: [serverMessage(4), mine(5, 'c1')], lastSeq: 6 }]);
    expect(s.items.map((m) => m.key)).toEqual([serverMessage(4).id, 'c1', 'c2']);
    expect(pendingMessages(s).map((m) => m.clientId)).toEqual(['c2']);
    expect(s.lastSeq).toBe(6);
  });

  it('ignores messages it already has when a sync overlaps live pushes', () => {
    const s = run([
      { type: 'received', messages: [serverMessage(1), serverMessage(3)] },
      { type: 'received', messages: [serverMessage(1), serverMessage(2), serverMessage(3)], lastSeq: 3 },
      { type: 'received', messages: [serverMessage(3)] },
    ]);
    expect(s.items.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('uses the sync cursor, not the last visible seq, so hidden notes are not asked for again', () => {
    const s = run([{ type: 'received', messages: [serverMessage(2)], lastSeq: 9 }]);
    expect(s.lastSeq).toBe(9);
  });

  it('does not confuse an agent message that reuses a visitor clientId with ours', () => {
    const s = run([queued('c1'), { type: 'received', messages: [serverMessage(2, { clientId: 'c1' })] }]);
    expect(s.items).toHaveLength(2);
    expect(pendingMessages(s)).toHaveLength(1);
  });

  it('does not queue the same clientId twice', () => {
    expect(run([queued('c1'), queued('c1')]).items).toHaveLength(1);
  });

  it('counts replies after the read cursor as unread', () => {
    const s = run([{ type: 'received', messages: [serverMessage(1), mine(2, 'c1'), serverMessage(3), serverMessage(4)] }]);
    expect(unreadCount(s, 0)).toBe(3);
    expect(unreadCount(s, 3)).toBe(1);
  });
});
