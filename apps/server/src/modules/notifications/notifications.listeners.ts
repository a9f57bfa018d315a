import type { NotificationKind } from '@switchboard/contracts';
import { NOTIFICATION_PUSH_EVENT } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/client.js';
import { type DomainEvent, recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { rooms } from '../../platform/realtime.js';
import { resolvePreferences } from './notification-preferences.js';
import { NOTIFYING_EVENTS, type PlannedNotification, planNotification, type RuleLookups } from './notification-rules.js';
import { notificationMail } from './notifications.mail.js';
import { presentNotification } from './notifications.presenter.js';
import {
  claimReceipt,
  findActiveStaff,
  findForUser,
  findMessageWithHistory,
  findPreferenceRows,
  findTeamMemberIds,
  findTicketSummary,
  findUserName,
  insertNotification,
} from './notifications.repo.js';

export const NOTIFICATION_MAIL_JOB = 'notifications.mail';

export interface NotificationMailJob {
  workspaceId: string;
  userId: string;
  kind: NotificationKind;
  ticketId: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

function lookups(p: Platform, workspaceId: string): RuleLookups {
  return {
    ticket: (id) => findTicketSummary(p.db, workspaceId, id),
    message: (ticketId, messageId) => findMessageWithHistory(p.db, ticketId, messageId),
    teamMembers: (teamId) => findTeamMemberIds(p.db, workspaceId, teamId),
  };
}

/**
 * Writes the planned notifications in one transaction: per recipient, a receipt (so a
 * redelivered event does nothing twice), the in-app row with its push event, and the email
 * job, each as the recipient's preferences allow.
 */
async function deliver(p: Platform, event: DomainEvent, workspaceId: string, plan: PlannedNotification): Promise<void> {
  const staff = await findActiveStaff(p.db, workspaceId, plan.recipients);
  if (!staff.length) return;
  const ticket = await findTicketSummary(p.db, workspaceId, plan.ticketId);
  if (!ticket) return;
  const prefs = new Map(
    (
      await findPreferenceRows(
        p.db,
        staff.map((u) => u.id),
      )
    ).map((r) => [r.userId, r.kinds]),
  );
  const actor: Actor = { kind: 'system', workspaceId };
  await p.transaction(async (tx: Tx) => {
    for (const user of staff) {
      if (!(await claimReceipt(tx, event.id, user.id))) continue;
      const pref = resolvePreferences(prefs.get(user.id))[plan.kind];
      if (pref.inApp) {
        const id = uuidv7();
        await insertNotification(tx, {
          id,
          workspaceId,
          userId: user.id,
          kind: plan.kind,
          ticketId: plan.ticketId,
          actorId: plan.actorId,
          data: { ...plan.data, number: ticket.number, subject: ticket.subject },
          // set here at millisecond precision, so a keyset cursor made from it matches exactly
          createdAt: new Date(),
        });
        await recordEvent(tx, actor, {
          workspaceId,
          type: 'notification.created',
          subject: { type: 'notification', id },
          payload: { notificationId: id, userId: user.id },
        });
      }
      if (pref.email && user.email) {
        const job: NotificationMailJob = {
          workspaceId,
          userId: user.id,
          kind: plan.kind,
          ticketId: plan.ticketId,
          actorId: plan.actorId,
          data: plan.data,
        };
        await p.jobs.enqueue(tx, actor, NOTIFICATION_MAIL_JOB, job);
      }
    }
  });
}

export function registerNotificationListeners(p: Platform): void {
  p.outbox.on('notifications.create', NOTIFYING_EVENTS, async (event) => {
    if (!event.workspaceId) return;
    const plan = await planNotification(event, lookups(p, event.workspaceId));
    if (plan) await deliver(p, event, event.workspaceId, plan);
  });

  // Reloaded by id: the push carries what the list shows, and nothing if the row is gone.
  p.outbox.on('notifications.push', ['notification.created'], async (event) => {
    const userId = String(event.payload.userId ?? '');
    const id = String(event.payload.notificationId ?? '');
    if (!p.realtime || !userId || !id) return;
    const row = await findForUser(p.db, userId, id);
    if (row) p.realtime.emit(rooms.user(userId), NOTIFICATION_PUSH_EVENT, presentNotification(row));
  });
}

/** The email is built when it is sent, from current rows: a disabled user or deleted ticket sends nothing. */
export function registerNotificationJobs(p: Platform): void {
  p.jobs.define<NotificationMailJob>({
    name: NOTIFICATION_MAIL_JOB,
    options: { retryLimit: 8, retryDelay: 5, retryBackoff: true },
    async handle(data) {
      const [user] = await findActiveStaff(p.db, data.workspaceId, [data.userId]);
      const ticket = await findTicketSummary(p.db, data.workspaceId, data.ticketId);
      if (!user?.email || !ticket) return;
      const actorName = data.actorId ? await findUserName(p.db, data.workspaceId, data.actorId) : null;
      const dueAt = typeof data.data.dueAt === 'string' ? new Date(data.data.dueAt) : null;
      await p.mailer.send(
        notificationMail(user.locale === 'zh-CN' ? 'zh-CN' : 'en', data.kind, user.email, {
          name: user.name,
          actor: actorName,
          number: ticket.number,
          ticketSubject: ticket.subject,
          link: `${p.config.publicUrl}/inbox/tickets/${encodeURIComponent(ticket.id)}`,
          metric: typeof data.data.metric === 'string' ? data.data.metric : null,
          dueAt,
          timezone: user.timezone,
        }),
      );
    },
  });
}
