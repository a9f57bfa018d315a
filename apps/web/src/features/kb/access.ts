import type { Permission } from '@switchboard/contracts';

/**
 * Who sees the staff knowledge base and which of its screens. Free of React so the agent
 * navigation can import it without pulling the knowledge-base chunk into the inbox bundle.
 */
interface UserLike {
  role: string;
  permissions: readonly string[];
}

export function hasPermission(user: UserLike, permission: Permission): boolean {
  return user.role !== 'customer' && user.permissions.includes(permission);
}

/** Staff who may read internal articles and drafts see the knowledge base at all. */
export function canOpenKb(user: UserLike): boolean {
  return hasPermission(user, 'kb.read_internal');
}

export const KB_SECTIONS = [
  { key: 'articles', permission: 'kb.read_internal' },
  { key: 'categories', permission: 'kb.publish' },
  { key: 'moderation', permission: 'kb.publish' },
  { key: 'analytics', permission: 'report.read' },
] as const satisfies readonly { key: string; permission: Permission }[];

export type KbSectionKey = (typeof KB_SECTIONS)[number]['key'];

export function allowedKbSections(user: UserLike): KbSectionKey[] {
  return canOpenKb(user) ? KB_SECTIONS.filter((s) => hasPermission(user, s.permission)).map((s) => s.key) : [];
}
