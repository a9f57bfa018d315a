/** Date expressions in English and Chinese, resolved to ISO dates against a reference day. */
const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZH_DIGITS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 0 };

export interface DateMatch {
  start: number;
  end: number;
  text: string;
  value: string | null;
}

function iso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function addDays(base: Date, days: number): Date {
  const d = new Date(base.getFullYear(), base.getMonth(), base.getDate());
  d.setDate(d.getDate() + days);
  return d;
}

/** "next monday" = the Monday of next week; "this/on monday" = the coming one (today included). */
function weekday(base: Date, target: number, which: 'next' | 'this' | 'last'): Date {
  const today = base.getDay();
  if (which === 'last') return addDays(base, -((today - target + 7) % 7 || 7));
  const ahead = (target - today + 7) % 7;
  if (which === 'this') return addDays(base, ahead);
  const mondayOffset = (today + 6) % 7; // days since this week's Monday
  return addDays(base, 7 - mondayOffset + ((target + 6) % 7));
}

function safeDate(y: number, m: number, d: number): string | null {
  const date = new Date(y, m - 1, d);
  return date.getMonth() === m - 1 && date.getDate() === d ? iso(date) : null;
}

const MONTH_RE =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

interface DateRule {
  re: RegExp;
  resolve: (m: RegExpMatchArray, now: Date) => string | null;
}

const RULES: DateRule[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b/g, resolve: (m, _) => safeDate(+m[1]!, +m[2]!, +m[3]!) },
  {
    re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g,
    resolve: (m, now) => safeDate(m[1] ? +m[1] : now.getFullYear(), +m[2]!, +m[3]!),
  },
  {
    re: new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'gi'),
    resolve: (m, now) => safeDate(m[3] ? +m[3] : now.getFullYear(), MONTHS_EN.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1, +m[2]!),
  },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\b(?:,?\\s+(\\d{4}))?`, 'gi'),
    resolve: (m, now) => safeDate(m[3] ? +m[3] : now.getFullYear(), MONTHS_EN.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1, +m[1]!),
  },
  {
    // numeric dates: day first when the first number cannot be a month, otherwise US month/day
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/g,
    resolve: (m) => {
      const a = +m[1]!;
      const b = +m[2]!;
      const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
      return a > 12 ? safeDate(y, b, a) : safeDate(y, a, b);
    },
  },
  { re: /\b(?:the\s+)?day\s+after\s+tomorrow\b/gi, resolve: (_, now) => iso(addDays(now, 2)) },
  {
    re: /\b(today|tonight|tomorrow|yesterday)\b/gi,
    resolve: (m, now) => iso(addDays(now, { today: 0, tonight: 0, tomorrow: 1, yesterday: -1 }[m[1]!.toLowerCase()] ?? 0)),
  },
  {
    re: /\b(next|this|last|on|coming)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi,
    resolve: (m, now) => {
      const which = m[1]!.toLowerCase();
      return iso(weekday(now, WEEKDAYS_EN.indexOf(m[2]!.toLowerCase()), which === 'next' ? 'next' : which === 'last' ? 'last' : 'this'));
    },
  },
  { re: /\bin\s+(\d{1,3})\s+days?\b/gi, resolve: (m, now) => iso(addDays(now, +m[1]!)) },
  { re: /\bnext\s+week\b/gi, resolve: (_, now) => iso(weekday(now, 1, 'next')) },
  {
    re: /(大后天|后天|明天|今天|昨天|前天)/g,
    resolve: (m, now) => iso(addDays(now, { 今天: 0, 明天: 1, 后天: 2, 大后天: 3, 昨天: -1, 前天: -2 }[m[1]!] ?? 0)),
  },
  {
    re: /(下|上|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])/g,
    resolve: (m, now) => {
      const target = ZH_DIGITS[m[2]!] ?? 0;
      const which = m[1] === '下' ? 'next' : m[1] === '上' ? 'last' : 'this';
      return iso(weekday(now, target, which));
    },
  },
];

export function findDates(text: string, now: Date): DateMatch[] {
  const out: DateMatch[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const start = m.index ?? 0;
      out.push({ start, end: start + m[0].length, text: m[0], value: rule.resolve(m, now) });
    }
  }
  return out;
}
