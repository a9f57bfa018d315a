import { z } from 'zod';

/**
 * What a staff member is told about. Each kind has its own in-app and email switch; the
 * defaults are in-app on for every kind, email only for mentions and assignments.
 */
export const NOTIFICATION_KINDS = ['mention', 'assignment', 'customer_reply', 'sla_warning', 'sla_breach'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);

export const NotificationSchema = z
  .object({
    id: z.uuid(),
    kind: NotificationKindSchema,
    ticketId: z.uuid().nullable(),
    /** Ticket number and subject as they were when the notification was made. */
    ticketNumber: z.number().int().nullable(),
    ticketSubject: z.string().nullable(),
    actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    /** Kind-specific details: `metric` and `dueAt` for SLA kinds, `messageId` for mentions and replies. */
    data: z.record(z.string(), z.unknown()),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof NotificationSchema>;

export const ListNotificationsQuerySchema = z.object({
  /** `true`: only unread ones. */
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const NotificationPageSchema = z.object({ items: z.array(NotificationSchema), nextCursor: z.string().nullable() });
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const UnreadCountSchema = z.object({ count: z.number().int() });

export const ChannelPreferenceSchema = z.object({ inApp: z.boolean(), email: z.boolean() });
export type ChannelPreference = z.infer<typeof ChannelPreferenceSchema>;

/** One entry per kind, always complete in answers. */
export const NotificationPreferencesSchema = z
  .object({ kinds: z.record(NotificationKindSchema, ChannelPreferenceSchema) })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

/** Kinds left out keep their current setting. */
export const UpdateNotificationPreferencesBodySchema = z.object({
  kinds: z.partialRecord(NotificationKindSchema, ChannelPreferenceSchema),
});
export type UpdateNotificationPreferencesBody = z.infer<typeof UpdateNotificationPreferencesBodySchema>;

export const DEFAULT_NOTIFICATION_PREFERENCES: Record<NotificationKind, ChannelPreference> = {
  mention: { inApp: true, email: true },
  assignment: { inApp: true, email: true },
  customer_reply: { inApp: true, email: false },
  sla_warning: { inApp: true, email: false },
  sla_breach: { inApp: true, email: false },
};

/** The realtime event pushed to `user:<id>` when a notification is made. */
export const NOTIFICATION_PUSH_EVENT = 'notification.created';
