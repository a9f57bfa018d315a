import { and, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { chatSessions, chatVisitors } from '../chat/index.js';
import { users } from '../identity/index.js';
import { tickets } from '../tickets/index.js';
import type { BotMemory } from './assistant.schema.js';
import type { Decision } from './decide.js';
import { type BotLocale, templates } from './templates.js';

/** What the assistant may say about the person it talks to: only what a verified identity allows. */
export interface CustomerContext {
  /** The host site vouched for this visitor (signed identify); anonymous and pre-chat-form visitors are not. */
  identified: boolean;
  name: string | null;
  openTickets: Array<{ id: string; number: number; subject: string; status: string }>;
}

const OPEN = ['new', 'open', 'pending', 'on_hold'];
const MAX_LISTED = 5;

/**
 * The customer behind a chat session. A pre-chat email proves nothing (anyone can type one), so
 * the name and tickets are given only to a visitor whose identity the host site signed.
 */
export async function loadCustomerContext(db: DbOrTx, workspaceId: string, sessionId: string): Promise<CustomerContext> {
  const [row] = await db
    .select({ userId: chatSessions.visitorUserId, ticketId: chatSessions.ticketId, name: users.name })
    .from(chatSessions)
    .innerJoin(users, eq(users.id, chatSessions.visitorUserId))
    .where(and(eq(chatSessions.workspaceId, workspaceId), eq(chatSessions.id, sessionId)))
    .limit(1);
  if (!row) return { identified: false, name: null, openTickets: [] };
  const [verified] = await db
    .select({ id: chatVisitors.id })
    .from(chatVisitors)
    .where(and(eq(chatVisitors.workspaceId, workspaceId), eq(chatVisitors.userId, row.userId), isNotNull(chatVisitors.externalUserId)))
    .limit(1);
  if (!verified) return { identified: false, name: null, openTickets: [] };
  const open = await db
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, status: tickets.status })
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, workspaceId),
        eq(tickets.requesterId, row.userId),
        inArray(tickets.status, OPEN),
        // The chat itself is a ticket: it is not news to the visitor.
        ne(tickets.id, row.ticketId),
      ),
    )
    .orderBy(desc(tickets.updatedAt))
    .limit(MAX_LISTED);
  return { identified: true, name: row.name?.trim() || null, openTickets: open };
}

const OWN_TICKETS = [
  /\b(my|our)\s+(open\s+)?(tickets?|requests?|cases?|support requests?)\b/i,
  /\b(status|update|progress)\s+(of|on)\s+(my|our)\s+(ticket|request|case)\b/i,
  /\bticket\s+status\b/i,
  /我的(工单|请求|问题单|申请)/,
  /工单(状态|进度|进展)/,
];

/** "What's the status of my ticket?", "我的工单" — a question only the customer's own data answers. */
export function asksForOwnTickets(text: string): boolean {
  return OWN_TICKETS.some((re) => re.test(text));
}

const STATUS: Record<BotLocale, Record<string, string>> = {
  en: { new: 'received', open: 'being worked on', pending: 'waiting for your reply', on_hold: 'on hold' },
  'zh-CN': { new: '已收到', open: '处理中', pending: '等待您的回复', on_hold: '暂挂' },
};

/** The reply to "my tickets": the open ones with number, subject and status, or what to do when not signed in. */
export function renderOwnTickets(ctx: CustomerContext, locale: BotLocale, portalUrl: string): string {
  const zh = locale === 'zh-CN';
  if (!ctx.identified) {
    return zh
      ? `为保护您的隐私，我只能在您登录后查看您的工单。您可以登录客户门户查看：${portalUrl}`
      : `To keep your details private I can only look up your requests once you are signed in. You can see them in the customer portal: ${portalUrl}`;
  }
  const hello = ctx.name ? (zh ? `${ctx.name}，您好！` : `Hi ${ctx.name}! `) : '';
  if (!ctx.openTickets.length) {
    return zh
      ? `${hello}您目前没有未解决的工单。有什么可以帮您的吗？`
      : `${hello}You have no open requests right now. What can I help you with?`;
  }
  const lines = ctx.openTickets.map((t) => `#${t.number} ${t.subject} — ${STATUS[locale][t.status] ?? t.status}`);
  const head = zh ? `${hello}您有 ${ctx.openTickets.length} 个未解决的工单：` : `${hello}Your open requests:`;
  const tail = zh ? `详情请见客户门户：${portalUrl}` : `Details are in the customer portal: ${portalUrl}`;
  return [head, ...lines, tail].join('\n');
}

/** The greeting, with the verified name when there is one. */
export function greeting(ctx: CustomerContext, locale: BotLocale): { text: string; quickReplies: string[] } {
  const plain = templates(locale).greet;
  if (!ctx.identified || !ctx.name) return { text: plain, quickReplies: [] };
  return { text: locale === 'zh-CN' ? `${ctx.name}，${plain}` : plain.replace(/^Hi!/, `Hi ${ctx.name}!`), quickReplies: [] };
}

/**
 * The seat's turn for "my tickets": the answer and the decision to log. Null when the message is
 * not such a question (the normal turn goes on).
 */
export async function ownTicketsTurn(
  db: DbOrTx,
  workspaceId: string,
  sessionId: string,
  text: string,
  locale: BotLocale,
  portalUrl: string,
  memory: BotMemory,
): Promise<{ decision: Decision; text: string; preTexts: string[] } | null> {
  if (!asksForOwnTickets(text)) return null;
  const ctx = await loadCustomerContext(db, workspaceId, sessionId);
  const reason = ctx.identified
    ? `customer asked for their open tickets (${ctx.openTickets.length} listed)`
    : 'customer asked for their tickets but is not signed in (portal link given)';
  return {
    decision: { action: 'answer', reason, candidates: [], chosen: null, options: [], memory: { ...memory, failedTurns: 0 } },
    text: renderOwnTickets(ctx, locale, portalUrl),
    preTexts: [],
  };
}
