import type { AdminMacro, MacroAction } from '../../../api/admin-config.api';
import type { CustomFieldValue } from '../../../api/types';

export const ACTION_TYPES = [
  'reply',
  'note',
  'set_status',
  'set_priority',
  'set_type',
  'set_category',
  'assign_team',
  'assign_agent',
  'add_tags',
  'remove_tags',
  'set_custom_field',
] as const satisfies readonly MacroAction['type'][];
export type ActionType = (typeof ACTION_TYPES)[number];

/** Placeholders the server fills in when the macro is applied (see macro-placeholders.ts on the server). */
export const PLACEHOLDERS = [
  'requester.name',
  'requester.first_name',
  'requester.email',
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'agent.name',
  'workspace.name',
] as const;

type ChoiceType = 'set_status' | 'set_priority' | 'set_type' | 'set_category' | 'assign_team' | 'assign_agent';

/** An action as edited: ids as strings ('' = none), message bodies as plain text. */
export type ActionDraft =
  | { type: ChoiceType; value: string }
  | { type: 'add_tags' | 'remove_tags'; tags: string[] }
  | { type: 'set_custom_field'; key: string; value: CustomFieldValue }
  | { type: 'reply' | 'note'; text: string };

export function emptyAction(type: ActionType): ActionDraft {
  switch (type) {
    case 'reply':
    case 'note':
      return { type, text: '' };
    case 'add_tags':
    case 'remove_tags':
      return { type, tags: [] };
    case 'set_custom_field':
      return { type, key: '', value: null };
    case 'set_status':
      return { type, value: 'solved' };
    case 'set_priority':
      return { type, value: 'high' };
    default:
      return { type, value: '' };
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text → paragraphs; single line breaks stay line breaks. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Stored HTML → the text shown in the editor (paragraphs become blank lines). */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  const decoded = new DOMParser().parseFromString(`<!doctype html><body>${marked}`, 'text/html').body.textContent ?? '';
  return decoded.replace(/\n{3,}/g, '\n\n').trim();
}

export function fromAction(action: MacroAction): ActionDraft {
  switch (action.type) {
    case 'reply':
    case 'note':
      return { type: action.type, text: htmlToText(action.bodyHtml) };
    case 'add_tags':
    case 'remove_tags':
      return { type: action.type, tags: action.value };
    case 'set_custom_field':
      return { type: action.type, key: action.value.key, value: action.value.value };
    default:
      return { type: action.type, value: action.value ?? '' };
  }
}

/** The API's action; ids left empty mean "clear it" (null). */
export function toAction(draft: ActionDraft): MacroAction {
  switch (draft.type) {
    case 'reply':
    case 'note':
      return { type: draft.type, bodyHtml: textToHtml(draft.text) };
    case 'add_tags':
    case 'remove_tags':
      return { type: draft.type, value: draft.tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean) };
    case 'set_custom_field':
      return { type: draft.type, value: { key: draft.key, value: draft.value } };
    case 'set_status':
      return { type: draft.type, value: draft.value as Extract<MacroAction, { type: 'set_status' }>['value'] };
    case 'set_priority':
      return { type: draft.type, value: draft.value as Extract<MacroAction, { type: 'set_priority' }>['value'] };
    default:
      return { type: draft.type, value: draft.value || null };
  }
}

export interface MacroDraft {
  name: string;
  description: string;
  actions: ActionDraft[];
}

export function macroDraft(macro: AdminMacro | null): MacroDraft {
  return {
    name: macro?.name ?? '',
    description: macro?.description ?? '',
    actions: macro?.actions.map(fromAction) ?? [emptyAction('reply')],
  };
}

/** Admin macros are shared with the whole workspace. */
export function macroBody(draft: MacroDraft) {
  return {
    name: draft.name.trim(),
    description: draft.description.trim() || null,
    shared: true,
    actions: draft.actions.map(toAction),
  };
}
