import type { PreChatField } from '@switchboard/contracts';
import type { Locale, MessageKey } from '../i18n/index.js';

/** Field key → i18n key of the problem with its value. */
export type PreChatErrors = Record<string, MessageKey>;

// Deliberately loose: the server has the final word; these only catch obvious typos early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{5,24}$/;

/** The label in the visitor's language, then English, then the field key. */
export function fieldLabel(field: PreChatField, locale: Locale): string {
  return field.label[locale] ?? field.label.en ?? Object.values(field.label)[0] ?? field.key;
}

function compile(pattern: string): RegExp | null {
  try {
    // As the contract has it: the source as written, so admins anchor with ^…$ when they mean it.
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
}

export function validateField(field: PreChatField, raw: string | undefined): MessageKey | null {
  const value = (raw ?? '').trim();
  if (!value) return field.required ? 'prechat.required' : null;
  if (field.kind === 'email' && !EMAIL.test(value)) return 'prechat.email';
  if (field.kind === 'phone' && !PHONE.test(value)) return 'prechat.phone';
  const re = field.pattern ? compile(field.pattern) : null;
  if (re && !re.test(value)) return 'prechat.invalid';
  return null;
}

/** Every field's problem at once, so the form can mark them all and focus the first. */
export function validatePreChat(fields: readonly PreChatField[], values: Record<string, string>): PreChatErrors {
  const errors: PreChatErrors = {};
  for (const field of fields) {
    const problem = validateField(field, values[field.key]);
    if (problem) errors[field.key] = problem;
  }
  return errors;
}

/** Trimmed, non-empty values only, as the server expects them. */
export function cleanPreChat(fields: readonly PreChatField[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = (values[field.key] ?? '').trim();
    if (value) out[field.key] = value;
  }
  return out;
}
