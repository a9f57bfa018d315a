import type { TransferChatBodySchema } from '@switchboard/contracts';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError, invalid } from '../../platform/errors.js';
import { requirePermission } from '../identity/index.js';
import { type TicketRow, writeMessage } from '../tickets/index.js';
import { type ChatCore, loadForAgent, recordChatEvent, systemCtx } from './chat.core.js';
import { presentSessionForAgent } from './chat.presenter.js';
import {
  findChatCandidates,
  findLiveSessionsOfAgent,
  findSession,
  findSessionsForAgents,
  findTicketSummary,
  findUserNames,
  lockTicketRow,
  type SessionRow,
  updateSession,
} from './chat.repo.js';
import { assignTicket, dispatchQueue, nextState, offerTo, queuePositions } from './chat-routing.js';

type TransferBody = z.infer<typeof TransferChatBodySchema>;

/** Agent side of live chat: the queue, accept/decline of offers, transfer and ending. */
export function agentChatsService(core: ChatCore) {
  const { p } = core;

  async function present(s: SessionRow, positions?: Map<string, number>) {
    const t = await findTicketSummary(p.db, s.ticketId);
    const v = (await findUserNames(p.db, [s.visitorUserId])).get(s.visitorUserId);
    return presentSessionForAgent(s, {
      ticketNumber: t?.number ?? 0,
      lastSeq: t?.lastSeq ?? 0,
      visitor: { id: s.visitorUserId, name: v?.name ?? '', email: v?.email ?? null },
      queuePosition: positions?.get(s.id) ?? null,
    });
  }

  /** Runs `fn` on the locked session, then lets the queue move (capacity may have changed). */
  async function act(ctx: Ctx, id: string, fn: (tx: Tx, s: SessionRow) => Promise<SessionRow>) {
    const after = await p.transaction(async (tx) => fn(tx, await loadForAgent(core, tx, ctx, id, true)));
    await dispatchQueue(core, after.workspaceId);
    return present((await findSession(p.db, after.workspaceId, after.id)) ?? after, await queuePositions(core, after.workspaceId));
  }

  /** An internal note on the chat's ticket (transfers, hand-offs): staff see it, the visitor never. */
  async function note(tx: Tx, ctx: Ctx, s: SessionRow, text: string) {
    const ticket = (await lockTicketRow(tx, s.ticketId)) as TicketRow | null;
    if (ticket) await writeMessage(tx, core.tickets.core, ctx, ticket, { kind: 'note', bodyText: text }, null);
  }

  /** Back to the queue: the offer or the agent is released and the ticket unassigned. */
  async function requeue(tx: Tx, ctx: Ctx, s: SessionRow, event: 'decline' | 'offer_timeout' | 'agent_offline', declined?: string) {
    const queued = await updateSession(tx, s.id, {
      state: nextState(s, event),
      agentId: null,
      offeredAgentId: null,
      offerExpiresAt: null,
      queuedAt: s.queuedAt ?? new Date(),
      declinedAgentIds: declined ? [...new Set([...s.declinedAgentIds, declined])] : s.declinedAgentIds,
    });
    if (event === 'agent_offline') await assignTicket(core, tx, ctx, s, null);
    await recordChatEvent(tx, ctx.actor, queued, event === 'decline' ? 'chat.declined' : 'chat.queued', {
      reason: event,
      previousAgentId: s.offeredAgentId ?? s.agentId,
    });
    return queued;
  }

  return {
    present,
    requeue,

    async list(ctx: Ctx, q: { state?: string[] | undefined; mine: boolean }) {
      const actor = requirePermission(ctx.actor, 'chat.handle');
      const rows = await findSessionsForAgents(p.db, actor.workspaceId, q.state, q.mine ? actor.userId : null);
      const positions = await queuePositions(core, actor.workspaceId);
      return Promise.all(rows.map((s) => present(s, positions)));
    },

    async get(ctx: Ctx, id: string) {
      const s = await loadForAgent(core, p.db, ctx, id);
      return present(s, await queuePositions(core, s.workspaceId));
    },

    async accept(ctx: Ctx, id: string) {
      const actor = requirePermission(ctx.actor, 'chat.handle');
      return act(ctx, id, async (tx, s) => {
        if (s.state !== 'offered' || s.offeredAgentId !== actor.userId) {
          throw new AppError('chat.offer_not_found', 409, 'This chat is not offered to you (any more)');
        }
        const now = new Date();
        const active = await updateSession(tx, s.id, {
          state: nextState(s, 'accept'),
          agentId: actor.userId,
          acceptedAt: s.acceptedAt ?? now,
          offeredAgentId: null,
          offerExpiresAt: null,
          lastActivityAt: now,
        });
        await assignTicket(core, tx, ctx, active, actor.userId);
        await recordChatEvent(tx, ctx.actor, active, 'chat.accepted', { agentId: actor.userId });
        return active;
      });
    },

    async decline(ctx: Ctx, id: string) {
      const actor = requirePermission(ctx.actor, 'chat.handle');
      return act(ctx, id, async (tx, s) => {
        if (s.state !== 'offered' || s.offeredAgentId !== actor.userId) {
          throw new AppError('chat.offer_not_found', 409, 'This chat is not offered to you (any more)');
        }
        return requeue(tx, ctx, s, 'decline', actor.userId);
      });
    },

    /** To an agent (offered to them, even over their chat limit: a person chose them) or a team (queued). */
    async transfer(ctx: Ctx, id: string, body: TransferBody) {
      const actor = requirePermission(ctx.actor, 'chat.handle');
      return act(ctx, id, async (tx, s) => {
        const toTeam = body.toTeamId ?? null;
        let target = '';
        if (body.toAgentId) {
          const online = await findChatCandidates(tx, s.workspaceId, null);
          if (!online.some((c) => c.userId === body.toAgentId)) {
            throw new AppError('chat.agent_unavailable', 409, 'That agent is not online for chats');
          }
          target = (await findUserNames(tx, [body.toAgentId])).get(body.toAgentId)?.name ?? '';
        } else if (toTeam && !(await core.tickets.core.deps.teamExists(tx, s.workspaceId, toTeam))) {
          throw invalid('toTeamId', 'Unknown team', 'team_not_found');
        }
        await note(tx, ctx, s, `Chat transferred to ${body.toAgentId ? target : 'team'}${body.note ? `: ${body.note}` : ''}`);
        if (body.toAgentId) {
          nextState(s, 'transfer_to_agent');
          await assignTicket(core, tx, ctx, s, null);
          const base = await updateSession(tx, s.id, { agentId: null });
          const offered = await offerTo(core, tx, ctx, base, body.toAgentId, actor.userId);
          await recordChatEvent(tx, ctx.actor, offered, 'chat.transferred', { toAgentId: body.toAgentId, fromAgentId: s.agentId });
          return offered;
        }
        const queued = await updateSession(tx, s.id, {
          state: nextState(s, 'transfer_to_team'),
          teamId: toTeam,
          agentId: null,
          offeredAgentId: null,
          offerExpiresAt: null,
          declinedAgentIds: [],
          queuedAt: new Date(),
        });
        await assignTicket(core, tx, ctx, queued, null, toTeam);
        await recordChatEvent(tx, ctx.actor, queued, 'chat.transferred', { toTeamId: toTeam, fromAgentId: s.agentId });
        return queued;
      });
    },

    /** A timed-out offer goes back to the queue (job or sweep; stale offer numbers do nothing). */
    async expireOffer(workspaceId: string, sessionId: string, offerSeq: number | null, now = new Date()) {
      const ctx = systemCtx(p, workspaceId);
      const changed = await p.transaction(async (tx) => {
        const s = await findSession(tx, workspaceId, sessionId, true);
        if (!s || s.state !== 'offered' || (offerSeq !== null && s.offerSeq !== offerSeq)) return false;
        if (!s.offerExpiresAt || s.offerExpiresAt > now) return false;
        await requeue(tx, ctx, s, 'offer_timeout', s.offeredAgentId ?? undefined);
        return true;
      });
      if (changed) await dispatchQueue(core, workspaceId);
      return changed;
    },

    /** An agent left (offline/away): their offers and active chats go back to the queue. */
    async agentUnavailable(workspaceId: string, agentId: string) {
      const ctx = systemCtx(p, workspaceId);
      await p.transaction(async (tx) => {
        for (const s of await findLiveSessionsOfAgent(tx, workspaceId, agentId)) {
          const locked = await findSession(tx, workspaceId, s.id, true);
          if (locked && (locked.state === 'active' || locked.state === 'offered')) await requeue(tx, ctx, locked, 'agent_offline');
        }
      });
      await dispatchQueue(core, workspaceId);
    },
  };
}

export type AgentChatsService = ReturnType<typeof agentChatsService>;
