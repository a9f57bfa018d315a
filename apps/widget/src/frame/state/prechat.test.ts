import type { PreChatField } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { cleanPreChat, fieldLabel, validatePreChat } from './prechat.js';

const field = (over: Partial<PreChatField>): PreChatField => ({
  key: 'name',
  kind: 'name',
  label: { en: 'Name', 'zh-CN': '姓名' },
  required: false,
  pattern: null,
  ...over,
});

const fields: PreChatField[] = [
  field({ key: 'name', required: true }),
  field({ key: 'email', kind: 'email', label: { en: 'Email' }, required: true }),
  field({ key: 'phone', kind: 'phone', label: { en: 'Phone' } }),
  field({ key: 'order', kind: 'text', label: { en: 'Order number' }, pattern: '^SO-\\d{6}$' }),
];

describe('pre-chat validation', () => {
  it('reports every required field that is empty or only spaces', () => {
    expect(validatePreChat(fields, { name: '   ' })).toEqual({ name: 'prechat.required', email: 'prechat.required' });
  });

  it('accepts a complete form and leaves optional fields alone', () => {
    expect(validatePreChat(fields, { name: 'Li Lei', email: 'li@example.cn' })).toEqual({});
  });

  it('rejects a malformed email or phone', () => {
    expect(validatePreChat(fields, { name: 'Li', email: 'li@example', phone: 'call me' })).toEqual({
      email: 'prechat.email',
      phone: 'prechat.phone',
    });
  });

  it("applies the channel's regex to the trimmed value", () => {
    expect(validatePreChat(fields, { name: 'Li', email: 'li@example.cn', order: 'SO-12' })).toEqual({ order: 'prechat.invalid' });
    expect(validatePreChat(fields, { name: 'Li', email: 'li@example.cn', order: ' SO-123456 ' })).toEqual({});
  });

  it('ignores a pattern this browser cannot compile instead of blocking the visitor', () => {
    expect(validatePreChat([field({ key: 'x', pattern: '(' })], { x: 'anything' })).toEqual({});
  });

  it('sends trimmed, non-empty values only', () => {
    expect(cleanPreChat(fields, { name: ' Li ', email: 'li@example.cn', phone: '  ' })).toEqual({ name: 'Li', email: 'li@example.cn' });
  });

  it('labels in the visitor language, then English, then the key', () => {
    expect(fieldLabel(fields[0] as PreChatField, 'zh-CN')).toBe('姓名');
    expect(fieldLabel(fields[1] as PreChatField, 'zh-CN')).toBe('Email');
    expect(fieldLabel(field({ key: 'vip', label: {} }), 'en')).toBe('vip');
  });
});
