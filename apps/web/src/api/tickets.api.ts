import type { LinkedTicketSchema, ScheduledMessage, TicketSortSchema } from '@switchboard/contracts';
import { apiFetch } from './apiFetch';
import type {
  AddMessageResult,
  BulkUpdateResult,
  CreateTicketBody,
  CustomerTicket,
  CustomerTicketPage,
  MacroPreview,
  Message,
  Ticket,
  TicketChanges,
  TicketFilters,
  TicketPage,
  TicketStatus,
  View,
} from './types';

export type LinkedTicket = (typeof LinkedTicketSchema)['_zod']['output'];
/** POST /views (PATCH takes any part of it). */
export interface ViewBody {
  name: string;
  shared: boolean;
  filters: TicketFilters;
  sort: (typeof TicketSortSchema)['_zod']['output'];
}

/** Filters of GET /tickets; every list is sent comma-separated (`status=open,pending`). */
export interface TicketListParams {
  status?: readonly string[];
  priority?: readonly string[];
  assignee?: readonly string[];
  team?: readonly string[];
  requesterId?: readonly string[];
  q?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
}

export interface NewMessage {
  kind: 'reply' | 'note';
  /** One of the two: rich HTML (sanitized by the server) or plain text. */
  bodyText?: string;
  bodyHtml?: string;
  attachmentIds?: string[];
  status?: TicketStatus;
  seenSeq?: number;
  force?: boolean;
}

/** Largest page the messages endpoint serves. */
export const MESSAGES_PAGE = 500;

export function ticketListQuery(params: TicketListParams): Record<string, string | number | undefined> {
  const csv = (values?: readonly string[]) => (values?.length ? values.join(',') : undefined);
  return {
    status: csv(params.status),
    priority: csv(params.priority),
    assignee: csv(params.assignee),
    team: csv(params.team),
    requesterId: csv(params.requesterId),
    q: params.q?.trim() || undefined,
    sort: params.sort,
    cursor: params.cursor,
    limit: params.limit,
  };
}

/** A random key for Idempotency-Key; randomUUID needs a secure context, so plain-HTTP installs fall back. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false)
    return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** `If-Match: "7"`: the server answers 412 ticket.version_mismatch instead of overwriting a newer change. */
export function ifMatch(version: number | undefined): Record<string, string> | undefined {
  return version === undefined ? undefined : { 'if-match': `"${version}"` };
}

export const ticketsApi = {
  list: (params: TicketListParams, signal?: AbortSignal) => apiFetch<TicketPage>('/tickets', { query: ticketListQuery(params), signal }),

  listMine: (params: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
    apiFetch<CustomerTicketPage>('/tickets', { query: { cursor: params.cursor, limit: params.limit }, signal }),

  get: (id: string, signal?: AbortSignal) => apiFetch<Ticket>(`/tickets/${id}`, { signal }),

  getForCustomer: (id: string, signal?: AbortSignal) => apiFetch<CustomerTicket>(`/tickets/${id}`, { signal }),

  /** The same `idempotencyKey` on a retry returns the ticket created the first time instead of a duplicate. */
  create: (body: CreateTicketBody, idempotencyKey?: string) =>
    apiFetch<CustomerTicket>('/tickets', {
      method: 'POST',
      body,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined,
    }),

  update: (id: string, changes: TicketChanges, version?: number) =>
    apiFetch<Ticket>(`/tickets/${id}`, { method: 'PATCH', body: changes, headers: ifMatch(version) }),

  markSolved: (id: string) => apiFetch<CustomerTicket>(`/tickets/${id}`, { method: 'PATCH', body: { status: 'solved' } }),

  bulk: (ids: string[], changes: Omit<TicketChanges, 'subject'>) =>
    apiFetch<BulkUpdateResult>('/tickets/bulk', { method: 'POST', body: { ids, changes } }),

  messages: (id: string, afterSeq: number, signal?: AbortSignal) =>
    apiFetch<{ items: Message[] }>(`/tickets/${id}/messages`, { query: { afterSeq, limit: MESSAGES_PAGE }, signal }),

  addMessage: (id: string, body: NewMessage) => apiFetch<AddMessageResult>(`/tickets/${id}/messages`, { method: 'POST', body }),

  /** Sends the message at `sendAt` (202 with the scheduled message) instead of now. */
  schedule: (id: string, body: NewMessage & { sendAt: string }) =>
    apiFetch<ScheduledMessage>(`/tickets/${id}/messages`, { method: 'POST', body }),

  scheduled: (id: string, signal?: AbortSignal) => apiFetch<{ items: ScheduledMessage[] }>(`/tickets/${id}/scheduled`, { signal }),

  cancelScheduled: (scheduledId: string) => apiFetch<void>(`/scheduled-messages/${scheduledId}`, { method: 'DELETE' }),

  rate: (id: string, body: { score: number; comment?: string }) =>
    apiFetch<CustomerTicket>(`/tickets/${id}/satisfaction`, { method: 'POST', body }),

  previewMacro: (id: string, macroId: string) => apiFetch<MacroPreview>(`/tickets/${id}/macros/${macroId}/preview`, { method: 'POST' }),

  applyMacro: (id: string, macroId: string, version?: number) =>
    apiFetch<Ticket>(`/tickets/${id}/macros/${macroId}/apply`, { method: 'POST', headers: ifMatch(version) }),
};

/** Links between related tickets, merging one into another, and splitting a reply off. */
export const ticketLinksApi = {
  links: (id: string, signal?: AbortSignal) => apiFetch<{ items: LinkedTicket[] }>(`/tickets/${id}/links`, { signal }),

  /** 201 for a new link, 200 when the two were linked already; either way the other ticket. */
  link: (id: string, otherId: string) => apiFetch<LinkedTicket>(`/tickets/${id}/links`, { method: 'POST', body: { otherId } }),

  unlink: (id: string, otherId: string) => apiFetch<void>(`/tickets/${id}/links/${otherId}`, { method: 'DELETE' }),

  /** Returns the target ticket; the source closes pointing at it. */
  merge: (id: string, body: { targetId: string; note?: string }) => apiFetch<Ticket>(`/tickets/${id}/merge`, { method: 'POST', body }),

  /** Returns the new ticket, linked to this one. */
  split: (id: string, body: { messageId: string; subject: string }) => apiFetch<Ticket>(`/tickets/${id}/split`, { method: 'POST', body }),
};

/** Saved views: create, change and delete (listing and counts live in workspaceApi). */
export const viewsApi = {
  create: (body: ViewBody) => apiFetch<View>('/views', { method: 'POST', body }),

  update: (id: string, body: Partial<ViewBody>) => apiFetch<View>(`/views/${id}`, { method: 'PATCH', body }),

  remove: (id: string) => apiFetch<void>(`/views/${id}`, { method: 'DELETE' }),
};
