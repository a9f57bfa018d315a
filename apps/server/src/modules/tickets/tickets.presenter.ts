import { type AssistantHandoff, AssistantHandoffSchema, type TicketStatus } from '@switchboard/contracts';
import { customerVisibleValues, type FieldDef } from './custom-fields.js';
import type { AttachmentRow, MessageRow, TicketRow, UserSummary } from './tickets.repo.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export interface SlaClockView {
  metric: 'first_response' | 'next_response' | 'resolution';
  targetMinutes: number;
  state: 'running' | 'paused' | 'met' | 'breached';
  dueAt: string | null;
  breachedAt: string | null;
  completedAt: string | null;
}

function userRef(u: UserSummary | undefined, id: string) {
  if (!u) return { id, name: 'Deleted user', email: null, kind: 'customer' as const };
  return { id: u.id, name: u.name, email: u.email, kind: u.role === 'customer' ? ('customer' as const) : ('agent' as const) };
}

export function presentTicketForAgent(
  t: TicketRow,
  extra: { users: Map<string, UserSummary>; followerIds?: string[]; clocks?: SlaClockView[] },
) {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status as TicketStatus,
    priority: t.priority as 'low' | 'normal' | 'high' | 'urgent',
    typeId: t.typeId,
    categoryId: t.categoryId,
    channel: t.channel as 'portal',
    language: t.language,
    requester: userRef(extra.users.get(t.requesterId), t.requesterId),
    organizationId: t.organizationId,
    assigneeId: t.assigneeId,
    teamId: t.teamId,
    tags: t.tags,
    customFields: t.customFields as Record<string, string | number | boolean | string[] | null>,
    followerIds: extra.followerIds ?? [],
    version: t.version,
    mergedIntoId: t.mergedIntoId,
    sla: {
      state: t.slaState as 'none',
      dueAt: iso(t.slaDueAt),
      policyId: t.slaPolicyId,
      clocks: extra.clocks ?? [],
    },
    messageCount: t.messageCount,
    lastSeq: t.lastSeq,
    firstResponseAt: iso(t.firstResponseAt),
    lastMessageAt: iso(t.lastMessageAt),
    solvedAt: iso(t.solvedAt),
    closedAt: iso(t.closedAt),
    reopenedCount: t.reopenedCount,
    satisfaction: t.satisfaction,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The customer's view: never team, tags, SLA, internal fields, staff ids or internal notes. */
export function presentTicketForCustomer(
  t: TicketRow,
  extra: { users: Map<string, UserSummary>; defs: readonly FieldDef[]; viewerId: string; mergedIntoNumber: number | null },
) {
  const requester = extra.users.get(t.requesterId);
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status as TicketStatus,
    categoryId: t.categoryId,
    channel: t.channel as 'portal',
    requester: { id: t.requesterId, name: requester?.name ?? '' },
    assigneeName: t.assigneeId ? (extra.users.get(t.assigneeId)?.name ?? null) : null,
    customFields: customerVisibleValues(extra.defs, t.customFields) as Record<string, string | number | boolean | string[] | null>,
    following: t.requesterId !== extra.viewerId,
    mergedIntoNumber: extra.mergedIntoNumber,
    lastSeq: t.lastSeq,
    satisfaction: t.satisfaction,
    satisfactionComment: t.satisfactionComment,
    solvedAt: iso(t.solvedAt),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

const PREVIEWABLE = /^image\/(png|jpeg|gif|webp)$/;

export function presentAttachment(a: AttachmentRow) {
  return {
    id: a.id,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    url: `/api/v1/attachments/${a.id}`,
    previewable: PREVIEWABLE.test(a.contentType),
    createdAt: a.createdAt.toISOString(),
  };
}

export function presentMessageForAgent(m: MessageRow, users: Map<string, UserSummary>, files: AttachmentRow[] = []) {
  return {
    id: m.id,
    ticketId: m.ticketId,
    seq: m.seq,
    kind: m.kind,
    author: m.authorId ? userRef(users.get(m.authorId), m.authorId) : null,
    authorKind: m.authorKind,
    channel: m.channel,
    bodyHtml: m.bodyHtml,
    bodyText: m.bodyText,
    event: m.event ?? null,
    mentions: m.mentions,
    attachments: files.map(presentAttachment),
    deliveryState: m.deliveryState,
    pinned: m.kind === 'note' && m.meta?.pinned === true,
    assistantHandoff: m.kind === 'note' ? handoffOf(m.meta) : null,
    createdAt: m.createdAt.toISOString(),
  };
}

/** The assistant's briefing stored in a note's meta, when it is one (older or foreign meta: null). */
function handoffOf(meta: Record<string, unknown> | null | undefined): AssistantHandoff | null {
  const parsed = AssistantHandoffSchema.safeParse(meta?.assistantHandoff);
  return parsed.success ? parsed.data : null;
}

/**
 * Customers get public replies only. Returns null for notes and internal events so a caller
 * that forgets to filter still cannot leak one.
 */
export function presentMessageForCustomer(m: MessageRow, users: Map<string, UserSummary>, files: AttachmentRow[] = []) {
  if (m.kind !== 'reply') return null;
  const author = m.authorId ? users.get(m.authorId) : undefined;
  return {
    id: m.id,
    ticketId: m.ticketId,
    seq: m.seq,
    kind: 'reply' as const,
    author: author
      ? { id: author.id, name: author.name, email: null, kind: author.role === 'customer' ? ('customer' as const) : ('agent' as const) }
      : null,
    authorKind: m.authorKind,
    channel: m.channel,
    bodyHtml: m.bodyHtml,
    bodyText: m.bodyText,
    event: null,
    mentions: [],
    attachments: files.map(presentAttachment),
    deliveryState: m.deliveryState,
    pinned: false,
    assistantHandoff: null,
    createdAt: m.createdAt.toISOString(),
  };
}
