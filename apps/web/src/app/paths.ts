/** Route paths; e2e tests and links use these instead of string literals. */
export const paths = {
  home: '/',
  login: '/login',
  loginMfa: '/login/2fa',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  signup: '/signup',
  invite: '/invite',
  securitySettings: '/settings/security',
  account: '/account',
  inbox: '/inbox',
  portal: '/portal',
  portalNewTicket: '/portal/new',
  portalProfile: '/portal/profile',
  accountNotifications: '/account/notifications',
  admin: '/admin',
  kb: '/kb',
  kbNewArticle: '/kb/articles/new',
} as const;

/** A ticket list in the agent workspace: a built-in view key (`mine`, `unassigned`, `all`) or a saved view id. */
export function inboxViewPath(viewKey: string): string {
  return `${paths.inbox}/view/${encodeURIComponent(viewKey)}`;
}

/** A screen of the admin console (`users`, `teams`, `sla`, ...). */
export function adminPath(section: string): string {
  return `${paths.admin}/${encodeURIComponent(section)}`;
}

/** A knowledge-base article in the staff editor. */
export function kbArticlePath(articleId: string): string {
  return `${paths.kb}/articles/${encodeURIComponent(articleId)}`;
}

/** The staff knowledge base's other screens (`categories`, `moderation`, `analytics`). */
export function kbPath(section: 'categories' | 'moderation' | 'analytics'): string {
  return `${paths.kb}/${section}`;
}

/** A ticket in the agent workspace. */
export function ticketPath(ticketId: string): string {
  return `${paths.inbox}/tickets/${encodeURIComponent(ticketId)}`;
}

/** A ticket in the customer portal. */
export function portalTicketPath(ticketId: string): string {
  return `${paths.portal}/tickets/${encodeURIComponent(ticketId)}`;
}

/** Login URL that returns to `next` afterwards (omitted when it is the home page). */
export function loginPath(next?: string): string {
  const target = next ? safeNext(next) : paths.home;
  return target === paths.home ? paths.login : `${paths.login}?next=${encodeURIComponent(target)}`;
}

/** Only same-origin paths are followed after sign-in; anything else goes home. */
export function safeNext(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return paths.home;
  }
  if (value === paths.login || value.startsWith(`${paths.login}/`) || value.startsWith(`${paths.login}?`)) {
    return paths.home;
  }
  return value;
}
