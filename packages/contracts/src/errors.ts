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
  'ticket.not_found',
  'ticket.invalid_transition',
  'ticket.version_mismatch',
  'ticket.new_activity',
  'ticket.merged',
  'ticket.closed',
  'ticket.required_fields_missing',
  'ticket.requester_invalid',
  'ticket.assignee_invalid',
  'message.not_found',
  'custom_field.invalid_value',
  'custom_field.not_found',
  'custom_field.key_taken',
  'custom_field.type_immutable',
  'taxonomy.not_found',
  'taxonomy.name_taken',
  'organization.not_found',
  'organization.name_taken',
  'organization.domain_taken',
  'attachment.not_found',
  'attachment.too_large',
  'attachment.type_not_allowed',
  'attachment.in_use',
  'idempotency.key_reused',
  'idempotency.in_progress',
  'view.not_found',
  'macro.not_found',
  'macro.invalid',
  'team.not_found',
  'team.name_taken',
  'team.in_use',
  'routing_rule.not_found',
  'sla_policy.not_found',
  'calendar.not_found',
  'calendar.invalid',
  'calendar.in_use',
  'merge.invalid',
  'link.invalid',
  'scheduled_message.not_found',
  'scheduled_message.not_pending',
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
