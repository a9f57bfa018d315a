import type { Intent, IntentBody, IntentList } from '@switchboard/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from '../../api/apiFetch';

export type { Intent, IntentBody, IntentList };

export const intentKeys = { all: ['admin', 'assistant', 'intents'] as const };

const one = (id: string) => `/assistant/intents/${encodeURIComponent(id)}`;

export const intentsApi = {
  list: (signal?: AbortSignal) => apiFetch<IntentList>('/assistant/intents', { signal }),
  create: (body: IntentBody) => apiFetch<Intent>('/assistant/intents', { method: 'POST', body }),
  update: (id: string, body: IntentBody) => apiFetch<Intent>(one(id), { method: 'PUT', body }),
  remove: (id: string) => apiFetch<void>(one(id), { method: 'DELETE' }),
};

export const intentsQuery = queryOptions({ queryKey: intentKeys.all, queryFn: ({ signal }) => intentsApi.list(signal) });

/** The fields of an intent that the API takes back on PUT. */
export const bodyOf = (i: Intent): IntentBody => ({ name: i.name, description: i.description, examples: i.examples, enabled: i.enabled });
