import type { MacroAction, TicketPriority, TicketStatus } from '@switchboard/contracts';

/** The field changes of a macro, in the shape `applyChanges` takes (custom fields still unvalidated). */
export interface MacroChanges {
  status?: TicketStatus;
  priority?: TicketPriority;
  typeId?: string | null;
  categoryId?: string | null;
  teamId?: string | null;
  assigneeId?: string | null;
  addTags?: string[];
  removeTags?: string[];
  customFields?: Record<string, string | number | boolean | string[] | null>;
}

type FieldAction = Exclude<MacroAction, { type: 'reply' | 'note' }>;
type Apply<K extends FieldAction['type']> = (c: MacroChanges, a: Extract<FieldAction, { type: K }>, agentId: string) => void;

const union = (a: string[] | undefined, b: string[]) => [...new Set([...(a ?? []), ...b])];

/** One entry per field action: how it contributes to the change set. */
const FIELD_ACTIONS: { [K in FieldAction['type']]: Apply<K> } = {
  set_status: (c, a) => {
    c.status = a.value;
  },
  set_priority: (c, a) => {
    c.priority = a.value;
  },
  set_type: (c, a) => {
    c.typeId = a.value;
  },
  set_category: (c, a) => {
    c.categoryId = a.value;
  },
  assign_team: (c, a) => {
    c.teamId = a.value;
  },
  assign_agent: (c, a, agentId) => {
    c.assigneeId = a.value === 'me' ? agentId : a.value;
  },
  add_tags: (c, a) => {
    c.addTags = union(c.addTags, a.value);
    // A later add undoes an earlier remove of the same tag.
    if (c.removeTags) c.removeTags = c.removeTags.filter((t) => !a.value.includes(t));
  },
  remove_tags: (c, a) => {
    c.removeTags = union(c.removeTags, a.value);
    if (c.addTags) c.addTags = c.addTags.filter((t) => !a.value.includes(t));
  },
  set_custom_field: (c, a) => {
    c.customFields = { ...c.customFields, [a.value.key]: a.value.value };
  },
};

/** Folds a macro's field actions, in order, into one change set. Reply/note actions are ignored here. */
export function macroChanges(actions: readonly MacroAction[], agentId: string): MacroChanges {
  const changes: MacroChanges = {};
  for (const action of actions) {
    if (action.type === 'reply' || action.type === 'note') continue;
    (FIELD_ACTIONS[action.type] as Apply<FieldAction['type']>)(changes, action, agentId);
  }
  if (changes.addTags?.length === 0) delete changes.addTags;
  if (changes.removeTags?.length === 0) delete changes.removeTags;
  return changes;
}

/** The reply or note a macro adds, if any. */
export function macroMessage(actions: readonly MacroAction[]): { kind: 'reply' | 'note'; bodyHtml: string } | null {
  const found = actions.find((a): a is Extract<MacroAction, { type: 'reply' | 'note' }> => a.type === 'reply' || a.type === 'note');
  return found ? { kind: found.type, bodyHtml: found.bodyHtml } : null;
}

/** The permissions applying these changes needs, beyond macro.use. */
export function permissionsFor(changes: MacroChanges, message: { kind: 'reply' | 'note' } | null) {
  const needed: Array<'ticket.update' | 'ticket.assign' | 'ticket.reply' | 'ticket.note'> = [];
  if (Object.keys(changes).length) needed.push('ticket.update');
  if (changes.assigneeId !== undefined || changes.teamId !== undefined) needed.push('ticket.assign');
  if (message) needed.push(message.kind === 'reply' ? 'ticket.reply' : 'ticket.note');
  return needed;
}
