/** Client-side checks mirror the server's rules so users see problems before submitting. */
export const PASSWORD_MIN_LENGTH = 10;

export const MFA_CODE_PATTERN = /^\d{6}$/;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type FieldErrorKey =
  | 'fieldErrors.required'
  | 'fieldErrors.invalid_email'
  | 'fieldErrors.password_too_short'
  | 'fieldErrors.passwords_mismatch'
  | 'fieldErrors.code_format';

export function checkRequired(value: string): FieldErrorKey | undefined {
  return value.trim() ? undefined : 'fieldErrors.required';
}

export function checkEmail(value: string): FieldErrorKey | undefined {
  return checkRequired(value) ?? (EMAIL_PATTERN.test(value.trim()) ? undefined : 'fieldErrors.invalid_email');
}

export function checkNewPassword(value: string): FieldErrorKey | undefined {
  if (!value) return 'fieldErrors.required';
  return value.length >= PASSWORD_MIN_LENGTH ? undefined : 'fieldErrors.password_too_short';
}

export function checkConfirmation(value: string, password: string): FieldErrorKey | undefined {
  if (!value) return 'fieldErrors.required';
  return value === password ? undefined : 'fieldErrors.passwords_mismatch';
}

export function checkMfaCode(value: string): FieldErrorKey | undefined {
  return MFA_CODE_PATTERN.test(value.trim()) ? undefined : 'fieldErrors.code_format';
}

/** Drops undefined entries so `Object.keys(errors).length === 0` means valid. */
export function collectErrors<K extends string>(checks: Partial<Record<K, FieldErrorKey | undefined>>): Partial<Record<K, FieldErrorKey>> {
  const out: Partial<Record<K, FieldErrorKey>> = {};
  for (const [name, error] of Object.entries(checks) as [K, FieldErrorKey | undefined][]) {
    if (error) out[name] = error;
  }
  return out;
}
