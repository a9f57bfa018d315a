import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { assistantApi } from '../../../api/assistant.api';

/** The assistant's admin data; like every admin list, fresh when a screen opens. */
export const assistantKeys = {
  all: ['admin', 'assistant'] as const,
  settings: ['admin', 'assistant', 'settings'] as const,
  triage: ['admin', 'assistant', 'triage-settings'] as const,
  qa: ['admin', 'assistant', 'qa'] as const,
  flows: ['admin', 'assistant', 'flows'] as const,
  flowSettings: ['admin', 'assistant', 'flow-settings'] as const,
  handoffRules: ['admin', 'assistant', 'handoff-rules'] as const,
  provider: ['admin', 'assistant', 'provider'] as const,
  providerCalls: ['admin', 'assistant', 'provider-calls'] as const,
  decisions: (ticketId: string) => ['admin', 'assistant', 'decisions', ticketId] as const,
};

export const assistantSettingsQuery = queryOptions({
  queryKey: assistantKeys.settings,
  queryFn: ({ signal }) => assistantApi.settings(signal),
});
export const triageSettingsQuery = queryOptions({
  queryKey: assistantKeys.triage,
  queryFn: ({ signal }) => assistantApi.triageSettings(signal),
});
export const qaPairsQuery = queryOptions({ queryKey: assistantKeys.qa, queryFn: ({ signal }) => assistantApi.qa.list(signal) });
export const flowsQuery = queryOptions({ queryKey: assistantKeys.flows, queryFn: ({ signal }) => assistantApi.flows.list(signal) });
export const flowSettingsQuery = queryOptions({
  queryKey: assistantKeys.flowSettings,
  queryFn: ({ signal }) => assistantApi.flowSettings(signal),
});
export const handoffRulesQuery = queryOptions({
  queryKey: assistantKeys.handoffRules,
  queryFn: ({ signal }) => assistantApi.handoffRules.list(signal),
});
export const providerQuery = queryOptions({ queryKey: assistantKeys.provider, queryFn: ({ signal }) => assistantApi.provider(signal) });
export const providerCallsQuery = queryOptions({
  queryKey: assistantKeys.providerCalls,
  queryFn: ({ signal }) => assistantApi.providerCalls(signal),
});
export const decisionsQuery = (ticketId: string) =>
  queryOptions({ queryKey: assistantKeys.decisions(ticketId), queryFn: ({ signal }) => assistantApi.decisions(ticketId, signal) });

/** Reload one area's data after a change. */
export function refreshAssistant(queryClient: QueryClient, key: readonly unknown[]): Promise<unknown> {
  return queryClient.invalidateQueries({ queryKey: key });
}
