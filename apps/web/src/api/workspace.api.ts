import { apiFetch } from './apiFetch';
import type {
  Agent,
  Attachment,
  Availability,
  Category,
  CustomerCategory,
  CustomerCustomField,
  CustomField,
  Macro,
  Team,
  TicketPage,
  View,
  ViewCounts,
} from './types';

/** Lists come either bare or as `{ items }`; accept both so a change of envelope is not an outage. */
export function itemsOf<T>(body: T[] | { items: T[] } | undefined | null): T[] {
  if (!body) return [];
  return Array.isArray(body) ? body : (body.items ?? []);
}

type List<T> = T[] | { items: T[] };

/** Workspace configuration the agent workspace and portal read: views, macros, people, fields. */
export const workspaceApi = {
  views: async (signal?: AbortSignal) => itemsOf(await apiFetch<List<View>>('/views', { signal })),

  viewCounts: (signal?: AbortSignal) => apiFetch<ViewCounts>('/views/counts', { signal }),

  viewTickets: (id: string, params: { q?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    apiFetch<TicketPage>(`/views/${id}/tickets`, {
      query: { q: params.q?.trim() || undefined, cursor: params.cursor, limit: params.limit },
      signal,
    }),

  macros: async (signal?: AbortSignal) => itemsOf(await apiFetch<List<Macro>>('/macros', { signal })),

  teams: async (signal?: AbortSignal) => itemsOf(await apiFetch<List<Team>>('/teams', { signal })),

  agents: async (signal?: AbortSignal) => itemsOf(await apiFetch<List<Agent>>('/agents', { signal })),

  setAvailability: (availability: Availability) => apiFetch<Agent>('/me/availability', { method: 'PUT', body: { availability } }),

  customFields: async (signal?: AbortSignal) => itemsOf(await apiFetch<List<CustomField>>('/custom-fields', { signal })),

  customerFields: async (signal?: AbortSignal) => itemsOf(await apiFetch<List<CustomerCustomField>>('/custom-fields', { signal })),

  categories: async (signal?: AbortSignal) => itemsOf(await apiFetch<List<Category>>('/categories', { signal })),

  customerCategories: async (signal?: AbortSignal) => itemsOf(await apiFetch<List<CustomerCategory>>('/categories', { signal })),
};

export const attachmentsApi = {
  /** One file as multipart part "file"; the id goes into attachmentIds of a message or new ticket. */
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return apiFetch<Attachment>('/attachments', { method: 'POST', body: form });
  },

  discard: (id: string) => apiFetch<void>(`/attachments/${id}`, { method: 'DELETE' }),
};
