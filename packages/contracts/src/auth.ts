import { z } from 'zod';
import { LOCALES } from './locales.js';
import { PERMISSIONS } from './permissions.js';

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }));

/** NIST 800-63B: length over composition rules. */
export const PasswordSchema = z
  .string()
  .min(10, { message: 'Use at least 10 characters' })
  .max(256, { message: 'Use at most 256 characters' });

export const LocaleSchema = z.enum(LOCALES);
export const PermissionSchema = z.enum(PERMISSIONS);

export const TimezoneSchema = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Unknown time zone' },
  );

export const MeSchema = z
  .object({
    id: z.uuid(),
    workspaceId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    permissions: z.array(z.string()),
    locale: LocaleSchema,
    timezone: z.string(),
    twoFactorEnabled: z.boolean(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const WorkspaceSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    defaultLocale: LocaleSchema,
    logoUrl: z.string().nullable(),
  })
  .meta({ id: 'WorkspaceSummary' });

export const SessionInfoSchema = z
  .object({
    user: MeSchema.nullable(),
    csrfToken: z.string().nullable(),
    mfaPending: z.boolean(),
    workspace: WorkspaceSummarySchema.nullable(),
    signupEnabled: z.boolean(),
  })
  .meta({ id: 'SessionInfo' });

export const LoginBodySchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(256),
  workspace: z.string().trim().min(1).max(64).optional(),
});

export const LoginResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), user: MeSchema, csrfToken: z.string() }),
  z.object({ status: z.literal('mfa_required') }),
]);

export const MfaLoginBodySchema = z.union([
  z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { message: 'Enter the 6-digit code' }),
  }),
  z.object({ recoveryCode: z.string().trim().min(8).max(32) }),
]);

export const SignedInSchema = z.object({
  status: z.literal('ok'),
  user: MeSchema,
  csrfToken: z.string(),
});

export const SignupBodySchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: EmailSchema,
  password: PasswordSchema,
  locale: LocaleSchema.optional(),
  workspace: z.string().trim().min(1).max(64).optional(),
});

export const ForgotPasswordBodySchema = z.object({
  email: EmailSchema,
  workspace: z.string().trim().min(1).max(64).optional(),
});

export const ResetPasswordBodySchema = z.object({
  token: z.string().min(10).max(200),
  password: PasswordSchema,
});

export const ChangePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: PasswordSchema,
});

export const UpdateMeBodySchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  locale: LocaleSchema.optional(),
  timezone: TimezoneSchema.optional(),
});

export const TotpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpEnableBodySchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'Enter the 6-digit code' }),
});
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const TotpDisableBodySchema = z.object({ password: z.string().min(1).max(256) });

export const InvitationLookupSchema = z.object({
  email: z.string(),
  role: z.string(),
  workspaceName: z.string(),
});
export const AcceptInvitationBodySchema = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1).max(120),
  password: PasswordSchema,
});

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const CreateApiTokenBodySchema = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(PermissionSchema).min(1),
  expiresAt: z.iso.datetime().optional(),
});

export const SessionSummarySchema = z
  .object({
    id: z.uuid(),
    current: z.boolean(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'SessionSummary' });
