// Admin console: people and workspace-wide settings. Type-only contract imports keep zod out of the bundle.
import type {
  AgentSchema,
  CreateInvitationBodySchema,
  CreateRoleBodySchema,
  CreateTeamBodySchema,
  InvitationSchema,
  RoleSchema,
  TeamSchema,
  UpdateAgentBodySchema,
  UpdateRoleBodySchema,
  UpdateTeamBodySchema,
  UpdateUserBodySchema,
  UpdateWorkspaceBodySchema,
  UserSchema,
  WorkspaceSettingsSchema,
} from '@switchboard/contracts';
import { apiFetch } from './apiFetch';

type Output<S extends { _zod: { output: unknown } }> = S['_zod']['output'];
type Input<S extends { _zod: { input: unknown } }> = S['_zod']['input'];

export type AdminUser = Output<typeof UserSchema>;
export type Role = Output<typeof RoleSchema>;
export type Invitation = Output<typeof InvitationSchema>;
export type AdminTeam = Output<typeof TeamSchema>;
export type AdminAgent = Output<typeof AgentSchema>;
export type WorkspaceSettings = Output<typeof WorkspaceSettingsSchema>;

export type UpdateUserBody = Input<typeof UpdateUserBodySchema>;
export type CreateRoleBody = Input<typeof CreateRoleBodySchema>;
export type UpdateRoleBody = Input<typeof UpdateRoleBodySchema>;
export type CreateInvitationBody = Input<typeof CreateInvitationBodySchema>;
export type CreateTeamBody = Input<typeof CreateTeamBodySchema>;
export type UpdateTeamBody = Input<typeof UpdateTeamBodySchema>;
export type UpdateAgentBody = Input<typeof UpdateAgentBodySchema>;
export type UpdateWorkspaceBody = Input<typeof UpdateWorkspaceBodySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UserQuery {
  role?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit?: number;
}

export const usersAdminApi = {
  list: (query: UserQuery, signal?: AbortSignal) =>
    apiFetch<Page<AdminUser>>('/users', {
      query: { role: query.role || undefined, q: query.q?.trim() || undefined, cursor: query.cursor, limit: query.limit },
      signal,
    }),
  update: (id: string, body: UpdateUserBody) => apiFetch<AdminUser>(`/users/${id}`, { method: 'PATCH', body }),
  invitations: (signal?: AbortSignal) => apiFetch<Invitation[]>('/invitations', { signal }),
  invite: (body: CreateInvitationBody) => apiFetch<Invitation>('/invitations', { method: 'POST', body }),
  revokeInvitation: (id: string) => apiFetch<void>(`/invitations/${id}`, { method: 'DELETE' }),
};

export const rolesAdminApi = {
  list: (signal?: AbortSignal) => apiFetch<Role[]>('/roles', { signal }),
  permissions: (signal?: AbortSignal) => apiFetch<string[]>('/permissions', { signal }),
  create: (body: CreateRoleBody) => apiFetch<Role>('/roles', { method: 'POST', body }),
  update: (id: string, body: UpdateRoleBody) => apiFetch<Role>(`/roles/${id}`, { method: 'PATCH', body }),
  remove: (id: string) => apiFetch<void>(`/roles/${id}`, { method: 'DELETE' }),
};

export const teamsAdminApi = {
  list: async (signal?: AbortSignal) => (await apiFetch<{ items: AdminTeam[] }>('/teams', { signal })).items,
  create: (body: CreateTeamBody) => apiFetch<AdminTeam>('/teams', { method: 'POST', body }),
  update: (id: string, body: UpdateTeamBody) => apiFetch<AdminTeam>(`/teams/${id}`, { method: 'PATCH', body }),
  setMembers: (id: string, userIds: string[]) => apiFetch<AdminTeam>(`/teams/${id}/members`, { method: 'PUT', body: { userIds } }),
  remove: (id: string) => apiFetch<void>(`/teams/${id}`, { method: 'DELETE' }),
  agents: async (signal?: AbortSignal) => (await apiFetch<{ items: AdminAgent[] }>('/agents', { signal })).items,
  updateAgent: (id: string, body: UpdateAgentBody) => apiFetch<AdminAgent>(`/agents/${id}`, { method: 'PATCH', body }),
};

export const workspaceAdminApi = {
  get: (signal?: AbortSignal) => apiFetch<WorkspaceSettings>('/workspace', { signal }),
  update: (body: UpdateWorkspaceBody) => apiFetch<WorkspaceSettings>('/workspace', { method: 'PATCH', body }),
};
