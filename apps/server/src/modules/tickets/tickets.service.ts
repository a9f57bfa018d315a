import type { CreateTicketBody, TicketChanges } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import { hasPermission, isUser } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { RowShape, rawRows } from '../../platform/db/raw.js';
import { AppError, forbidden, invalid } from '../../platform/errors.js';
import { EVENT_INSERT_COLUMNS, eventValues, recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { searchDocument } from '../../platform/search/text-search.js';
import { findOrCreateCustomer } from '../identity/index.js';
import { type FieldDef, validateCustomFields } from './custom-fields.js';
import { prepareBody } from './message-body.js';
import type { StaffFeed } from './staff-feed.js';
import { ticketSearchDocument } from './ticket-search.js';
import { appendMessage, applyChanges, assertNotMerged, assertVersion, authorOf, runHooks } from './ticket-writer.js';
import type { TicketDeps } from './tickets.deps.js';
import type { TicketHooks } from './tickets.hooks.js';
import { canSee, requireTicketPermission, type TicketViewer, ticketNotFound, viewerOf } from './tickets.policy.js';
import { presentTicketForAgent, presentTicketForCustomer } from './tickets.presenter.js';
import {
  claimStagedAttachments,
  findFollowerIds,
  findStagedAttachments,
  findTaxonomy,
  findTicket,
  findUsersByIds,
  isFollower,
  listFieldDefs,
  lockTicket,
  type MessageRow,
  nextTicketNumber,
  type TicketRow,
  type UserSummary,
} from './tickets.repo.js';
import { messageColumns, ticketColumns, ticketFollowers, tickets } from './tickets.schema.js';

const CREATED_TICKET = new RowShape<TicketRow>(ticketColumns, 't');
const CREATED_MESSAGE = new RowShape<MessageRow>(messageColumns, 'm');

/**
 * A new ticket in one statement: the ticket (number 1 of its conversation, search and
 * conversation vectors from $19/$20), its first message, and the `message.created` and
 * `ticket.created` events ($27–$33, $34–$40, see eventValues). Every channel's create runs it:
 * SQL text written once (see platform/db/raw.ts). Stamps use the transaction's time.
 */
const CREATE_TICKET = `with t as (
    insert into "tickets" ("id", "workspace_id", "number", "subject", "status", "priority", "type_id", "category_id", "channel",
      "language", "requester_id", "organization_id", "assignee_id", "team_id", "tags", "custom_fields", "assigned_at",
      "last_customer_message_at", "last_agent_reply_at", "last_message_at", "last_seq", "message_count", "search_vector",
      "conversation_vector", "created_at", "updated_at")
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text[], $16::jsonb,
      case when $17::boolean then now() end, case when $18::boolean then now() end, case when $18::boolean then null else now() end,
      now(), 1, 1, to_tsvector('simple', $19),
      conversation_append(setweight(to_tsvector('simple', $19), 'A'), setweight(to_tsvector('simple', $20), 'D')), now(), now())
    returning ${CREATED_TICKET.names}),
  m as (
    insert into "messages" ("id", "workspace_id", "ticket_id", "seq", "kind", "author_kind", "author_id", "via_token_id", "channel",
      "body_html", "body_text", "search_vector", "created_at")
    values ($21, $2, $1, 1, 'reply', $22, $23, $24, $9, $25, $26, to_tsvector('simple', $20), now())
    returning ${CREATED_MESSAGE.names}),
  e1 as (insert into "outbox_events" ${EVENT_INSERT_COLUMNS} values ($27, $28, $29, $30, $31, $32::jsonb, $33::jsonb)),
  e2 as (insert into "outbox_events" ${EVENT_INSERT_COLUMNS} values ($34, $35, $36, $37, $38, $39::jsonb, $40::jsonb))
  select ${CREATED_TICKET.list}, ${CREATED_MESSAGE.list} from t, m`;

export interface TicketsCore {
  p: Platform;
  hooks: TicketHooks;
  deps: TicketDeps;
  /** New-message summaries for the workspace staff rooms, gathered (see staff-feed.ts). */
  feed: StaffFeed;
}

/** The viewer for ctx, with team membership for restricted staff. */
export async function viewerFor(core: TicketsCore, ctx: Ctx, db: DbOrTx = core.p.db): Promise<TicketViewer> {
  const base = viewerOf(ctx.actor);
  if (!base.restricted) return base;
  return { ...base, teamIds: await core.deps.teamIdsOf(db, base.actor.workspaceId, base.actor.userId) };
}

/** Loads a ticket the viewer may see, or 404. */
export async function loadVisible(_core: TicketsCore, db: DbOrTx, viewer: TicketViewer, id: string, lock = false): Promise<TicketRow> {
  const ws = viewer.actor.workspaceId;
  const ticket = lock ? await lockTicket(db, ws, id) : await findTicket(db, ws, id);
  if (!ticket) throw ticketNotFound();
  const following = !viewer.staff && ticket.requesterId !== viewer.actor.userId ? await isFollower(db, id, viewer.actor.userId) : false;
  if (!canSee(viewer, ticket, following)) throw ticketNotFound();
  return ticket;
}

/** The workspace's custom field definitions, cached for a few seconds (the fields service invalidates). */
export function fieldDefsOf(p: Platform, db: DbOrTx, workspaceId: string): Promise<readonly FieldDef[]> {
  return p.cache.get('field-defs', workspaceId, () => listFieldDefs(db, workspaceId));
}

/** Checks references (category, type, assignee, team, followers) inside the workspace. */
export async function checkReferences(
  core: TicketsCore,
  db: DbOrTx,
  workspaceId: string,
  c: TicketChanges,
  audience: 'staff' | 'customer' = 'staff',
): Promise<void> {
  if (c.categoryId) {
    const cat = await findTaxonomy(db, workspaceId, c.categoryId, 'category');
    if (!cat || cat.archivedAt || (audience === 'customer' && !cat.customerVisible)) {
      throw invalid('categoryId', 'Unknown category', 'taxonomy_not_found');
    }
  }
  if (c.typeId) {
    const type = await findTaxonomy(db, workspaceId, c.typeId, 'type');
    if (!type || type.archivedAt) throw invalid('typeId', 'Unknown ticket type', 'taxonomy_not_found');
  }
  if (c.assigneeId) {
    const u = (await findUsersByIds(db, workspaceId, [c.assigneeId])).get(c.assigneeId);
    if (!u || u.role === 'customer' || u.disabledAt) throw invalid('assigneeId', 'Assign to an active staff member', 'assignee_invalid');
  }
  if (c.teamId && !(await core.deps.teamExists(db, workspaceId, c.teamId))) throw invalid('teamId', 'Unknown team', 'team_not_found');
  if (c.followerIds?.length) {
    const found = await findUsersByIds(db, workspaceId, c.followerIds);
    if (found.size !== new Set(c.followerIds).size) throw invalid('followerIds', 'Unknown user among the followers', 'user_not_found');
  }
}

function checkFields(defs: readonly FieldDef[], input: Record<string, unknown> | undefined, audience: 'staff' | 'customer') {
  if (!input) return {};
  const { values, errors } = validateCustomFields(defs, input, audience);
  if (errors.length) throw new AppError('validation.failed', 400, 'The request is invalid', { errors });
  return values;
}

async function resolveRequester(db: DbOrTx, viewer: TicketViewer, input: CreateTicketBody) {
  const ws = viewer.actor.workspaceId;
  if (!viewer.staff) return (await findUsersByIds(db, ws, [viewer.actor.userId])).get(viewer.actor.userId);
  if (input.requesterId) {
    const u = (await findUsersByIds(db, ws, [input.requesterId])).get(input.requesterId);
    if (!u || u.disabledAt) throw invalid('requesterId', 'Unknown requester', 'requester_invalid');
    return u;
  }
  if (input.requester) {
    const { user: u } = await findOrCreateCustomer(db, ws, input.requester);
    const requester: UserSummary = {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      organizationId: u.organizationId,
      disabledAt: u.disabledAt,
      locale: u.locale,
    };
    return requester;
  }
  return (await findUsersByIds(db, ws, [viewer.actor.userId])).get(viewer.actor.userId);
}

export function ticketsService(core: TicketsCore) {
  const { p } = core;

  /** `known`: people the caller already holds (a create's requester), not read again. */
  async function present(db: DbOrTx, viewer: TicketViewer, t: TicketRow, known?: UserSummary) {
    const wanted = [t.requesterId, t.assigneeId ?? ''].filter((id) => id && id !== known?.id);
    const users = await findUsersByIds(db, t.workspaceId, wanted);
    if (known) users.set(known.id, known);
    if (viewer.staff) {
      const followers = await findFollowerIds(db, [t.id]);
      const clocks = await core.deps.slaClocksOf(db, [t.id]);
      return {
        audience: 'staff' as const,
        ticket: presentTicketForAgent(t, { users, followerIds: followers.get(t.id) ?? [], clocks: clocks.get(t.id) ?? [] }),
      };
    }
    const merged = t.mergedIntoId ? await findTicket(db, t.workspaceId, t.mergedIntoId) : null;
    const defs = await fieldDefsOf(p, db, t.workspaceId);
    return {
      audience: 'customer' as const,
      ticket: presentTicketForCustomer(t, { users, defs, viewerId: viewer.actor.userId, mergedIntoNumber: merged?.number ?? null }),
    };
  }

  return {
    present,

    /** `inTx` runs last inside the create transaction (the route stores the idempotent response there). */
    async create(
      ctx: Ctx,
      input: CreateTicketBody,
      options: { inTx?: (tx: Tx, result: Awaited<ReturnType<typeof present>>) => Promise<void> } = {},
    ) {
      const viewer = await viewerFor(core, ctx);
      const ws = viewer.actor.workspaceId;
      if (viewer.staff) requireTicketPermission(viewer, 'ticket.update');
      if (!viewer.staff) {
        // Customers describe their problem; staff-only fields are refused rather than ignored.
        for (const k of [
          'requesterId',
          'requester',
          'priority',
          'status',
          'typeId',
          'assigneeId',
          'teamId',
          'tags',
          'followerIds',
        ] as const) {
          if (input[k] !== undefined) throw invalid(k, 'Customers cannot set this field', 'field_not_allowed');
        }
      }
      if ((input.assigneeId || input.teamId) && viewer.staff && !hasPermission(viewer.actor, 'ticket.assign')) throw forbidden();
      const body = prepareBody(input);
      const messageDocument = searchDocument(body.text);
      const defs = await fieldDefsOf(p, p.db, ws);
      const custom = checkFields(defs, input.customFields, viewer.staff ? 'staff' : 'customer');
      await checkReferences(core, p.db, ws, input, viewer.staff ? 'staff' : 'customer');
      const requester = await resolveRequester(p.db, viewer, input);
      if (!requester) throw invalid('requester', 'Unknown requester', 'requester_invalid');
      const staged = await findStagedAttachments(p.db, ws, viewer.actor.userId, input.attachmentIds ?? []);
      if (staged.length !== new Set(input.attachmentIds ?? []).size) {
        throw invalid('attachmentIds', 'Unknown attachment, or one already used', 'attachment_not_found');
      }
      const number = await nextTicketNumber(p.db, ws);
      const channel = input.channel ?? (viewer.staff ? (viewer.actor.tokenId ? 'api' : 'agent') : 'portal');

      // The description is the requester's words unless an agent opens a ticket to write to a customer.
      const firstFromRequester = !viewer.staff || channel !== 'agent';
      return p.transaction(async (tx) => {
        const ticketId = uuidv7();
        const messageId = uuidv7();
        const author = firstFromRequester
          ? { authorKind: 'customer' as const, authorId: requester.id, viaTokenId: isUser(ctx.actor) ? (ctx.actor.tokenId ?? null) : null }
          : authorOf(ctx);
        // Ticket, first message and both events in one statement (see CREATE_TICKET).
        const [row] = await rawRows(tx, CREATE_TICKET, [
          ticketId,
          ws,
          number,
          input.subject,
          input.assigneeId ? 'open' : 'new',
          input.priority ?? 'normal',
          input.typeId ?? null,
          input.categoryId ?? null,
          channel,
          input.language ?? requester.locale,
          requester.id,
          requester.organizationId,
          // Team and assignee chosen by the caller are part of the ticket from the start, so
          // routing (a hook below) only fills in what the caller left open.
          input.assigneeId ?? null,
          input.teamId ?? null,
          [...new Set(input.tags ?? [])].sort(),
          JSON.stringify(Object.fromEntries(Object.entries(custom).filter(([, v]) => v !== null))),
          Boolean(input.assigneeId),
          firstFromRequester,
          ticketSearchDocument({ number, subject: input.subject, requester }),
          messageDocument,
          messageId,
          author.authorKind,
          author.authorId,
          author.viaTokenId,
          body.html,
          body.text,
          ...eventValues(ctx.actor, {
            workspaceId: ws,
            type: 'message.created',
            subject: { type: 'ticket', id: ticketId },
            payload: { ticketId, messageId, kind: 'reply', seq: 1, authorKind: author.authorKind },
          }),
          ...eventValues(ctx.actor, {
            workspaceId: ws,
            type: 'ticket.created',
            subject: { type: 'ticket', id: ticketId },
            payload: { ticketId, number, channel, requesterId: requester.id },
          }),
        ]);
        if (!row) throw new Error('ticket not written');
        const ticket = CREATED_TICKET.map(row);
        const message = CREATED_MESSAGE.map(row);
        if (staged.length) {
          await claimStagedAttachments(
            tx,
            staged.map((a) => a.id),
            { messageId, ticketId },
          );
        }
        if (input.followerIds?.length) {
          await tx
            .insert(ticketFollowers)
            .values(input.followerIds.map((userId) => ({ ticketId: ticket.id, userId, workspaceId: ws })))
            .onConflictDoNothing();
        }
        if (ticket.assigneeId || ticket.teamId) {
          await recordEvent(tx, ctx.actor, {
            workspaceId: ws,
            type: 'ticket.assigned',
            subject: { type: 'ticket', id: ticket.id },
            payload: {
              ticketId: ticket.id,
              number,
              version: ticket.version,
              assigneeId: ticket.assigneeId,
              teamId: ticket.teamId,
              previousAssigneeId: null,
            },
          });
        }
        let current = await runHooks(tx, ctx, null, ticket, [], {
          defs,
          hooks: core.hooks,
          kind: 'created',
          message,
        });
        if (input.status && input.status !== 'new' && input.status !== current.status) {
          current = await applyChanges(tx, ctx, current, { status: input.status }, { defs, hooks: core.hooks });
        }
        const result = await present(tx, viewer, current, requester);
        await options.inTx?.(tx, result);
        return result;
      });
    },

    async get(ctx: Ctx, id: string) {
      const viewer = await viewerFor(core, ctx);
      const ticket = await loadVisible(core, p.db, viewer, id);
      return present(p.db, viewer, ticket);
    },

    async update(ctx: Ctx, id: string, changes: TicketChanges, expectedVersion?: number) {
      const viewer = await viewerFor(core, ctx);
      const ws = viewer.actor.workspaceId;
      checkChangePermissions(viewer, changes);
      const defs = await fieldDefsOf(p, p.db, ws);
      const custom = checkFields(defs, changes.customFields, viewer.staff ? 'staff' : 'customer');
      await checkReferences(core, p.db, ws, changes);
      return p.transaction(async (tx) => {
        const ticket = await loadVisible(core, tx, viewer, id, true);
        assertNotMerged(ticket);
        assertVersion(ticket, expectedVersion);
        const after = await applyChanges(tx, ctx, ticket, changes, { defs, hooks: core.hooks, customFields: custom });
        return present(tx, viewer, after);
      });
    },

    /** Applies one change set to many tickets; each ticket succeeds or fails on its own. */
    async bulkUpdate(ctx: Ctx, ids: string[], changes: TicketChanges) {
      const viewer = await viewerFor(core, ctx);
      if (!viewer.staff) throw forbidden();
      checkChangePermissions(viewer, changes);
      const ws = viewer.actor.workspaceId;
      const defs = await fieldDefsOf(p, p.db, ws);
      const custom = checkFields(defs, changes.customFields, 'staff');
      await checkReferences(core, p.db, ws, changes);
      const updated: string[] = [];
      const failed: Array<{ id: string; code: string; detail: string }> = [];
      for (const id of [...new Set(ids)]) {
        try {
          await p.transaction(async (tx) => {
            const ticket = await loadVisible(core, tx, viewer, id, true);
            assertNotMerged(ticket);
            await applyChanges(tx, ctx, ticket, changes, { defs, hooks: core.hooks, customFields: custom });
          });
          updated.push(id);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          failed.push({ id, code: err.code, detail: err.message });
        }
      }
      return { updated, failed };
    },

    /** Customer satisfaction on a solved or closed ticket: 1–5 and an optional comment. */
    async rate(ctx: Ctx, id: string, input: { score: number; comment?: string | undefined }) {
      const viewer = await viewerFor(core, ctx);
      return p.transaction(async (tx) => {
        const ticket = await loadVisible(core, tx, viewer, id, true);
        if (viewer.staff || ticket.requesterId !== viewer.actor.userId) throw forbidden('Only the requester can rate the ticket');
        if (ticket.status !== 'solved' && ticket.status !== 'closed') {
          throw new AppError('ticket.invalid_transition', 409, 'You can rate a ticket once it is solved');
        }
        const [after] = await tx
          .update(tickets)
          .set({ satisfaction: input.score, satisfactionComment: input.comment ?? null, updatedAt: new Date() })
          .where(eq(tickets.id, id))
          .returning(ticketColumns);
        await appendMessage(tx, after as TicketRow, {
          kind: 'event',
          ...authorOf(ctx),
          channel: 'system',
          event: { type: 'satisfaction_rated', score: input.score, comment: input.comment ?? null },
        });
        await recordEvent(tx, ctx.actor, {
          workspaceId: ticket.workspaceId,
          type: 'ticket.updated',
          subject: { type: 'ticket', id },
          payload: { ticketId: id, number: ticket.number, fields: ['satisfaction'] },
        });
        return present(tx, viewer, after as TicketRow);
      });
    },
  };
}

function checkChangePermissions(viewer: TicketViewer, c: TicketChanges): void {
  if (!viewer.staff) {
    const allowed = new Set(['status', 'customFields']);
    const extra = Object.keys(c).filter((k) => c[k as keyof TicketChanges] !== undefined && !allowed.has(k));
    if (extra.length) throw forbidden(`Customers cannot change ${extra.join(', ')}`);
    return;
  }
  requireTicketPermission(viewer, 'ticket.update');
  if (c.assigneeId !== undefined || c.teamId !== undefined) requireTicketPermission(viewer, 'ticket.assign');
}
