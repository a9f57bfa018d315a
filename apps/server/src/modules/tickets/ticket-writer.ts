import type { TicketChanges, TicketStatus } from '@switchboard/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { isUser } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError, invalid } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import { type FieldDef, missingOnSolve } from './custom-fields.js';
import { conversationWithTicketWords, ticketSearchVector } from './ticket-search.js';
import { canTransition, type StatusActor } from './ticket-status.js';
import type { TicketChange, TicketHooks } from './tickets.hooks.js';
import { findUsersByIds, type MessageRow, type TicketRow } from './tickets.repo.js';
import { messageColumns, messages, ticketColumns, ticketFollowers, tickets } from './tickets.schema.js';

/** Fields whose changes are written to the timeline (the ticket's audit trail). */
const TRACKED = [
  'subject',
  'status',
  'priority',
  'typeId',
  'categoryId',
  'language',
  'assigneeId',
  'teamId',
  'tags',
  'customFields',
] as const;
type Tracked = (typeof TRACKED)[number];

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export function authorOf(ctx: Ctx): { authorKind: MessageRow['authorKind']; authorId: string | null; viaTokenId: string | null } {
  const a = ctx.actor;
  if (isUser(a)) {
    return { authorKind: a.tokenId ? 'api' : a.kind, authorId: a.userId, viaTokenId: a.tokenId ?? null };
  }
  return { authorKind: a.kind === 'bot' ? 'bot' : a.kind === 'system' ? 'automation' : 'system', authorId: null, viaTokenId: null };
}

export function statusActorOf(ctx: Ctx): StatusActor {
  return ctx.actor.kind === 'customer' ? 'customer' : ctx.actor.kind === 'agent' ? 'agent' : 'system';
}

