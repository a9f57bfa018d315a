import { z } from 'zod';
import { EmailSchema, LocaleSchema, PermissionSchema, TimezoneSchema } from './auth.js';

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string().nullable(),
    name: z.string(),
    role: z.string(),
    locale: LocaleSchema,
    timezone: z.string(),
    disabled: z.boolean(),
    twoFactorEnabled: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const UpdateUserBodySchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  role: z.string().min(1).max(40).optional(),
  locale: LocaleSchema.optional(),
  timezone: TimezoneSchema.optional(),
  disabled: z.boolean().optional(),
});

export const ListUsersQuerySchema = z.object({
  role: z.string().max(40).optional(),
  q: z.string().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const PageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const RoleSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    system: z.boolean(),
    permissions: z.array(z.string()),
    userCount: z.number().int(),
  })
  .meta({ id: 'Role' });

export const CreateRoleBodySchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{1,39}$/, { message: 'Use 2-40 lowercase letters, digits, - or _' }),
  name: z.string().trim().min(1).max(80),
  permissions: z.array(PermissionSchema).min(1),
});
export const UpdateRoleBodySchema = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  permissions: z.array(PermissionSchema).min(1).optional(),
});

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string(),
    invitedBy: z.uuid().nullable(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Invitation' });

export const CreateInvitationBodySchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1).max(120).optional(),
  role: z.string().min(1).max(40),
});

export const WorkspaceSettingsSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    defaultLocale: LocaleSchema,
    timezone: z.string(),
    logoUrl: z.string().nullable(),
    signupEnabled: z.boolean(),
    /** Solved tickets close after this many days. */
    autoCloseDays: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'WorkspaceSettings' });

export const UpdateWorkspaceBodySchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  defaultLocale: LocaleSchema.optional(),
  timezone: TimezoneSchema.optional(),
  logoUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  signupEnabled: z.boolean().optional(),
  autoCloseDays: z.number().int().min(1).max(365).optional(),
});

export const AuditEntrySchema = z
  .object({
    id: z.uuid(),
    action: z.string(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    ip: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const ListAuditQuerySchema = z.object({
  action: z.string().max(80).optional(),
  actorId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
