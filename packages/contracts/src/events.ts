/** Domain events recorded in the outbox. Names are `noun.verb_past`. */
export const EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.signed_in',
  'user.password_changed',
  'user.password_reset_requested',
  'user.sessions_revoked',
  'invitation.created',
  'role.changed',
  'workspace.updated',
  'organization.changed',
  'ticket.created',
  'ticket.updated',
  'ticket.assigned',
  'ticket.status_changed',
  'ticket.merged',
  'ticket.linked',
  'message.created',
  'mention.created',
  'sla.warning',
  'sla.breached',
  'scheduled_message.sent',
  'agent.availability_changed',
  /** Internal: a durable job requested inside a transaction, handed to the job queue after commit. */
  'job.requested',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
