import { apiFetch } from './apiFetch';
import type { InvitationLookup, LoginResult, Session, SignedIn } from './types';

export const authApi = {
  session: (signal?: AbortSignal) => apiFetch<Session>('/auth/session', { signal }),

  login: (body: { email: string; password: string; workspace?: string }) => apiFetch<LoginResult>('/auth/login', { method: 'POST', body }),

  loginMfa: (body: { code: string } | { recoveryCode: string }) => apiFetch<SignedIn>('/auth/login/mfa', { method: 'POST', body }),

  logout: () => apiFetch<void>('/auth/logout', { method: 'POST' }),

  logoutAll: () => apiFetch<void>('/auth/logout-all', { method: 'POST' }),

  signup: (body: { name: string; email: string; password: string; locale?: string }) =>
    apiFetch<SignedIn>('/auth/signup', { method: 'POST', body }),

  forgotPassword: (body: { email: string; workspace?: string }) => apiFetch<void>('/auth/password/forgot', { method: 'POST', body }),

  resetPassword: (body: { token: string; password: string }) => apiFetch<void>('/auth/password/reset', { method: 'POST', body }),

  lookupInvitation: (token: string, signal?: AbortSignal) =>
    apiFetch<InvitationLookup>('/auth/invitations/lookup', { query: { token }, signal }),

  acceptInvitation: (body: { token: string; name: string; password: string }) =>
    apiFetch<SignedIn>('/auth/invitations/accept', { method: 'POST', body }),
};
