/**
 * The permission catalog. Roles are sets of these names; custom roles pick from them.
 * Naming: `noun.verb`. A permission never changes meaning once shipped.
 */
export const PERMISSIONS = [
  // customer self-service
  'portal.use',
  // tickets (issue 3 wires these)
  'ticket.read',
  'ticket.read_all',
  'ticket.reply',
  'ticket.note',
  'ticket.update',
  'ticket.assign',
  'ticket.merge',
  'ticket.delete',
  'chat.handle',
  'macro.use',
  'macro.manage',
  // knowledge base
  'kb.read_internal',
  'kb.write',
  'kb.review',
  'kb.publish',
  // people
  'user.read',
  'user.manage',
  'user.invite',
  'customer.manage',
  'team.manage',
  'role.manage',
  // administration
  'admin.settings',
  'audit.read',
  'report.read',
  'api_token.create',
  'bot.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const SYSTEM_ROLE_KEYS = ['customer', 'agent', 'supervisor', 'admin'] as const;
export type SystemRoleKey = (typeof SYSTEM_ROLE_KEYS)[number];

const AGENT: readonly Permission[] = [
  'ticket.read',
  'ticket.reply',
  'ticket.note',
  'ticket.update',
  'ticket.assign',
  'chat.handle',
  'macro.use',
  'kb.read_internal',
  'kb.write',
  'user.read',
  'api_token.create',
];

const SUPERVISOR: readonly Permission[] = [
  ...AGENT,
  'ticket.read_all',
  'ticket.merge',
  'macro.manage',
  'kb.review',
  'kb.publish',
  'customer.manage',
  'report.read',
  'audit.read',
];

/** Built-in roles every workspace gets; they cannot be edited or deleted. */
export const SYSTEM_ROLES: Record<SystemRoleKey, readonly Permission[]> = {
  customer: ['portal.use'],
  agent: AGENT,
  supervisor: SUPERVISOR,
  admin: PERMISSIONS.filter((p) => p !== 'portal.use'),
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
