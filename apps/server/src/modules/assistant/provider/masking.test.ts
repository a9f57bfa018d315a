import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid, Masker } from './masking.js';

describe('Masker', () => {
  it('masks emails, phones, cards, IBANs and national IDs with numbered placeholders', () => {
    const m = new Masker();
    const text =
      'I am jane.doe@example.com, call +1 (415) 555-0100 or 138 0013 8000. Card 4111 1111 1111 1111, ' +
      'IBAN DE89 3704 0044 0532 0130 00, SSN 123-45-6789, NI AB 12 34 56 C, 身份证 11010519491231002X.';
    const masked = m.mask(text);
    for (const secret of [
      'jane.doe@example.com',
      '555-0100',
      '138 0013 8000',
      '4111 1111 1111 1111',
      'DE89 3704',
      '123-45-6789',
      'AB 12 34 56 C',
      '11010519491231002X',
    ]) {
      expect(masked).not.toContain(secret);
    }
    expect(masked).toContain('[EMAIL_1]');
    expect(masked).toContain('[CARD_1]');
    expect(masked).toContain('[IBAN_1]');
    expect(masked).toMatch(/\[PHONE_1\].*\[PHONE_2\]/);
    expect(masked).toMatch(/\[NATIONAL_ID_1\].*\[NATIONAL_ID_2\].*\[NATIONAL_ID_3\]/);
    expect(m.summary()).toEqual({ EMAIL: 1, PHONE: 2, CARD: 1, IBAN: 1, NATIONAL_ID: 3 });
    expect(m.restore(masked)).toBe(text);
  });

  it('gives the same value the same placeholder across texts of one request', () => {
    const m = new Masker();
    expect(m.mask('from a@b.co')).toBe('from [EMAIL_1]');
    expect(m.mask('reply to a@b.co and c@d.org')).toBe('reply to [EMAIL_1] and [EMAIL_2]');
    expect(m.restore('Write to [EMAIL_2], not [EMAIL_9].')).toBe('Write to c@d.org, not [EMAIL_9].');
  });

  it('leaves order numbers, amounts, dates and non-Luhn digit runs alone', () => {
    const m = new Masker();
    const text = 'Order 12345678 of 2026-11-21 cost $1,234.56; tracking 4111111111111112 arrives in 5 to 7 days.';
    expect(m.mask(text)).toBe(text);
    expect(m.summary()).toEqual({});
  });
});

describe('validators', () => {
  it('checks Luhn and IBAN checksums', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
  });
});
