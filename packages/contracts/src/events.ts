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
  'ticket.unlinked',
  'ticket.split',
  'message.created',
  'mention.created',
  'sla.warning',
  'sla.breached',
  'scheduled_message.sent',
  'scheduled_message.failed',
  'agent.availability_changed',
  'channel.changed',
  'chat.started',
  'chat.queued',
  'chat.offered',
  'chat.accepted',
  'chat.declined',
  'chat.transferred',
  'chat.ended',
  'chat.rated',
  /** Waits in the outbox until the email channel exists and sends it. */
  'chat.transcript_requested',
  'chat.offline_message',
  /** A knowledge-base article's working version became its live (published) snapshot. */
  'article.published',
  /** An article left the help center: unpublished or archived. */
  'article.archived',
  /** The assistant quoted a knowledge-base passage in a chat. */
  'bot.answered',
  /** The assistant handed a chat to humans (reason in the payload). */
  'bot.handed_off',
  /** A help-center visitor rated an article (and maybe left a comment for moderation). */
  'article.feedback_submitted',
  'notification.created',
  /** Internal: a durable job requested inside a transaction, handed to the job queue after commit. */
  'job.requested',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