/** Appends a message with the next sequence number of the conversation. The ticket row must be locked. */
export async function appendMessage(
  tx: Tx,
  ticket: TicketRow,
  values: Omit<typeof messages.$inferInsert, 'id' | 'seq' | 'workspaceId' | 'ticketId'>,
): Promise<MessageRow> {
  const [bumped] = await tx
    .update(tickets)
    .set({ lastSeq: sql`${tickets.lastSeq} + 1` })
    .where(eq(tickets.id, ticket.id))
    .returning({ lastSeq: tickets.lastSeq });
  const seq = bumped?.lastSeq ?? ticket.lastSeq + 1;
  ticket.lastSeq = seq;
  const [row] = await tx
    .insert(messages)
    .values({ ...values, id: uuidv7(), seq, workspaceId: ticket.workspaceId, ticketId: ticket.id })
    .returning(messageColumns);
  return row as MessageRow;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Normalizes tag edits (set / add / remove) into the resulting list. */
export function nextTags(current: string[], changes: Pick<TicketChanges, 'tags' | 'addTags' | 'removeTags'>): string[] {
  let tags = changes.tags ? [...changes.tags] : [...current];
  if (changes.addTags) tags.push(...changes.addTags);
  if (changes.removeTags) tags = tags.filter((t) => !changes.removeTags?.includes(t));
  return [...new Set(tags)].sort();
}

export interface ApplyOptions {
  defs: readonly FieldDef[];
  hooks: TicketHooks;
  /** Custom field values already validated by the caller. */
  customFields?: Record<string, unknown>;
  message?: MessageRow;
  kind?: TicketChange['kind'];
  /** Skip recording the timeline event (the caller records a richer one). */
  quiet?: boolean;
}

/**
 * Applies field changes to a locked ticket: checks the status table and solve requirements,
 * writes the row (version + 1), the timeline event, the outbox events, then runs the hooks and
 * applies what they ask for (routing, SLA) the same way.
 */
export async function applyChanges(tx: Tx, ctx: Ctx, ticket: TicketRow, changes: TicketChanges, opts: ApplyOptions): Promise<TicketRow> {
  const next: Partial<Record<Tracked, unknown>> = {};
  const diff: FieldChange[] = [];
  const consider = (field: Tracked, value: unknown) => {
    if (value === undefined || sameValue(ticket[field], value)) return;
    next[field] = value;
    diff.push({ field, from: ticket[field], to: value });
  };
  consider('subject', changes.subject);
  consider('priority', changes.priority);
  consider('typeId', changes.typeId);
  consider('categoryId', changes.categoryId);
  consider('language', changes.language);
  consider('assigneeId', changes.assigneeId);
  consider('teamId', changes.teamId);
  if (changes.tags || changes.addTags || changes.removeTags) consider('tags', nextTags(ticket.tags, changes));
  if (opts.customFields && Object.keys(opts.customFields).length) {
    const merged = { ...ticket.customFields, ...opts.customFields };
    for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
    consider('customFields', merged);
  }

  let status = (changes.status ?? ticket.status) as TicketStatus;
  // Assigning a new ticket takes it into work.
  if (status === 'new' && next.assigneeId && changes.status === undefined) status = 'open';
  if (status !== ticket.status) {
    if (ticket.status === 'closed') throw new AppError('ticket.closed', 409, 'Closed tickets cannot change; create a follow-up ticket');
    if (!canTransition(ticket.status as TicketStatus, status, statusActorOf(ctx))) {
      throw new AppError('ticket.invalid_transition', 409, `A ticket cannot go from ${ticket.status} to ${status}`);
    }
    if (status === 'solved') {
      const values = (next.customFields as Record<string, unknown> | undefined) ?? ticket.customFields;
      const missing = missingOnSolve(opts.defs, values);
      if (missing.length) {
        throw new AppError('ticket.required_fields_missing', 422, 'Fill in the required fields before solving', {
          errors: missing.map((d) => ({ path: `customFields.${d.key}`, message: `${d.label} is required to solve`, code: 'required' })),
        });
      }
    }
    next.status = status;
    diff.push({ field: 'status', from: ticket.status, to: status });
  } else if (ticket.status === 'closed' && diff.length) {
    throw new AppError('ticket.closed', 409, 'Closed tickets cannot change; create a follow-up ticket');
  }

  const followersChanged = changes.followerIds ? await setFollowers(tx, ticket, changes.followerIds) : false;
  if (!diff.length) return followersChanged ? bumpVersion(tx, ticket) : ticket;

  const now = new Date();
  const set: Partial<typeof tickets.$inferInsert> = { ...(next as Partial<typeof tickets.$inferInsert>), updatedAt: now };
  if (next.status === 'solved') set.solvedAt = now;
  if (next.status === 'closed') set.closedAt = now;
  if (ticket.status === 'solved' && next.status && next.status !== 'closed') {
    set.solvedAt = null;
    set.reopenedCount = ticket.reopenedCount + 1;
  }
  if (next.assigneeId !== undefined) set.assignedAt = next.assigneeId ? now : null;
  if (next.subject !== undefined) {
    // Search follows the new subject: the ticket's own vector and its words in the conversation's.
    const requester = (await findUsersByIds(tx, ticket.workspaceId, [ticket.requesterId])).get(ticket.requesterId) ?? null;
    const words = { number: ticket.number, subject: String(next.subject), requester };
    set.searchVector = ticketSearchVector(words);
    set.conversationVector = conversationWithTicketWords(words);
  }
  const [updated] = await tx
    .update(tickets)
    .set({ ...set, version: sql`${tickets.version} + 1` })
    .where(eq(tickets.id, ticket.id))
    .returning(ticketColumns);
  const after = updated as TicketRow;

  if (!opts.quiet) {
    await appendMessage(tx, after, {
      kind: 'event',
      ...authorOf(ctx),
      channel: 'system',
      event: { type: 'fields_changed', changes: diff },
    });
  }
  await recordTicketEvents(tx, ctx, ticket, after, diff);
  return runHooks(tx, ctx, ticket, after, diff, opts);
}

async function bumpVersion(tx: Tx, ticket: TicketRow): Promise<TicketRow> {
  const [row] = await tx
    .update(tickets)
    .set({ version: sql`${tickets.version} + 1`, updatedAt: new Date() })
    .where(eq(tickets.id, ticket.id))
    .returning(ticketColumns);
  return row as TicketRow;
}

async function setFollowers(tx: Tx, ticket: TicketRow, ids: string[]): Promise<boolean> {
  const current = await tx.select({ userId: ticketFollowers.userId }).from(ticketFollowers).where(eq(ticketFollowers.ticketId, ticket.id));
  const have = new Set(current.map((r) => r.userId));
  const want = new Set(ids);
  const add = [...want].filter((id) => !have.has(id));
  const remove = [...have].filter((id) => !want.has(id));
  if (add.length) {
    await tx
      .insert(ticketFollowers)
      .values(add.map((userId) => ({ ticketId: ticket.id, userId, workspaceId: ticket.workspaceId })))
      .onConflictDoNothing();
  }
  if (remove.length) {
    await tx.delete(ticketFollowers).where(and(eq(ticketFollowers.ticketId, ticket.id), inArray(ticketFollowers.userId, remove)));
  }
  return add.length + remove.length > 0;
}

async function recordTicketEvents(tx: Tx, ctx: Ctx, before: TicketRow, after: TicketRow, diff: FieldChange[]) {
  const subject = { type: 'ticket', id: after.id };
  const base = { ticketId: after.id, number: after.number, version: after.version };
  await recordEvent(tx, ctx.actor, {
    workspaceId: after.workspaceId,
    type: 'ticket.updated',
    subject,
    payload: { ...base, fields: diff.map((d) => d.field) },
  });
  if (diff.some((d) => d.field === 'assigneeId' || d.field === 'teamId')) {
    await recordEvent(tx, ctx.actor, {
      workspaceId: after.workspaceId,
      type: 'ticket.assigned',
      subject,
      payload: { ...base, assigneeId: after.assigneeId, teamId: after.teamId, previousAssigneeId: before.assigneeId },
    });
  }
  if (before.status !== after.status) {
    await recordEvent(tx, ctx.actor, {
      workspaceId: after.workspaceId,
      type: 'ticket.status_changed',
      subject,
      payload: { ...base, from: before.status, to: after.status },
    });
  }
}

/** Hooks may ask for further changes (e.g. routing assigns); those are applied as automation. */
export async function runHooks(
  tx: Tx,
  ctx: Ctx,
  before: TicketRow | null,
  after: TicketRow,
  diff: FieldChange[],
  opts: ApplyOptions,
): Promise<TicketRow> {
  let current = after;
  let touched = false;
  for (const hook of opts.hooks.list()) {
    const change: TicketChange = {
      ctx,
      kind: opts.kind ?? 'updated',
      before,
      after: current,
      fields: diff.map((d) => d.field),
      ...(opts.message ? { message: opts.message } : {}),
    };
    const auto = await hook.afterWrite(tx, change);
    touched ||= change.touched === true;
    if (auto && Object.keys(auto).length) {
      const automation: Ctx = { ...ctx, actor: { kind: 'system', workspaceId: current.workspaceId } };
      current = await applyChanges(tx, automation, current, auto, { ...opts, customFields: {}, kind: 'updated' });
    }
  }
  if (!touched) return current;
  // A hook (SLA) wrote summary columns: return the row as committed.
  const [fresh] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, current.id));
  return (fresh as TicketRow) ?? current;
}

export function assertNotMerged(ticket: TicketRow): void {
  if (ticket.mergedIntoId) throw new AppError('ticket.merged', 409, 'This ticket was merged into another one');
}

export function assertVersion(ticket: TicketRow, expected: number | undefined): void {
  if (expected !== undefined && expected !== ticket.version) {
    throw new AppError(
      'ticket.version_mismatch',
      412,
      `The ticket changed since you loaded it (version ${expected}, now ${ticket.version})`,
    );
  }
}

export const invalidField = invalid;
