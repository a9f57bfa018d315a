import { TICKET_STATUSES, type TicketStatus } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { allowedTransitions, canTransition, statusAfterAgentReply, statusAfterCustomerReply } from './ticket-status.js';

const S = TICKET_STATUSES;

describe('ticket status table', () => {
  it('lets staff move between working statuses and solve from any of them', () => {
    for (const from of ['new', 'open', 'pending', 'on_hold'] as TicketStatus[]) {
      expect(canTransition(from, 'solved', 'agent')).toBe(true);
      for (const to of ['open', 'pending', 'on_hold'] as TicketStatus[]) expect(canTransition(from, to, 'agent')).toBe(true);
    }
  });

  it('never goes back to new, and closed is final for everyone', () => {
    for (const from of S) {
      if (from !== 'new') for (const by of ['agent', 'customer', 'system'] as const) expect(canTransition(from, 'new', by)).toBe(false);
    }
    for (const to of S.filter((s) => s !== 'closed')) {
      for (const by of ['agent', 'customer', 'system'] as const) expect(canTransition('closed', to, by)).toBe(false);
    }
  });

  it('closes only solved tickets for staff, any unfinished ticket for the system (merge, auto-close)', () => {
    expect(canTransition('solved', 'closed', 'agent')).toBe(true);
    for (const from of ['new', 'open', 'pending', 'on_hold'] as TicketStatus[]) {
      expect(canTransition(from, 'closed', 'agent')).toBe(false);
      expect(canTransition(from, 'closed', 'system')).toBe(true);
    }
  });

  it('lets a customer only solve their ticket or reopen a solved one', () => {
    expect(allowedTransitions('open', 'customer')).toEqual(['solved']);
    expect(canTransition('solved', 'open', 'customer')).toBe(true);
    expect(canTransition('open', 'pending', 'customer')).toBe(false);
    expect(canTransition('open', 'on_hold', 'customer')).toBe(false);
    expect(canTransition('solved', 'closed', 'customer')).toBe(false);
  });

  it('same status is always a no-op, never an error', () => {
    for (const s of S) expect(canTransition(s, s, 'customer')).toBe(true);
  });

  it('reopens waiting and solved tickets on a customer reply, keeps new and open', () => {
    expect(statusAfterCustomerReply('pending')).toBe('open');
    expect(statusAfterCustomerReply('solved')).toBe('open');
    expect(statusAfterCustomerReply('on_hold')).toBe('open');
    expect(statusAfterCustomerReply('new')).toBe('new');
    expect(statusAfterCustomerReply('open')).toBe('open');
    expect(statusAfterAgentReply('new')).toBe('open');
    expect(statusAfterAgentReply('pending')).toBe('pending');
  });
});
