/**
 * Personal data masking for everything sent to a model provider. One `Masker` per request:
 * the same value gets the same placeholder in every text of that request ([EMAIL_1], [PHONE_2]
 * …), and `restore` puts the values back into the provider's answer where the caller decides
 * the reader may see them. Validators (Luhn, IBAN mod 97, ID checksums) keep ordinary numbers
 * (order numbers, amounts) readable for the model.
 */
export type PiiKind = 'EMAIL' | 'IBAN' | 'CARD' | 'NATIONAL_ID' | 'PHONE';

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  valid?: (match: string) => boolean;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

export function luhnValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length < 13 || d.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

export function ibanValid(value: string): boolean {
  const s = value.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) rem = (rem * 10 + Number(digit)) % 97;
  }
  return rem === 1;
}

/** China resident identity card (GB 11643 check digit). */
function cnIdValid(value: string): boolean {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checks = '10X98765432';
  const s = value.toUpperCase();
  const sum = weights.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return checks[sum % 11] === s[17];
}

/** Dates are not phone numbers; bare digit runs must be long enough not to be order numbers. */
function phoneLike(m: string): boolean {
  const n = digitsOf(m).length;
  if (n < 7 || n > 15) return false;
  if (/^\d{4}[./-]\d{1,2}[./-]\d{1,2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(m)) return false;
  if (/^(\+|00)/.test(m) || /[ \t.()-]/.test(m)) return true;
  return n >= 10;
}

/** Order matters: earlier kinds claim their text first (an IBAN's digits are not a phone number). */
const DETECTORS: Detector[] = [
  { kind: 'EMAIL', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  { kind: 'IBAN', pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/gi, valid: ibanValid },
  { kind: 'CARD', pattern: /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g, valid: luhnValid },
  // US SSN, UK National Insurance number, China resident ID (checksum).
  { kind: 'NATIONAL_ID', pattern: /(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)/g },
  { kind: 'NATIONAL_ID', pattern: /\b[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g },
  { kind: 'NATIONAL_ID', pattern: /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, valid: cnIdValid },
  // International or local numbers with 7–15 digits: +1 (415) 555-0100, 138 0013 8000, 0044 20 7946 0958.
  { kind: 'PHONE', pattern: /(?<![\w+])(?:\+|00)?\d(?:[ \t.()-]{0,2}\d){6,14}(?!\w)/g, valid: phoneLike },
];

const PLACEHOLDER = /\[(EMAIL|IBAN|CARD|NATIONAL_ID|PHONE)_(\d+)\]/g;

export class Masker {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counts: Partial<Record<PiiKind, number>> = {};

  /** Replaces personal data in `text` with placeholders (stable within this masker). */
  mask(text: string): string {
    let out = text;
    for (const d of DETECTORS) {
      out = out.replace(d.pattern, (match) => {
        if (d.valid && !d.valid(match)) return match;
        return this.placeholderFor(d.kind, match);
      });
    }
    return out;
  }

  /** Puts the masked values back; unknown placeholders stay as they are. */
  restore(text: string): string {
    return text.replace(PLACEHOLDER, (ph) => this.byPlaceholder.get(ph) ?? ph);
  }

  /** How many distinct values of each kind were masked (for the call log). */
  summary(): Record<string, number> {
    return { ...this.counts };
  }

  private placeholderFor(kind: PiiKind, value: string): string {
    const key = `${kind}:${value}`;
    const existing = this.byValue.get(key);
    if (existing) return existing;
    const n = (this.counts[kind] ?? 0) + 1;
    this.counts[kind] = n;
    const placeholder = `[${kind}_${n}]`;
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, value);
    return placeholder;
  }
}
