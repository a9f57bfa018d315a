import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types';
import { lastSeqOf, mergeMessages } from './timeline';

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
