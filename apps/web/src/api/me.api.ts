import { apiFetch } from './apiFetch';
import type { Locale, Me, TwoFactorSetup } from './types';

export const meApi = {
  get: () => apiFetch<Me>('/me'),

  update: (body: { name?: string; locale?: Locale; timezone?: string }) => apiFetch<Me>('/me', { method: 'PATCH', body }),

  changePassword: (body: { currentPassword: string; newPassword: string }) => apiFetch<void>('/me/password', { method: 'POST', body }),

  setupTwoFactor: () => apiFetch<TwoFactorSetup>('/me/2fa/setup', { method: 'POST' }),

  enableTwoFactor: (body: { code: string }) => apiFetch<{ recoveryCodes: string[] }>('/me/2fa/enable', { method: 'POST', body }),

  disableTwoFactor: (body: { password: string }) => apiFetch<void>('/me/2fa/disable', { method: 'POST', body }),
};
