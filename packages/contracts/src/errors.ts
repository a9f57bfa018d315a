import { z } from 'zod';

/**
 * Stable error codes. Clients branch on `code`, never on message text.
 * Add codes here; never rename one that has shipped.
 */
export const ERROR_CODES = [
  'validation.failed',
  'route.not_found',
  'resource.not_found',
  'resource.conflict',
  'resource.version_conflict',
  'request.too_large',
  'request.unsupported_media_type',
  'rate_limited',
  'internal',
  'service.unavailable',
  'auth.unauthenticated',
  'auth.forbidden',
  'auth.csrf_invalid',
  'auth.invalid_credentials',
  'auth.account_locked',
  'auth.account_disabled',
  'auth.workspace_required',
  'auth.mfa_required',
  'auth.invalid_mfa_code',
  'auth.mfa_challenge_expired',
  'auth.mfa_not_enabled',
  'auth.mfa_already_enabled',
  'auth.mfa_setup_required',
  'auth.reset_token_invalid',
  'auth.signup_disabled',
  'auth.token_scope_exceeded',
  'user.not_found',
  'user.email_taken',
  'user.last_admin',
  'role.not_found',
  'role.key_taken',
  'role.system_immutable',
  'role.in_use',
  'role.permission_unknown',
  'invitation.invalid',
  'invitation.not_found',
  'token.not_found',
  'workspace.not_found',
  'workspace.slug_taken',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string(),
});

/** RFC 9457 problem details, plus our stable `code`. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
    retryAfterSeconds: z.number().int().optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemSchema>;
export type FieldError = z.infer<typeof FieldErrorSchema>;
