import type { TicketListParams } from '../../api/tickets.api';

/** Statuses that still need work ("open" in the everyday sense). */
export const UNSOLVED: readonly string[] = ['new', 'open', 'pending', 'on_hold'];

export type BuiltinViewKey = 'mine' | 'unassigned' | 'all';

/** Views every agent has, expressed as ticket list filters; saved views come from /views. */
export const BUILTIN_VIEWS: readonly { key: BuiltinViewKey; filters: TicketListParams }[] = [
  { key: 'mine', filters: { assignee: ['me'], status: UNSOLVED } },
  { key: 'unassigned', filters: { assignee: ['unassigned'], status: UNSOLVED } },
  { key: 'all', filters: { status: UNSOLVED } },
];

export const DEFAULT_VIEW: BuiltinViewKey = 'mine';

export function builtinView(key: string | undefined) {
  return BUILTIN_VIEWS.find((view) => view.key === key);
}
