// The assistant's admin API (issue #7): settings, triage, Q&A, flows, handoff rules, provider, try-it.
// Type-only contract imports keep zod out of the bundle.
import type {
  AssistantSettingsBodySchema,
  AssistantSettingsSchema,
  AssistantTryBodySchema,
  AssistantTryResultSchema,
  BotDecisionSchema,
  FlowBodySchema,
  FlowSchema,
  FlowSettingsSchema,
  FlowStepSchema,
  HandoffConditionSchema,
  HandoffRuleBodySchema,
  HandoffRuleSchema,
  ProviderCallSchema,
  ProviderSettingsBodySchema,
  ProviderSettingsSchema,
  ProviderTestResultSchema,
  QaPairBodySchema,
  QaPairSchema,
  TriageSettingsBodySchema,
  TriageSettingsSchema,
} from '@switchboard/contracts';
import { apiFetch } from './apiFetch';

type Output<S extends { _zod: { output: unknown } }> = S['_zod']['output'];
type Input<S extends { _zod: { input: unknown } }> = S['_zod']['input'];

export type AssistantSettings = Output<typeof AssistantSettingsSchema>;
export type AssistantSettingsBody = Input<typeof AssistantSettingsBodySchema>;
export type TriageSettings = Output<typeof TriageSettingsSchema>;
export type TriageSettingsBody = Input<typeof TriageSettingsBodySchema>;
export type QaPair = Output<typeof QaPairSchema>;
export type QaPairBody = Input<typeof QaPairBodySchema>;
export type Flow = Output<typeof FlowSchema>;
export type FlowBody = Input<typeof FlowBodySchema>;
export type FlowStep = Output<typeof FlowStepSchema>;
export type FlowSettings = Output<typeof FlowSettingsSchema>;
export type HandoffRule = Output<typeof HandoffRuleSchema>;
export type HandoffRuleBody = Input<typeof HandoffRuleBodySchema>;
export type HandoffCondition = Output<typeof HandoffConditionSchema>;
export type ProviderSettings = Output<typeof ProviderSettingsSchema>;
export type ProviderSettingsBody = Input<typeof ProviderSettingsBodySchema>;
export type ProviderTestResult = Output<typeof ProviderTestResultSchema>;
export type ProviderCall = Output<typeof ProviderCallSchema>;
export type BotDecision = Output<typeof BotDecisionSchema>;
export type AssistantTryBody = Input<typeof AssistantTryBodySchema>;
export type AssistantTryResult = Output<typeof AssistantTryResultSchema>;

const base = '/assistant';
type Items<T> = { items: T[] };

/** CRUD of one admin-defined collection under /assistant/<path>. */
function crud<T, B>(path: string) {
  const url = `${base}/${path}`;
  return {
    list: async (signal?: AbortSignal) => (await apiFetch<Items<T>>(url, { signal })).items,
    create: (body: B) => apiFetch<T>(url, { method: 'POST', body }),
    update: (id: string, body: B) => apiFetch<T>(`${url}/${id}`, { method: 'PUT', body }),
    remove: (id: string) => apiFetch<void>(`${url}/${id}`, { method: 'DELETE' }),
  };
}

export const assistantApi = {
  settings: (signal?: AbortSignal) => apiFetch<AssistantSettings>(`${base}/settings`, { signal }),
  saveSettings: (body: AssistantSettingsBody) => apiFetch<AssistantSettings>(`${base}/settings`, { method: 'PUT', body }),
  triageSettings: (signal?: AbortSignal) => apiFetch<TriageSettings>(`${base}/triage-settings`, { signal }),
  saveTriageSettings: (body: TriageSettingsBody) => apiFetch<TriageSettings>(`${base}/triage-settings`, { method: 'PUT', body }),
  retrainTriage: () => apiFetch<{ queued: true }>(`${base}/triage/retrain`, { method: 'POST' }),
  qa: crud<QaPair, QaPairBody>('qa'),
  flows: crud<Flow, FlowBody>('flows'),
  handoffRules: crud<HandoffRule, HandoffRuleBody>('handoff-rules'),
  flowSettings: (signal?: AbortSignal) => apiFetch<FlowSettings>(`${base}/flow-settings`, { signal }),
  saveFlowSettings: (body: FlowSettings) => apiFetch<FlowSettings>(`${base}/flow-settings`, { method: 'PUT', body }),
  provider: (signal?: AbortSignal) => apiFetch<ProviderSettings>(`${base}/provider`, { signal }),
  saveProvider: (body: ProviderSettingsBody) => apiFetch<ProviderSettings>(`${base}/provider`, { method: 'PUT', body }),
  testProvider: () => apiFetch<ProviderTestResult>(`${base}/provider/test`, { method: 'POST' }),
  providerCalls: async (signal?: AbortSignal) =>
    (await apiFetch<Items<ProviderCall>>(`${base}/provider/calls`, { query: { limit: 50 }, signal })).items,
  tryIt: (body: AssistantTryBody) => apiFetch<AssistantTryResult>(`${base}/try`, { method: 'POST', body }),
  decisions: async (ticketId: string, signal?: AbortSignal) =>
    (await apiFetch<Items<BotDecision>>(`${base}/decisions`, { query: { ticketId }, signal })).items,
};
