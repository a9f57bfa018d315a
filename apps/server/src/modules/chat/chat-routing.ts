import type { ChatState } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { isOpen } from '../sla/index.js';
import { applyChanges, type TicketRow } from '../tickets/index.js';
import { calendarOf } from './business-hours.js';
import { type ChatCore, recordChatEvent, settingsOf, systemCtx } from './chat.core.js';
import {
  type ChatCandidate,
  findChatCandidates,
  findQueued,
  findRequiredSkills,
  lockTicketRow,
  recentWaitSeconds,
  type SessionRow,
  updateSession,
} from './chat.repo.js';
import { type ChatTransition, transition } from './chat-state.js';

export const OFFER_TIMEOUT_JOB = 'chat.offer_timeout';

/** Applies a state-table transition or answers 409 `chat.invalid_transition`. */
export function nextState(s: SessionRow, event: ChatTransition) {
  const to = transition(s.state as ChatState, event);
  if (!to) throw new AppError('chat.invalid_transition', 409, `A ${s.state} chat cannot ${event.replaceAll('_', ' ')}`);
  return to;
}

/** Sets (or clears) the ticket's assignee inside the chat's transaction, through the ticket writer. */
export async function assignTicket(core: ChatCore, tx: Tx, ctx: Ctx, s: SessionRow, assigneeId: string | null, teamId?: string | null) {
  const ticket = (await lockTicketRow(tx, s.ticketId)) as TicketRow | null;
  if (!ticket) return;
  const changes: { assigneeId?: string | null; teamId?: string | null; status?: 'open' } = {};
  if (ticket.assigneeId !== assigneeId) changes.assigneeId = assigneeId;
  if (teamId !== undefined && ticket.teamId !== teamId) changes.teamId = teamId;
  if (assigneeId && ticket.status === 'new') changes.status = 'open';
  if (Object.keys(changes).length) await applyChanges(tx, ctx, ticket, changes, { defs: [], hooks: core.tickets.core.hooks });
}

/** The least-busy candidate with room for another chat and the skills the ticket needs. */
export function pickChatAgent(
  candidates: ChatCandidate[],
  opts: { maxChats: number; exclude: readonly string[]; skills: Array<{ skill: string; minLevel: number }> },
): ChatCandidate | null {
  const fit = candidates.filter(
    (c) =>
      c.chats < opts.maxChats &&
      !opts.exclude.includes(c.userId) &&
      opts.skills.every((r) => {
        const level = Object.entries(c.skills).find(([k]) => k.toLowerCase() === r.skill.toLowerCase())?.[1] ?? 0;
        return level >= r.minLevel;
      }),
  );
  fit.sort(
    (a, b) =>
      a.chats - b.chats || (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0) || a.userId.localeCompare(b.userId),
  );
  return fit[0] ?? null;
}

/** Offers a session to one agent with a deadline; a durable job expires it if nobody answers. */
export async function offerTo(core: ChatCore, tx: Tx, ctx: Ctx, s: SessionRow, agentId: string, transferredBy: string | null = null) {
  const channel = await core.channels.byId(tx, s.channelId);
  const seconds = channel ? settingsOf(core, channel).offerTimeoutSeconds : 30;
  const expiresAt = new Date(Date.now() + seconds * 1000);
  const previous = s.state === 'offered' ? s.offeredAgentId : null;
  const offered = await updateSession(tx, s.id, {
    state: 'offered',
    offeredAgentId: agentId,
    offerExpiresAt: expiresAt,
    offerSeq: s.offerSeq + 1,
  });
  await recordChatEvent(tx, ctx.actor, offered, 'chat.offered', {
    agentId,
    previousAgentId: previous,
    transferredBy,
    expiresAt: expiresAt.toISOString(),
  });
  await core.p.jobs.enqueue(
    tx,
    ctx.actor,
    OFFER_TIMEOUT_JOB,
    { workspaceId: s.workspaceId, sessionId: s.id, offerSeq: offered.offerSeq },
    { startAfter: expiresAt },
  );
  return offered;
}

/**
 * Hands queued chats of a workspace to free agents, oldest first. Serialized per workspace with
 * an advisory lock so two nodes never offer the same agent's last slot twice. A queued chat
 * whose channel is closed or has nobody online at all switches to leave-a-message.
 */
export async function dispatchQueue(core: ChatCore, workspaceId: string): Promise<void> {
  const ctx = systemCtx(core.p, workspaceId);
  await core.p.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`chat-queue:${workspaceId}`}, 0))`);
    const queued = await findQueued(tx, workspaceId);
    const pools = new Map<string, ChatCandidate[]>();
    for (const s of queued) {
      const key = s.teamId ?? '';
      if (!pools.has(key)) pools.set(key, await findChatCandidates(tx, workspaceId, s.teamId));
      const candidates = pools.get(key) ?? [];
      const channel = await core.channels.byId(tx, s.channelId);
      if (!channel) continue;
      const settings = settingsOf(core, channel);
      const open = isOpen(await calendarOf(tx, workspaceId, settings.calendarId), new Date());
      if (!open || candidates.length === 0) {
        const off = await updateSession(tx, s.id, {
          state: nextState(s, 'go_offline'),
          offlineMessage: true,
          offeredAgentId: null,
          agentId: null,
        });
        await recordChatEvent(tx, ctx.actor, off, 'chat.offline_message', { reason: open ? 'nobody_online' : 'closed' });
        continue;
      }
      const agent = pickChatAgent(candidates, {
        maxChats: settings.maxChatsPerAgent,
        exclude: s.declinedAgentIds,
        skills: await findRequiredSkills(tx, s.ticketId),
      });
      if (!agent) continue;
      agent.chats += 1;
      await offerTo(core, tx, ctx, s, agent.userId);
    }
  });
}

/** 1-based queue positions per session, counted within each team (or the team-less queue). */
export async function queuePositions(core: ChatCore, workspaceId: string): Promise<Map<string, number>> {
  const queued = await findQueued(core.p.db, workspaceId);
  const perTeam = new Map<string, number>();
  const out = new Map<string, number>();
  for (const s of queued) {
    const n = (perTeam.get(s.teamId ?? '') ?? 0) + 1;
    perTeam.set(s.teamId ?? '', n);
    out.set(s.id, n);
  }
  return out;
}

/** Median of recent waits × position; null when there is no history yet. */
export async function estimatedWait(core: ChatCore, workspaceId: string, position: number | null): Promise<number | null> {
  if (!position) return null;
  const waits = (await recentWaitSeconds(core.p.db, workspaceId)).sort((a, b) => a - b);
  if (!waits.length) return null;
  const median = waits[Math.floor(waits.length / 2)] ?? 0;
  return Math.round(Math.max(median, 5) * position);
}
