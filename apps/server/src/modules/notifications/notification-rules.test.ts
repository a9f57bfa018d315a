import type { EventType } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../platform/events/outbox.js';
import { planNotification, type RuleLookups } from './notification-rules.js';

const A = '0190aaaa-0000-7000-8000-000000000001';
const B = '0190aaaa-0000-7000-8000-000000000002';
const C = '0190aaaa-0000-7000-8000-000000000003';
const T = '0190aaaa-0000-7000-8000-0000000000aa';

function event(type: EventType, payload: Record<string, unknown>, actorId: string | null = A): DomainEvent {
  return {
    id: 'e',
    workspaceId: 'w',
    type,
    subjectType: 'ticket',
    subjectId: T,
    payload,
    actor: actorId ? { kind: 'agent', userId: actorId } : { kind: 'system' },
    createdAt: new Date(),
  };
}

function look(over: Partial<{ assigneeId: string | null; teamId: string | null; isFirst: boolean; team: string[] }> = {}): RuleLookups {
  return {
    ticket: async () => ({ assigneeId: over.assigneeId ?? null, teamId: over.teamId ?? null }),
    message: async () => ({ kind: 'reply', authorKind: 'customer', authorId: C, isFirst: over.isFirst ?? false }),
    teamMembers: async () => over.team ?? [],
  };
}

describe('notification rules', () => {
  it('tells the mentioned agent, unless they mentioned themselves', async () => {
    expect(await planNotification(event('mention.created', { ticketId: T, userId: B }), look())).toMatchObject({
      kind: 'mention',
      recipients: [B],
      actorId: A,
    });
    expect(await planNotification(event('mention.created', { ticketId: T, userId: A }), look())).toBeNull();
  });

  it('tells a new assignee, not one who took the ticket, and nobody on unassignment', async () => {
    expect((await planNotification(event('ticket.assigned', { ticketId: T, assigneeId: B }), look()))?.recipients).toEqual([B]);
    expect(await planNotification(event('ticket.assigned', { ticketId: T, assigneeId: A }), look())).toBeNull();
    expect(await planNotification(event('ticket.assigned', { ticketId: T, assigneeId: null }), look())).toBeNull();
  });

  it('tells the assignee of a customer reply, but not of the opening message, a note or a staff reply', async () => {
    const reply = { ticketId: T, messageId: 'm', kind: 'reply', authorKind: 'customer' };
    expect(await planNotification(event('message.created', reply, C), look({ assigneeId: B }))).toMatchObject({
      kind: 'customer_reply',
      recipients: [B],
      actorId: C,
    });
    expect(await planNotification(event('message.created', reply, C), look({ assigneeId: B, isFirst: true }))).toBeNull();
    expect(await planNotification(event('message.created', reply, C), look())).toBeNull();
    expect(await planNotification(event('message.created', { ...reply, kind: 'note' }), look({ assigneeId: B }))).toBeNull();
    expect(await planNotification(event('message.created', { ...reply, authorKind: 'agent' }), look({ assigneeId: B }))).toBeNull();
  });

  it('does not notify per line of a live chat: the agent is in the conversation', async () => {
    const reply = { ticketId: T, messageId: 'm', kind: 'reply', authorKind: 'customer' };
    expect(await planNotification(event('message.created', { ...reply, channel: 'web_chat' }, C), look({ assigneeId: B }))).toBeNull();
    expect(await planNotification(event('message.created', { ...reply, channel: 'email' }, C), look({ assigneeId: B }))).toMatchObject({
      kind: 'customer_reply',
    });
  });

  it('sends SLA trouble to the assignee, else the team, else nobody', async () => {
    const sla = { ticketId: T, metric: 'first_response', dueAt: '2030-01-01T00:00:00.000Z' };
    expect(await planNotification(event('sla.breached', sla, null), look({ assigneeId: B, teamId: 'x', team: [C] }))).toMatchObject({
      kind: 'sla_breach',
      recipients: [B],
      data: { metric: 'first_response', dueAt: sla.dueAt },
    });
    expect((await planNotification(event('sla.warning', sla, null), look({ teamId: 'x', team: [B, C] })))?.recipients).toEqual([B, C]);
    expect(await planNotification(event('sla.warning', sla, null), look())).toBeNull();
  });

  it('makes nothing of a new ticket', async () => {
    expect(await planNotification(event('ticket.created', { ticketId: T }), look({ assigneeId: B }))).toBeNull();
  });
});
