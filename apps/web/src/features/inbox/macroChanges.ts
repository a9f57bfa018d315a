import type { MacroPreview, TicketPriority, TicketStatus } from '../../api/types';
import type { EventContext } from './describeEvent';

/** The field changes a macro would make, one readable line each ("Priority: High"). */
export function describeMacroChanges(changes: MacroPreview['changes'], ctx: EventContext): string[] {
  const { t } = ctx;
  const line = (field: string, value: string) => t('macros.set', { field, value });
  const someone = t('events.someone');
  const lines: string[] = [];
  if (changes.status) lines.push(line(t('ticketPage.fields.status'), t(`ticket.status.${changes.status as TicketStatus}`)));
  if (changes.priority) lines.push(line(t('ticketPage.fields.priority'), t(`ticket.priority.${changes.priority as TicketPriority}`)));
  if (changes.assigneeId !== undefined) {
    lines.push(
      line(t('ticketPage.fields.assignee'), changes.assigneeId ? (ctx.agentName(changes.assigneeId) ?? someone) : t('inbox.unassigned')),
    );
  }
  if (changes.teamId !== undefined) {
    lines.push(line(t('ticketPage.fields.team'), changes.teamId ? (ctx.teamName(changes.teamId) ?? someone) : t('ticketPage.noTeam')));
  }
  if (changes.categoryId !== undefined) {
    lines.push(
      line(
        t('ticketPage.fields.category'),
        changes.categoryId ? (ctx.categoryName(changes.categoryId) ?? someone) : t('customFields.none'),
      ),
    );
  }
  if (changes.addTags?.length) lines.push(t('macros.addTags', { tags: ctx.list(changes.addTags) }));
  if (changes.removeTags?.length) lines.push(t('macros.removeTags', { tags: ctx.list(changes.removeTags) }));
  for (const [key, value] of Object.entries(changes.customFields ?? {})) {
    const shown = value === null || value === '' ? t('customFields.none') : Array.isArray(value) ? ctx.list(value) : String(value);
    lines.push(line(ctx.fieldLabel(key), shown));
  }
  return lines;
}
