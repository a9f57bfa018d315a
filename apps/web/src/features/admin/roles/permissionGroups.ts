/** Sections of the permission picker, by the noun a permission starts with (`ticket.reply` → tickets). */
const GROUP_OF_NOUN: Record<string, PermissionGroup> = {
  ticket: 'tickets',
  chat: 'tickets',
  macro: 'tickets',
  kb: 'knowledge',
  user: 'people',
  customer: 'people',
  team: 'people',
  role: 'people',
  admin: 'administration',
  audit: 'administration',
  report: 'administration',
  api_token: 'administration',
  bot: 'administration',
};

export const PERMISSION_GROUPS = ['tickets', 'knowledge', 'people', 'administration', 'other'] as const;
export type PermissionGroup = (typeof PERMISSION_GROUPS)[number];

/** Staff roles never carry the customer's portal permission; the server refuses it too. */
const CUSTOMER_ONLY = new Set(['portal.use']);

/**
 * The server's permission catalog in picker order. A permission the UI does not know yet still
 * shows up (under "other") so a newer server never hides a choice.
 */
export function groupPermissions(catalog: readonly string[]): { group: PermissionGroup; permissions: string[] }[] {
  const grouped = new Map<PermissionGroup, string[]>(PERMISSION_GROUPS.map((group) => [group, []]));
  for (const permission of catalog) {
    if (CUSTOMER_ONLY.has(permission)) continue;
    const noun = permission.split('.')[0] ?? '';
    grouped.get(GROUP_OF_NOUN[noun] ?? 'other')?.push(permission);
  }
  return [...grouped].filter(([, permissions]) => permissions.length > 0).map(([group, permissions]) => ({ group, permissions }));
}

/** Toggle a whole group: all on if any is off, otherwise all off. Keeps catalog order. */
export function toggleGroup(selected: readonly string[], group: readonly string[], catalog: readonly string[]): string[] {
  const allOn = group.every((permission) => selected.includes(permission));
  const next = new Set(selected);
  for (const permission of group) {
    if (allOn) next.delete(permission);
    else next.add(permission);
  }
  return catalog.filter((permission) => next.has(permission));
}

/** i18n key suffix for a permission label: `api_token.create` → `api_token_create`. */
export function permissionKey(permission: string): string {
  return permission.replace(/\./g, '_');
}
