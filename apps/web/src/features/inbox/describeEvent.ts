import type { TFunction } from 'i18next';
import type { Message, TicketPriority, TicketStatus } from '../../api/types';

/** Name lookups and list formatting the sentences need; ids nobody can resolve are shown as "someone". */
export interface EventContext {
  t: TFunction;
  list: (items: readonly string[]) => string;
  agentName: (id: string) => string | undefined;
  teamName: (id: string) => string | undefined;
  categoryName: (id: string) => string | undefined;
  fieldLabel: (key: string) => string;
}

interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

type Describe = (change: FieldChange, actor: string, ctx: EventContext) => string[];

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function statusLabel(ctx: EventContext, value: unknown): string {
  return ctx.t(`ticket.status.${value as TicketStatus}`, { defaultValue: String(value) });
}

function priorityLabel(ctx: EventContext, value: unknown): string {
  return ctx.t(`ticket.priority.${value as TicketPriority}`, { defaultValue: String(value) });
}

function customValue(ctx: EventContext, value: unknown): string {
  if (Array.isArray(value)) return ctx.list(value.map(String));
  if (typeof value === 'boolean') return value ? ctx.t('events.yes') : ctx.t('events.no');
  return String(value);
}

/** A reference (assignee, team, category) changed: set, cleared or replaced. */
function reference(
  keys: {
    set: 'events.assigned' | 'events.team' | 'events.category';
    cleared: 'events.unassigned' | 'events.teamCleared' | 'events.categoryCleared';
  },
  name: (id: string) => string | undefined,
): Describe {
  return (change, actor, ctx) => {
    const to = str(change.to);
    if (!to) return [ctx.t(keys.cleared, { actor })];
    return [ctx.t(keys.set, { actor, name: name(to) ?? ctx.t('events.someone') })];
  };
}

function tagSentences(change: FieldChange, actor: string, ctx: EventContext): string[] {
  const before = new Set(strings(change.from));
  const after = new Set(strings(change.to));
  const added = [...after].filter((tag) => !before.has(tag));
  const removed = [...before].filter((tag) => !after.has(tag));
  const out: string[] = [];
  if (added.length) out.push(ctx.t('events.tagsAdded', { actor, tags: ctx.list(added), count: added.length }));
  if (removed.length) out.push(ctx.t('events.tagsRemoved', { actor, tags: ctx.list(removed), count: removed.length }));
  return out;
}

function customFieldSentences(change: FieldChange, actor: string, ctx: EventContext): string[] {
  const before = (change.from ?? {}) as Record<string, unknown>;
  const after = (change.to ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
    .map((key) => {
      const field = ctx.fieldLabel(key);
      const value = after[key];
      if (value === undefined || value === null || value === '') return ctx.t('events.fieldCleared', { actor, field });
      return ctx.t('events.fieldSet', { actor, field, value: customValue(ctx, value) });
    });
}

/** One sentence builder per tracked ticket field (the fields the server writes to the timeline). */
const FIELD_SENTENCES = {
  status: (c, actor, ctx) => [ctx.t('events.status', { actor, from: statusLabel(ctx, c.from), to: statusLabel(ctx, c.to) })],
  priority: (c, actor, ctx) => [ctx.t('events.priority', { actor, from: priorityLabel(ctx, c.from), to: priorityLabel(ctx, c.to) })],
  subject: (c, actor, ctx) => [ctx.t('events.subject', { actor, to: String(c.to ?? '') })],
  language: (c, actor, ctx) => [ctx.t('events.language', { actor, from: String(c.from ?? ''), to: String(c.to ?? '') })],
  assigneeId: (c, actor, ctx) => reference({ set: 'events.assigned', cleared: 'events.unassigned' }, ctx.agentName)(c, actor, ctx),
  teamId: (c, actor, ctx) => reference({ set: 'events.team', cleared: 'events.teamCleared' }, ctx.teamName)(c, actor, ctx),
  categoryId: (c, actor, ctx) => reference({ set: 'events.category', cleared: 'events.categoryCleared' }, ctx.categoryName)(c, actor, ctx),
  typeId: (_c, actor, ctx) => [ctx.t('events.type', { actor })],
  tags: tagSentences,
  customFields: customFieldSentences,
} satisfies Record<string, Describe>;

/** Events that point at another ticket by number. */
const RELATION_SENTENCES = {
  merged_into: 'events.mergedInto',
  merged_from: 'events.mergedFrom',
  linked: 'events.linked',
  unlinked: 'events.unlinked',
  split_to: 'events.splitTo',
  split_from: 'events.splitFrom',
} as const;

function actorName(message: Pick<Message, 'author' | 'authorKind'>, ctx: EventContext): string {
  if (message.author?.name) return message.author.name;
  return message.authorKind === 'automation' || message.authorKind === 'system' ? ctx.t('events.system') : ctx.t('events.someone');
}

/**
 * Timeline events as readable sentences: "Ada changed the priority from Normal to High".
 * Unknown event types or fields still say that something happened rather than nothing.
 */
export function describeEvent(message: Pick<Message, 'event' | 'author' | 'authorKind'>, ctx: EventContext): string[] {
  const event = message.event ?? {};
  const actor = actorName(message, ctx);
  switch (event.type) {
    case 'fields_changed': {
      const changes = Array.isArray(event.changes) ? (event.changes as FieldChange[]) : [];
      const sentences = changes.flatMap((change) => {
        const describe = (FIELD_SENTENCES as Record<string, Describe>)[change.field];
        return describe ? describe(change, actor, ctx) : [ctx.t('events.changed', { actor })];
      });
      return sentences.length ? sentences : [ctx.t('events.changed', { actor })];
    }
    case 'satisfaction_rated':
      return [ctx.t('events.rated', { actor, score: Number(event.score) })];
    case 'scheduled_message_failed':
      return [ctx.t('events.scheduledFailed')];
    case 'merged_into':
    case 'merged_from':
    case 'linked':
    case 'unlinked':
    case 'split_to':
    case 'split_from':
      return [ctx.t(RELATION_SENTENCES[event.type], { actor, number: Number(event.number) })];
    default:
      return [ctx.t('events.changed', { actor })];
  }
}
