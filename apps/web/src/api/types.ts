// Wire types for /api/v1. They mirror the server contract; move them to
// @switchboard/contracts (type-only imports) once that package exports them.

export type Locale = 'en' | 'zh-CN';

export interface Me {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: string;
  permissions: string[];
  locale: Locale;
  timezone: string;
  twoFactorEnabled: boolean;
}

export interface SessionWorkspace {
  id: string;
  name: string;
  slug: string;
  defaultLocale: string;
  logoUrl: string | null;
}

export interface Session {
  user: Me | null;
  csrfToken: string | null;
  mfaPending: boolean;
  workspace: SessionWorkspace | null;
  signupEnabled: boolean;
}

export interface SignedIn {
  status: 'ok';
  user: Me;
  csrfToken: string;
}

export type LoginResult = SignedIn | { status: 'mfa_required' };

export interface ProblemFieldError {
  path: string;
  message: string;
  code: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: ProblemFieldError[];
  retryAfterSeconds?: number;
  [extra: string]: unknown;
}

export interface InvitationLookup {
  email: string;
  role: string;
  workspaceName: string;
}

export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
}
