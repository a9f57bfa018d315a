import type { EventType, NotificationKind } from '@switchboard/contracts';
import type { DomainEvent } from '../../platform/events/outbox.js';

/** Who gets told what about one event. Recipients are filtered to active staff afterwards. */
export interface PlannedNotification {
  kind: NotificationKind;
  ticketId: string;
  actorId: string | null;
  recipients: string[];
  data: Record<string, unknown>;
}

export interface TicketFacts {
  assigneeId: string | null;
  teamId: string | null;
}

export interface MessageFacts {
  kind: string;
  authorKind: string;
  authorId: string | null;
  /** It opened the ticket: the ticket itself is the news, not a reply. */
  isFirst: boolean;
}

/** What the rules may look up; the listener backs it with the database, unit tests with fakes. */
export interface RuleLookups {
  ticket(ticketId: string): Promise<TicketFacts | null>;
  message(ticketId: string, messageId: string): Promise<MessageFacts | null>;
  teamMembers(teamId: string): Promise<string[]>;
}

type Rule = (event: DomainEvent, look: RuleLookups) => Promise<PlannedNotification | null>;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const actorOf = (event: DomainEvent) => str(event.actor.userId);
/** Nobody is told about what they did themselves. */
const others = (ids: (string | null)[], actorId: string | null) => [...new Set(ids.filter((id): id is string => !!id && id !== actorId))];

/**
 * SLA trouble goes to the assignee; an unassigned ticket's team members share it (a ticket with
 * neither has nobody to tell: the staff room already shows SLA state live).
 */
const slaRule =
  (kind: 'sla_warning' | 'sla_breach'): Rule =>
  async (event, look) => {
    const ticketId = str(event.payload.ticketId);
    const ticket = ticketId ? await look.ticket(ticketId) : null;
    if (!ticketId || !ticket) return null;
    const recipients = ticket.assigneeId ? [ticket.assigneeId] : ticket.teamId ? await look.teamMembers(ticket.teamId) : [];
    return {
      kind,
      ticketId,
      actorId: null,
      recipients,
      data: { metric: event.payload.metric ?? null, dueAt: event.payload.dueAt ?? null },
    };
  };

/** One rule per event type that can notify; `ticket.created` deliberately has none. */
export const NOTIFICATION_RULES = {
  'mention.created': async (event) => {
    const ticketId = str(event.payload.ticketId);
    const actorId = actorOf(event);
    if (!ticketId) return null;
    return {
      kind: 'mention',
      ticketId,
      actorId,
      recipients: others([str(event.payload.userId)], actorId),
      data: { messageId: event.payload.messageId ?? null },
    };
  },
  'ticket.assigned': async (event) => {
    const ticketId = str(event.payload.ticketId);
    const actorId = actorOf(event);
    if (!ticketId) return null;
    return { kind: 'assignment', ticketId, actorId, recipients: others([str(event.payload.assigneeId)], actorId), data: {} };
  },
  'message.created': async (event, look) => {
    const ticketId = str(event.payload.ticketId);
    const messageId = str(event.payload.messageId);
    if (!ticketId || !messageId || event.payload.kind !== 'reply' || event.payload.authorKind !== 'customer') return null;
    // A live chat message: the agent is in the conversation and the chat workspace shows it
    // (unread count, sound). A notification per chat line would bury everything else.
    if (event.payload.channel === 'web_chat') return null;
    const message = await look.message(ticketId, messageId);
    if (!message || message.isFirst) return null;
    const ticket = await look.ticket(ticketId);
    if (!ticket) return null;
    return {
      kind: 'customer_reply',
      ticketId,
      actorId: message.authorId,
      recipients: others([ticket.assigneeId], message.authorId),
      data: { messageId },
    };
  },
  'sla.warning': slaRule('sla_warning'),
  'sla.breached': slaRule('sla_breach'),
} satisfies Partial<Record<EventType, Rule>>;

export const NOTIFYING_EVENTS = Object.keys(NOTIFICATION_RULES) as (keyof typeof NOTIFICATION_RULES)[];

export async function planNotification(event: DomainEvent, look: RuleLookups): Promise<PlannedNotification | null> {
  const rule = (NOTIFICATION_RULES as Partial<Record<EventType, Rule>>)[event.type];
  const plan = rule ? await rule(event, look) : null;
  return plan?.recipients.length ? plan : null;
}
