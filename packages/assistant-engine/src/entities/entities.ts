import { findDates } from './dates.js';

export type EntityType = 'email' | 'url' | 'money' | 'date' | 'order_number' | 'phone';

export interface Entity {
  type: EntityType;
  /** matched text, exactly `input.slice(start, end)` (UTF-16 offsets) */
  text: string;
  start: number;
  end: number;
  /** normalized value: lowercased email, E.164-ish phone, ISO date, `{amount, currency}`, bare order id */
  value: unknown;
}

export interface ExtractOptions {
  /** reference time for relative dates ("tomorrow", "下周一"); defaults to now */
  now?: Date;
}

interface Candidate extends Entity {
  priority: number;
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  r$: 'BRL',
  hk$: 'HKD',
  '￥': 'CNY',
};
const CURRENCY_WORDS: Record<string, string> = {
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  美元: 'USD',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  欧元: 'EUR',
  gbp: 'GBP',
  pounds: 'GBP',
  cny: 'CNY',
  rmb: 'CNY',
  元: 'CNY',
  块: 'CNY',
  块钱: 'CNY',
  人民币: 'CNY',
  jpy: 'JPY',
  日元: 'JPY',
  yen: 'JPY',
  inr: 'INR',
  brl: 'BRL',
  hkd: 'HKD',
  chf: 'CHF',
  cad: 'CAD',
  aud: 'AUD',
};
const AMOUNT = String.raw`\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d{1,2})?`;
const CODE = 'usd|eur|gbp|cny|rmb|jpy|inr|brl|hkd|chf|cad|aud';

function parseAmount(raw: string): number {
  const s = raw.replace(/\s/g, '');
  // "12,50" is a decimal comma; "1,200" is a thousands separator
  if (/^\d+,\d{1,2}$/.test(s)) return Number(s.replace(',', '.'));
  return Number(s.replace(/,/g, ''));
}

function* moneyMatches(text: string): Generator<Candidate> {
  const hasHan = /\p{Script=Han}/u.test(text);
  const prefix = new RegExp(`(us\\$|hk\\$|r\\$|\\$|€|£|₹|¥|￥|\\b(?:${CODE})\\b)\\s?(${AMOUNT})`, 'giu');
  for (const m of text.matchAll(prefix)) {
    const sym = m[1]!.toLowerCase();
    const currency = sym === '¥' ? (hasHan ? 'CNY' : 'JPY') : (CURRENCY_SYMBOLS[sym] ?? CURRENCY_WORDS[sym] ?? sym.toUpperCase());
    yield money(m, currency, m[2]!);
  }
  const suffix = new RegExp(`(${AMOUNT})\\s?(${CODE}|dollars?|euros?|pounds|yen|美元|欧元|日元|人民币|块钱|元|块)(?![a-z])`, 'giu');
  for (const m of text.matchAll(suffix)) yield money(m, CURRENCY_WORDS[m[2]!.toLowerCase()] ?? m[2]!.toUpperCase(), m[1]!);
}

function money(m: RegExpMatchArray, currency: string, amount: string): Candidate {
  const start = m.index ?? 0;
  return { type: 'money', text: m[0], start, end: start + m[0].length, value: { amount: parseAmount(amount), currency }, priority: 3 };
}

const ORDER_PATTERNS: RegExp[] = [
  /(?:订单|单号|工单|运单|快递单)号?\s*(?:是|为|[:：#])?\s*([A-Za-z0-9][A-Za-z0-9-]{3,})/gu,
  /\b(?:order|ticket|case|reference|ref|tracking|invoice|confirmation)\s*(?:number|no\.?|num|id|#)?\s*(?:is\s+)?[:#]?\s*([A-Za-z]*\d[A-Za-z0-9-]{2,})/giu,
  /#\s?([A-Za-z]*\d{3,}[A-Za-z0-9-]*)/gu,
  /\b([A-Z]{2,5}-\d{3,}(?:-\d+)?)\b/gu,
];

function* orderMatches(text: string): Generator<Candidate> {
  for (const re of ORDER_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const id = m[1]!;
      const end = (m.index ?? 0) + m[0].length;
      const start = m[0].startsWith('#') || /^[A-Z]{2,5}-/.test(m[0]) ? (m.index ?? 0) : end - id.length;
      yield { type: 'order_number', text: text.slice(start, end), start, end, value: id.toUpperCase(), priority: 4 };
    }
  }
}

const PHONE_PATTERNS: RegExp[] = [
  /\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}/g,
  /(?<![\d-])1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g,
  /(?<![\d-])\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)/g,
  /(?<![\d-])0\d{2,3}-\d{7,8}(?!\d)/g,
];

function* phoneMatches(text: string): Generator<Candidate> {
  for (const re of PHONE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length < 7 || digits.length > 15) continue;
      const start = m.index ?? 0;
      const value = m[0].startsWith('+') ? `+${digits}` : /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : digits;
      yield { type: 'phone', text: m[0], start, end: start + m[0].length, value, priority: 5 };
    }
  }
}

function* simpleMatches(text: string): Generator<Candidate> {
  for (const m of text.matchAll(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu)) {
    const start = m.index ?? 0;
    yield { type: 'email', text: m[0], start, end: start + m[0].length, value: m[0].toLowerCase(), priority: 0 };
  }
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s<>"'，。]+[^\s<>"'，。.,!?)]/gu)) {
    const start = m.index ?? 0;
    yield { type: 'url', text: m[0], start, end: start + m[0].length, value: m[0], priority: 1 };
  }
}

/** Extract entities with offsets; overlapping matches keep the higher-priority, then longer one. */
export function extractEntities(text: string, options: ExtractOptions = {}): Entity[] {
  const now = options.now ?? new Date();
  const candidates: Candidate[] = [
    ...simpleMatches(text),
    ...findDates(text, now).map((d) => ({ type: 'date' as const, ...d, priority: 2 })),
    ...moneyMatches(text),
    ...orderMatches(text),
    ...phoneMatches(text),
  ];
  candidates.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start).map(({ priority: _, ...e }) => e);
}
