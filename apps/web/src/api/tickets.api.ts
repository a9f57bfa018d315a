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
  TicketPage,
  TicketStatus,
} from './types';

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
  bodyText: string;
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

  rate: (id: string, body: { score: number; comment?: string }) =>
    apiFetch<CustomerTicket>(`/tickets/${id}/satisfaction`, { method: 'POST', body }),

  previewMacro: (id: string, macroId: string) => apiFetch<MacroPreview>(`/tickets/${id}/macros/${macroId}/preview`, { method: 'POST' }),

  applyMacro: (id: string, macroId: string, version?: number) =>
    apiFetch<Ticket>(`/tickets/${id}/macros/${macroId}/apply`, { method: 'POST', headers: ifMatch(version) }),
};
