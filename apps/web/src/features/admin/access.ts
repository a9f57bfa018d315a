import type { Permission } from '@switchboard/contracts';

/**
 * Who sees the admin console and which of its screens. Kept tiny and free of React so the
 * user menu can import it without pulling the admin chunk into the initial bundle.
 */
export const ADMIN_SECTIONS = [
  { key: 'users', permission: 'user.manage' },
  { key: 'roles', permission: 'role.manage' },
  { key: 'teams', permission: 'team.manage' },
  { key: 'categories', permission: 'admin.settings' },
  { key: 'fields', permission: 'admin.settings' },
  { key: 'sla', permission: 'admin.settings' },
  { key: 'routing', permission: 'team.manage' },
  { key: 'macros', permission: 'macro.manage' },
  { key: 'channels', permission: 'admin.settings' },
  { key: 'settings', permission: 'admin.settings' },
] as const satisfies readonly { key: string; permission: Permission }[];

export type AdminSectionKey = (typeof ADMIN_SECTIONS)[number]['key'];

/** The permission that makes someone an administrator (the built-in admin role and custom roles with it). */
export const ADMIN_PERMISSION: Permission = 'admin.settings';

interface UserLike {
  role: string;
  permissions: readonly string[];
}

/** Customers never reach the console, whatever a custom role grants them; the server refuses them too. */
export function canOpenAdmin(user: UserLike): boolean {
  return user.role !== 'customer' && user.permissions.includes(ADMIN_PERMISSION);
}

export function canOpenSection(user: UserLike, key: AdminSectionKey): boolean {
  const section = ADMIN_SECTIONS.find((candidate) => candidate.key === key);
  return canOpenAdmin(user) && section !== undefined && user.permissions.includes(section.permission);
}

export function allowedSections(user: UserLike): AdminSectionKey[] {
  return ADMIN_SECTIONS.filter((section) => canOpenSection(user, section.key)).map((section) => section.key);
}
