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
  // The assistant's screens (issue #7), shown as their own group. The settings and "try it"
  // screens also call bot.manage routes. Labels: `assistantAdmin.nav.<key>`.
  { key: 'assistant-settings', permission: 'bot.manage', group: 'assistant' },
  { key: 'assistant-qa', permission: 'admin.settings', group: 'assistant' },
  { key: 'assistant-flows', permission: 'admin.settings', group: 'assistant' },
  { key: 'assistant-handoff', permission: 'admin.settings', group: 'assistant' },
  { key: 'assistant-provider', permission: 'admin.settings', group: 'assistant' },
  { key: 'assistant-try', permission: 'bot.manage', group: 'assistant' },
  { key: 'assistant-intents', permission: 'admin.settings', group: 'assistant' },
  { key: 'assistant-insights', permission: 'report.read', group: 'assistant' },
] as const satisfies readonly AdminSection[];

/** Sections with a group are listed under that group's heading in the navigation. */
export type AdminSectionGroup = 'assistant';

interface AdminSection {
  key: string;
  permission: Permission;
  group?: AdminSectionGroup;
}

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

type SectionOfGroup<G extends AdminSectionGroup> = Extract<(typeof ADMIN_SECTIONS)[number], { group: G }>['key'];
/** Sections of the assistant group; their labels live under `assistantAdmin.nav`. */
export type AssistantSectionKey = SectionOfGroup<'assistant'>;
/** Everything else; labels under `admin.nav`. */
export type CoreSectionKey = Exclude<AdminSectionKey, AssistantSectionKey>;

export function isAssistantSection(key: AdminSectionKey): key is AssistantSectionKey {
  return sectionGroup(key) === 'assistant';
}

/** The group a section is listed under, or null for the ungrouped ones. */
export function sectionGroup(key: AdminSectionKey): AdminSectionGroup | null {
  const section: AdminSection | undefined = ADMIN_SECTIONS.find((candidate) => candidate.key === key);
  return section?.group ?? null;
}
