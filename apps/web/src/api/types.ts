// Wire types for /api/v1, taken from the shared zod contracts. Type-only imports: zod and the
// schemas never reach the browser bundle.
import type { InvitationLookupSchema, LoginResultSchema, SessionInfoSchema, SignedInSchema, TotpSetupSchema } from '@switchboard/contracts';

export type { ErrorCode, Locale, Me, Problem } from '@switchboard/contracts';

/** The parsed type of a zod 4 schema, without importing zod itself. */
type Output<Schema extends { _zod: { output: unknown } }> = Schema['_zod']['output'];

export type Session = Output<typeof SessionInfoSchema>;
export type LoginResult = Output<typeof LoginResultSchema>;
export type SignedIn = Output<typeof SignedInSchema>;
export type InvitationLookup = Output<typeof InvitationLookupSchema>;
export type TwoFactorSetup = Output<typeof TotpSetupSchema>;
