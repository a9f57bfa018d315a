import type { Locale } from '@switchboard/contracts';
import type { MailMessage } from '../../platform/mail/mailer.js';

const TEXT = {
  en: {
    resetSubject: 'Reset your {{workspace}} password',
    resetBody:
      'Hello {{name}},\n\nSomeone (hopefully you) asked to reset the password of your {{workspace}} account.\nOpen this link within an hour to choose a new one:\n\n{{link}}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n',
    inviteSubject: 'You are invited to {{workspace}} on Switchboard',
    inviteBody:
      'Hello{{name}},\n\n{{inviter}} invited you to join {{workspace}} as {{role}}.\nAccept the invitation within 7 days:\n\n{{link}}\n',
  },
  'zh-CN': {
    resetSubject: '重置您的 {{workspace}} 密码',
    resetBody:
      '{{name}}，您好：\n\n有人（希望是您本人）请求重置您在 {{workspace}} 的账户密码。\n请在一小时内打开以下链接设置新密码：\n\n{{link}}\n\n如果这不是您的操作，请忽略此邮件，您的密码不会改变。\n',
    inviteSubject: '邀请您加入 Switchboard 上的 {{workspace}}',
    inviteBody: '{{name}}您好：\n\n{{inviter}} 邀请您以 {{role}} 身份加入 {{workspace}}。\n请在 7 天内接受邀请：\n\n{{link}}\n',
  },
} satisfies Record<Locale, Record<string, string>>;

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
}

export function passwordResetMail(locale: Locale, to: string, vars: { name: string; workspace: string; link: string }): MailMessage {
  const t = TEXT[locale];
  return { to, subject: fill(t.resetSubject, vars), text: fill(t.resetBody, vars) };
}

export function invitationMail(
  locale: Locale,
  to: string,
  vars: { name: string; inviter: string; workspace: string; role: string; link: string },
): MailMessage {
  const t = TEXT[locale];
  const name = vars.name ? (locale === 'en' ? ` ${vars.name}` : vars.name) : '';
  return { to, subject: fill(t.inviteSubject, vars), text: fill(t.inviteBody, { ...vars, name }) };
}
