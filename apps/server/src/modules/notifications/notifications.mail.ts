import type { Locale, NotificationKind } from '@switchboard/contracts';
import type { MailMessage } from '../../platform/mail/mailer.js';

interface MailText {
  subject: string;
  body: string;
}

const FOOTER = {
  en: '\n\nOpen the ticket:\n{{link}}\n\nYou can change which notifications you get by email in your account settings.\n',
  'zh-CN': '\n\n打开工单：\n{{link}}\n\n您可以在账户设置中选择通过邮件接收哪些通知。\n',
} satisfies Record<Locale, string>;

const TEXT = {
  en: {
    mention: {
      subject: '{{actor}} mentioned you on #{{number}}: {{ticketSubject}}',
      body: 'Hello {{name}},\n\n{{actor}} mentioned you in an internal note on ticket #{{number}} "{{ticketSubject}}".',
    },
    assignment: {
      subject: 'Ticket #{{number}} was assigned to you: {{ticketSubject}}',
      body: 'Hello {{name}},\n\n{{actor}} assigned ticket #{{number}} "{{ticketSubject}}" to you.',
    },
    customer_reply: {
      subject: 'New customer reply on #{{number}}: {{ticketSubject}}',
      body: 'Hello {{name}},\n\n{{actor}} replied on ticket #{{number}} "{{ticketSubject}}", which is assigned to you.',
    },
    sla_warning: {
      subject: 'SLA at risk on #{{number}}: {{ticketSubject}}',
      body: 'Hello {{name}},\n\nThe {{metric}} target of ticket #{{number}} "{{ticketSubject}}" is due soon ({{dueAt}}).',
    },
    sla_breach: {
      subject: 'SLA breached on #{{number}}: {{ticketSubject}}',
      body: 'Hello {{name}},\n\nThe {{metric}} target of ticket #{{number}} "{{ticketSubject}}" was missed (due {{dueAt}}).',
    },
  },
  'zh-CN': {
    mention: {
      subject: '{{actor}} 在工单 #{{number}} 中提到了您：{{ticketSubject}}',
      body: '{{name}}，您好：\n\n{{actor}} 在工单 #{{number}}“{{ticketSubject}}”的内部备注中提到了您。',
    },
    assignment: {
      subject: '工单 #{{number}} 已分配给您：{{ticketSubject}}',
      body: '{{name}}，您好：\n\n{{actor}} 将工单 #{{number}}“{{ticketSubject}}”分配给了您。',
    },
    customer_reply: {
      subject: '工单 #{{number}} 有新的客户回复：{{ticketSubject}}',
      body: '{{name}}，您好：\n\n{{actor}} 回复了分配给您的工单 #{{number}}“{{ticketSubject}}”。',
    },
    sla_warning: {
      subject: '工单 #{{number}} 的 SLA 即将到期：{{ticketSubject}}',
      body: '{{name}}，您好：\n\n工单 #{{number}}“{{ticketSubject}}”的{{metric}}目标即将到期（{{dueAt}}）。',
    },
    sla_breach: {
      subject: '工单 #{{number}} 的 SLA 已超时：{{ticketSubject}}',
      body: '{{name}}，您好：\n\n工单 #{{number}}“{{ticketSubject}}”的{{metric}}目标已超时（截止 {{dueAt}}）。',
    },
  },
} satisfies Record<Locale, Record<NotificationKind, MailText>>;

const METRICS = {
  en: { first_response: 'first response', next_response: 'next response', resolution: 'resolution' },
  'zh-CN': { first_response: '首次响应', next_response: '下次响应', resolution: '解决' },
} satisfies Record<Locale, Record<string, string>>;

/** Who did it, when nobody did: automation or the SLA clock. */
const SOMEONE = { en: 'Someone', 'zh-CN': '有人' } satisfies Record<Locale, string>;

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
}

export interface NotificationMailVars {
  name: string;
  actor: string | null;
  number: number;
  ticketSubject: string;
  link: string;
  metric?: string | null | undefined;
  /** A moment, rendered in the recipient's time zone. */
  dueAt?: Date | null | undefined;
  timezone: string;
}

function formatDue(locale: Locale, due: Date | null | undefined, timezone: string): string {
  if (!due) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone }).format(due);
  } catch {
    return due.toISOString();
  }
}

/** A notification email in the recipient's language, with a link to the ticket. Plain text. */
export function notificationMail(locale: Locale, kind: NotificationKind, to: string, v: NotificationMailVars): MailMessage {
  const t = TEXT[locale][kind];
  const metrics: Record<string, string> = METRICS[locale];
  const vars: Record<string, string> = {
    name: v.name,
    actor: v.actor ?? SOMEONE[locale],
    number: String(v.number),
    // one line: a subject with a newline would break the mail header
    ticketSubject: v.ticketSubject.replace(/\s+/g, ' ').trim(),
    link: v.link,
    metric: v.metric ? (metrics[v.metric] ?? v.metric) : '',
    dueAt: formatDue(locale, v.dueAt, v.timezone),
  };
  return { to, subject: fill(t.subject, vars), text: fill(t.body + FOOTER[locale], vars) };
}
