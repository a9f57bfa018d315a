import { describe, expect, it } from 'vitest';
import { message } from '../../test/ticketFixtures';
import { agentChat, chatIds } from './chatFixtures';
import { applyChatChange, formatWait, lastReplyState, type Offer, offersReducer, queueSummaries, secondsLeft } from './chatLogic';

const me = 'u1';
const offer = (patch: Partial<Offer> = {}): Offer => ({
  sessionId: chatIds.session,
  ticketId: 't1',
  ticketNumber: 42,
  visitorName: 'Vera',
  preview: 'Hi',
  expiresAt: new Date(Date.now() + 30_000).toISOString(),
  transferredBy: null,
  ...patch,
});

describe('applyChatChange', () => {
  it('adds new live chats, replaces known ones in place and drops ended ones', () => {
    const a = agentChat();
    const b = agentChat({ id: chatIds.session2, state: 'queued' });
    expect(applyChatChange([a], b)).toEqual([a, b]);
    const moved = { ...a, state: 'active' as const, agentId: me };
    expect(applyChatChange([a, b], moved)).toEqual([moved, b]);
    expect(applyChatChange([a, b], { ...a, state: 'ended' })).toEqual([b]);
    expect(applyChatChange([a, b], { ...b, state: 'offline' })).toEqual([a]);
  });
});

describe('offersReducer', () => {
  it('keeps one card per session and removes it when revoked', () => {
    const first = offersReducer([], { type: 'offered', offer: offer() });
    const again = offersReducer(first, { type: 'offered', offer: offer({ preview: 'again' }) });
    expect(again).toHaveLength(1);
    expect(again[0]?.preview).toBe('again');
    expect(offersReducer(again, { type: 'revoked', sessionId: chatIds.session })).toEqual([]);
  });

  it('drops an offer once the chat is no longer offered to me', () => {
    const state = [offer()];
    const stillMine = agentChat({ state: 'offered', offeredAgentId: me });
    expect(offersReducer(state, { type: 'changed', chat: stillMine, me })).toHaveLength(1);
    expect(offersReducer(state, { type: 'changed', chat: { ...stillMine, offeredAgentId: 'u2' }, me })).toEqual([]);
    expect(offersReducer(state, { type: 'changed', chat: { ...stillMine, state: 'active', agentId: 'u2' }, me })).toEqual([]);
  });

  it('expires offers on the clock and seeds unexpired ones from the live list', () => {
    const now = Date.now();
    const state = [offer({ expiresAt: new Date(now - 1).toISOString() })];
    expect(offersReducer(state, { type: 'tick', now })).toEqual([]);
    const open = agentChat({ state: 'offered', offeredAgentId: me, offerExpiresAt: new Date(now + 10_000).toISOString() });
    const stale = agentChat({
      id: chatIds.session2,
      state: 'offered',
      offeredAgentId: me,
      offerExpiresAt: new Date(now - 10).toISOString(),
    });
    const other = agentChat({ id: 'x', state: 'offered', offeredAgentId: 'u2', offerExpiresAt: open.offerExpiresAt });
    const seeded = offersReducer([], { type: 'seed', chats: [open, stale, other], me, now });
    expect(seeded.map((o) => o.sessionId)).toEqual([chatIds.session]);
    expect(seeded[0]).toMatchObject({ visitorName: 'Vera Visitor', preview: null, ticketNumber: 42 });
  });
});

describe('delivery and queues', () => {
  it('derives the state of the last agent reply from the visitor cursors', () => {
    const messages = [message(1), message(2, { authorKind: 'agent' }), message(3, { kind: 'note', authorKind: 'agent' })];
    const cursors = { visitorDeliveredSeq: 0, visitorReadSeq: 0, agentDeliveredSeq: 0, agentReadSeq: 0 };
    expect(lastReplyState([message(1)], cursors)).toBeNull();
    expect(lastReplyState(messages, cursors)).toBe('sent');
    expect(lastReplyState(messages, { ...cursors, visitorDeliveredSeq: 2 })).toBe('delivered');
    // A note after the reply is never shown to the visitor and does not count.
    expect(lastReplyState(messages, { ...cursors, visitorDeliveredSeq: 3, visitorReadSeq: 2 })).toBe('read');
  });

  it('counts waiting chats per team with the longest wait first', () => {
    const chats = [
      agentChat({ id: 'a', state: 'queued', teamId: 'T1', queuedAt: '2026-01-01T10:05:00Z' }),
      agentChat({ id: 'b', state: 'offered', teamId: 'T1', queuedAt: '2026-01-01T10:01:00Z' }),
      agentChat({ id: 'c', state: 'queued', teamId: null, queuedAt: '2026-01-01T10:00:00Z' }),
      agentChat({ id: 'd', state: 'active', teamId: 'T1' }),
    ];
    expect(queueSummaries(chats)).toEqual([
      { teamId: null, waiting: 1, oldestSince: '2026-01-01T10:00:00Z' },
      { teamId: 'T1', waiting: 2, oldestSince: '2026-01-01T10:01:00Z' },
    ]);
  });

  it('formats waits and countdowns', () => {
    expect(formatWait(65)).toBe('1:05');
    expect(formatWait(3725)).toBe('1:02:05');
    expect(formatWait(-3)).toBe('0:00');
    expect(secondsLeft(new Date(1_000_500).toISOString(), 1_000_000)).toBe(1);
    expect(secondsLeft(new Date(0).toISOString(), 1_000_000)).toBe(0);
  });
});
