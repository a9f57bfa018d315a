import { type QueryClient, queryOptions } from '@tanstack/react-query';
import {
  fieldsAdminApi,
  macrosAdminApi,
  organizationsAdminApi,
  routingAdminApi,
  slaAdminApi,
  type TaxonomyKind,
  taxonomyAdminApi,
} from '../../api/admin-config.api';
import { rolesAdminApi, teamsAdminApi, usersAdminApi, workspaceAdminApi } from '../../api/admin-people.api';
import { sessionQueryKey } from '../auth/session';
import { configKeys } from '../tickets/ticketQueries';

/** Admin lists: always fresh when a screen opens, since admins act on what they see. */
export const adminKeys = {
  all: ['admin'] as const,
  users: ['admin', 'users'] as const,
  invitations: ['admin', 'invitations'] as const,
  roles: ['admin', 'roles'] as const,
  permissions: ['admin', 'permissions'] as const,
  teams: ['admin', 'teams'] as const,
  agents: ['admin', 'agents'] as const,
  taxonomy: (kind: TaxonomyKind) => ['admin', 'taxonomy', kind] as const,
  fields: ['admin', 'custom-fields'] as const,
  calendars: ['admin', 'calendars'] as const,
  policies: ['admin', 'sla-policies'] as const,
  rules: ['admin', 'routing-rules'] as const,
  macros: ['admin', 'macros'] as const,
  organizations: ['admin', 'organizations'] as const,
  workspace: ['admin', 'workspace'] as const,
};

export const rolesQuery = queryOptions({ queryKey: adminKeys.roles, queryFn: ({ signal }) => rolesAdminApi.list(signal) });
export const permissionsQuery = queryOptions({
  queryKey: adminKeys.permissions,
  queryFn: ({ signal }) => rolesAdminApi.permissions(signal),
  staleTime: Number.POSITIVE_INFINITY,
});
export const invitationsQuery = queryOptions({
  queryKey: adminKeys.invitations,
  queryFn: ({ signal }) => usersAdminApi.invitations(signal),
});
export const adminTeamsQuery = queryOptions({ queryKey: adminKeys.teams, queryFn: ({ signal }) => teamsAdminApi.list(signal) });
export const adminAgentsQuery = queryOptions({ queryKey: adminKeys.agents, queryFn: ({ signal }) => teamsAdminApi.agents(signal) });
export const taxonomyQuery = (kind: TaxonomyKind) =>
  queryOptions({ queryKey: adminKeys.taxonomy(kind), queryFn: ({ signal }) => taxonomyAdminApi.list(kind, signal) });
export const adminFieldsQuery = queryOptions({ queryKey: adminKeys.fields, queryFn: ({ signal }) => fieldsAdminApi.list(signal) });
export const calendarsQuery = queryOptions({ queryKey: adminKeys.calendars, queryFn: ({ signal }) => slaAdminApi.calendars(signal) });
export const policiesQuery = queryOptions({ queryKey: adminKeys.policies, queryFn: ({ signal }) => slaAdminApi.policies(signal) });
export const rulesQuery = queryOptions({ queryKey: adminKeys.rules, queryFn: ({ signal }) => routingAdminApi.list(signal) });
export const adminMacrosQuery = queryOptions({ queryKey: adminKeys.macros, queryFn: ({ signal }) => macrosAdminApi.list(signal) });
export const organizationsQuery = queryOptions({
  queryKey: adminKeys.organizations,
  queryFn: async ({ signal }) => (await organizationsAdminApi.list(signal)).items,
});
export const workspaceQuery = queryOptions({ queryKey: adminKeys.workspace, queryFn: ({ signal }) => workspaceAdminApi.get(signal) });

const SHARED_KEYS = {
  users: [adminKeys.users, adminKeys.roles, adminKeys.agents, configKeys.agents],
  invitations: [adminKeys.invitations],
  roles: [adminKeys.roles],
  teams: [adminKeys.teams, adminKeys.agents, configKeys.teams, configKeys.agents],
  category: [adminKeys.taxonomy('category'), configKeys.categories],
  type: [adminKeys.taxonomy('type')],
  fields: [adminKeys.fields, configKeys.customFields],
  sla: [adminKeys.calendars, adminKeys.policies],
  rules: [adminKeys.rules],
  macros: [adminKeys.macros, configKeys.macros],
  workspace: [adminKeys.workspace, sessionQueryKey],
} satisfies Record<string, readonly (readonly unknown[])[]>;

/**
 * After a change, refresh the admin list and the copy the agent workspace caches, so a new
 * team or field shows up in the inbox without a reload.
 */
export function refreshAfterChange(queryClient: QueryClient, area: keyof typeof SHARED_KEYS): Promise<unknown> {
  return Promise.all(SHARED_KEYS[area].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
