import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types';
import { fetchedSeqOf, lastSeqOf, mergeFetched, mergeMessages, mergePushed } from './timeline';

const message = (seq: number, patch: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  ticketId: 't1',
  seq,
  kind: 'reply',
  author: null,
  authorKind: 'customer',
  channel: 'portal',
  bodyHtml: `<p>${seq}</p>`,
  bodyText: String(seq),
  event: null,
  mentions: [],
  attachments: [],
  deliveryState: 'sent',
  pinned: false,
  assistantHandoff: null,
  createdAt: '2026-03-04T12:00:00Z',
  ...patch,
});

describe('mergeMessages', () => {
  it('keeps sequence order whatever order messages arrive in', () => {
    const merged = mergeMessages([message(1), message(4)], [message(3), message(2)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('does not duplicate a message pushed live and fetched again', () => {
    const merged = mergeMessages([message(1), message(2)], [message(2, { deliveryState: 'delivered' })]);
    expect(merged).toHaveLength(2);
    expect(merged[1]?.deliveryState).toBe('delivered');
  });

  it('starts from nothing', () => {
    expect(mergeMessages(undefined, [message(1)])).toHaveLength(1);
    expect(lastSeqOf(undefined)).toBe(0);
    expect(lastSeqOf([message(7), message(3)])).toBe(7);
  });
});

describe('fetchedSeqOf', () => {
  it('ignores a pushed message, so the next fetch still asks for the ones before it', () => {
    const fetched = mergeFetched(undefined, [message(1)]);
    const withPush = mergePushed(fetched, message(3));
    expect(withPush.map((m) => m.seq)).toEqual([1, 3]);
    expect(lastSeqOf(withPush)).toBe(3);
    expect(fetchedSeqOf(withPush)).toBe(1);
  });

  it('moves on once a fetch has returned the pushed message', () => {
    const withPush = mergePushed(mergeFetched(undefined, [message(1)]), message(3));
    const caughtUp = mergeFetched(withPush, [message(2), message(3)]);
    expect(caughtUp.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(fetchedSeqOf(caughtUp)).toBe(3);
  });

  it('confirms the cached copy of a pushed message when a fetch returns an equal one', () => {
    // Query caches keep the old object when the new one is deep-equal; that copy must count as fetched.
    const pushed = message(2);
    const cached = mergePushed([message(1)], pushed);
    mergeFetched(cached, [message(2)]);
    expect(fetchedSeqOf(cached)).toBe(2);
  });

  it('is 0 for nothing fetched yet', () => {
    expect(fetchedSeqOf(undefined)).toBe(0);
    expect(fetchedSeqOf(mergePushed(undefined, message(5)))).toBe(0);
  });
});
