import type { Ctx } from '../../platform/context.js';
import { type TicketRow, writeMessage } from '../tickets/index.js';
import type { BotReply } from './bot-seat.js';
import { type ChatCore, recordChatEvent } from './chat.core.js';
import { findMessagesAfter, findSession, lockTicketRow, type SessionRow, updateSession } from './chat.repo.js';
import { dispatchQueue, nextState } from './chat-routing.js';

const FROM = { customer: 'visitor', bot: 'bot' } as const;

/** The turn each session is in (this node): the next waits, so answers come in the order asked. */
const turns = new Map<string, Promise<void>>();

/**
 * Gives the workspace's bot seat the visitor's latest message and carries out its reply. With
 * no seat (the default) the chat is handed to the queue at once. Turns of one session run one
 * after the other: two quick messages must not be decided on the same memory, nor answered out
 * of order.
 */
export function runBotTurn(core: ChatCore, session: SessionRow, seq: number | null): Promise<void> {
  const previous = turns.get(session.id) ?? Promise.resolve();
  const turn = previous.catch(() => {}).then(() => botTurn(core, session, seq));
  turns.set(session.id, turn);
  const forget = () => {
    if (turns.get(session.id) === turn) turns.delete(session.id);
  };
  turn.then(forget, forget);
  return turn;
}

async function botTurn(core: ChatCore, session: SessionRow, seq: number | null): Promise<void> {
  const { p } = core;
  const ctx: Ctx = { actor: { kind: 'bot', workspaceId: session.workspaceId }, log: p.log as unknown as Ctx['log'] };
  const seat = core.bots.of(session.workspaceId);
  const rows = (await findMessagesAfter(p.db, session.ticketId, 0, 500)).filter((m) => m.kind === 'reply');
  const message = seq === null ? rows.findLast((m) => m.authorKind === 'customer') : rows.find((m) => m.seq === seq);
  let reply: BotReply = { kind: 'handoff', reason: 'No bot seat' };
  if (seat && message) {
    reply = await seat.onVisitorMessage(ctx, {
      session: {
        id: session.id,
        ticketId: session.ticketId,
        workspaceId: session.workspaceId,
        channelId: session.channelId,
        locale: session.locale,
        preChat: session.preChat,
      },
      message: { id: message.id, seq: message.seq, text: message.bodyText },
      transcript: rows.map((m) => ({ seq: m.seq, from: FROM[m.authorKind as keyof typeof FROM] ?? 'agent', text: m.bodyText })),
    });
  }
  if (reply.kind === 'pass') return;
  let handedOff = false;
  await p.transaction(async (tx) => {
    const s = await findSession(tx, session.workspaceId, session.id, true);
    if (!s || s.state !== 'bot') return;
    const ticket = (await lockTicketRow(tx, s.ticketId)) as TicketRow;
    if (reply.kind === 'answer' || reply.kind === 'ask') {
      const meta = reply.kind === 'ask' ? { quickReplies: reply.quickReplies ?? [] } : {};
      await writeMessage(
        tx,
        core.tickets.core,
        ctx,
        ticket,
        { kind: 'reply', bodyText: reply.text, meta, channel: 'web_chat', status: ticket.status as 'new' },
        null,
      );
      await updateSession(tx, s.id, { lastActivityAt: new Date() });
      return;
    }
    if (reply.kind !== 'handoff') return;
    if (!reply.noted) {
      await writeMessage(tx, core.tickets.core, ctx, ticket, { kind: 'note', bodyText: `Bot handed off: ${reply.reason}` }, null);
    }
    const teamId = reply.teamId && (await core.tickets.core.deps.teamExists(tx, s.workspaceId, reply.teamId)) ? reply.teamId : s.teamId;
    const queued = await updateSession(tx, s.id, { state: nextState(s, 'handoff'), teamId, queuedAt: new Date() });
    await recordChatEvent(tx, ctx.actor, queued, 'chat.queued', { reason: 'handoff', handoffReason: reply.reason });
    handedOff = true;
  });
  if (handedOff) await dispatchQueue(core, session.workspaceId);
}
