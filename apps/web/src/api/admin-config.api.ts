// Admin console: ticket configuration, SLAs, routing and macros. Type-only contract imports.
import type {
  BusinessCalendarSchema,
  CreateBusinessCalendarBodySchema,
  CreateCustomFieldBodySchema,
  CreateMacroBodySchema,
  CreateSlaPolicyBodySchema,
  CreateTaxonomyBodySchema,
  CustomFieldSchema,
  MacroActionSchema,
  MacroSchema,
  OrganizationSchema,
  SlaPolicySchema,
  TaxonomyKind,
  TaxonomySchema,
  UpdateBusinessCalendarBodySchema,
  UpdateCustomFieldBodySchema,
  UpdateMacroBodySchema,
  UpdateSlaPolicyBodySchema,
  UpdateTaxonomyBodySchema,
} from '@switchboard/contracts';
import type { Page } from './admin-people.api';
import { apiFetch } from './apiFetch';

type Output<S extends { _zod: { output: unknown } }> = S['_zod']['output'];
type Input<S extends { _zod: { input: unknown } }> = S['_zod']['input'];

export type { TaxonomyKind };
export type TaxonomyEntry = Output<typeof TaxonomySchema>;
export type AdminCustomField = Output<typeof CustomFieldSchema>;
export type BusinessCalendar = Output<typeof BusinessCalendarSchema>;
export type SlaPolicy = Output<typeof SlaPolicySchema>;
export type AdminMacro = Output<typeof MacroSchema>;
export type MacroAction = Output<typeof MacroActionSchema>;
export type Organization = Output<typeof OrganizationSchema>;

export type CreateTaxonomyBody = Input<typeof CreateTaxonomyBodySchema>;
export type UpdateTaxonomyBody = Input<typeof UpdateTaxonomyBodySchema>;
export type CreateCustomFieldBody = Input<typeof CreateCustomFieldBodySchema>;
export type UpdateCustomFieldBody = Input<typeof UpdateCustomFieldBodySchema>;
export type CreateCalendarBody = Input<typeof CreateBusinessCalendarBodySchema>;
export type UpdateCalendarBody = Input<typeof UpdateBusinessCalendarBodySchema>;
export type CreateSlaPolicyBody = Input<typeof CreateSlaPolicyBodySchema>;
export type UpdateSlaPolicyBody = Input<typeof UpdateSlaPolicyBodySchema>;
export type CreateMacroBody = Input<typeof CreateMacroBodySchema>;
export type UpdateMacroBody = Input<typeof UpdateMacroBodySchema>;

// Routing rule DTOs live in the server module (apps/server/src/modules/routing/routing.contracts.ts);
// these mirror them for the browser.
export type ScalarRuleField = 'channel' | 'language' | 'priority' | 'categoryId' | 'organizationId';
export type RuleCondition =
  | { field: ScalarRuleField; op: 'in' | 'not_in'; values: string[] }
  | { field: 'tags'; op: 'has_any' | 'has_all' | 'has_none'; values: string[] };
export interface RequiredSkill {
  skill: string;
  minLevel: number;
}
export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: RuleCondition[];
  action: { teamId: string | null; skills: RequiredSkill[] };
  createdAt: string;
  updatedAt: string;
}
export type RoutingRuleBody = Omit<RoutingRule, 'id' | 'createdAt' | 'updatedAt'>;

const TAXONOMY_PATHS: Record<TaxonomyKind, string> = { category: '/categories', type: '/ticket-types' };

export const taxonomyAdminApi = {
  list: (kind: TaxonomyKind, signal?: AbortSignal) =>
    apiFetch<TaxonomyEntry[]>(TAXONOMY_PATHS[kind], { query: { includeArchived: true }, signal }),
  create: (kind: TaxonomyKind, body: CreateTaxonomyBody) => apiFetch<TaxonomyEntry>(TAXONOMY_PATHS[kind], { method: 'POST', body }),
  update: (kind: TaxonomyKind, id: string, body: UpdateTaxonomyBody) =>
    apiFetch<TaxonomyEntry>(`${TAXONOMY_PATHS[kind]}/${id}`, { method: 'PATCH', body }),
  archive: (kind: TaxonomyKind, id: string) => apiFetch<void>(`${TAXONOMY_PATHS[kind]}/${id}`, { method: 'DELETE' }),
};

export const fieldsAdminApi = {
  list: (signal?: AbortSignal) => apiFetch<AdminCustomField[]>('/custom-fields', { query: { includeArchived: true }, signal }),
  create: (body: CreateCustomFieldBody) => apiFetch<AdminCustomField>('/custom-fields', { method: 'POST', body }),
  update: (id: string, body: UpdateCustomFieldBody) => apiFetch<AdminCustomField>(`/custom-fields/${id}`, { method: 'PATCH', body }),
  archive: (id: string) => apiFetch<void>(`/custom-fields/${id}`, { method: 'DELETE' }),
};

export const slaAdminApi = {
  calendars: async (signal?: AbortSignal) => (await apiFetch<{ items: BusinessCalendar[] }>('/business-calendars', { signal })).items,
  createCalendar: (body: CreateCalendarBody) => apiFetch<BusinessCalendar>('/business-calendars', { method: 'POST', body }),
  updateCalendar: (id: string, body: UpdateCalendarBody) =>
    apiFetch<BusinessCalendar>(`/business-calendars/${id}`, { method: 'PATCH', body }),
  removeCalendar: (id: string) => apiFetch<void>(`/business-calendars/${id}`, { method: 'DELETE' }),
  policies: async (signal?: AbortSignal) => (await apiFetch<{ items: SlaPolicy[] }>('/sla-policies', { signal })).items,
  createPolicy: (body: CreateSlaPolicyBody) => apiFetch<SlaPolicy>('/sla-policies', { method: 'POST', body }),
  updatePolicy: (id: string, body: UpdateSlaPolicyBody) => apiFetch<SlaPolicy>(`/sla-policies/${id}`, { method: 'PATCH', body }),
  removePolicy: (id: string) => apiFetch<void>(`/sla-policies/${id}`, { method: 'DELETE' }),
};

export const routingAdminApi = {
  list: async (signal?: AbortSignal) => (await apiFetch<{ items: RoutingRule[] }>('/routing-rules', { signal })).items,
  create: (body: Partial<RoutingRuleBody> & Pick<RoutingRuleBody, 'name' | 'conditions' | 'action'>) =>
    apiFetch<RoutingRule>('/routing-rules', { method: 'POST', body }),
  update: (id: string, body: Partial<RoutingRuleBody>) => apiFetch<RoutingRule>(`/routing-rules/${id}`, { method: 'PATCH', body }),
  remove: (id: string) => apiFetch<void>(`/routing-rules/${id}`, { method: 'DELETE' }),
};

export const macrosAdminApi = {
  list: async (signal?: AbortSignal) => (await apiFetch<{ items: AdminMacro[] }>('/macros', { signal })).items,
  create: (body: CreateMacroBody) => apiFetch<AdminMacro>('/macros', { method: 'POST', body }),
  update: (id: string, body: UpdateMacroBody) => apiFetch<AdminMacro>(`/macros/${id}`, { method: 'PATCH', body }),
  remove: (id: string) => apiFetch<void>(`/macros/${id}`, { method: 'DELETE' }),
};

/** Organizations are picked by name in SLA and routing conditions; the first page is enough to choose from. */
export const organizationsAdminApi = {
  list: (signal?: AbortSignal) => apiFetch<Page<Organization>>('/organizations', { query: { limit: 200 }, signal }),
};
