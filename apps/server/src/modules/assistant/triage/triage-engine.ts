import type { TriageField } from '@switchboard/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import type { Tx } from '../../../platform/db/client.js';
import type { Platform } from '../../../platform/platform.js';
import { applyChanges, type TicketRow, type TicketsModule, ticketColumns, tickets } from '../../tickets/index.js';
import { findFirstMessageText, findNames, findTeamForCategory, findTriageOfTicket, insertTriage, type TriageRow } from './triage.repo.js';
import { type Guess, languageGuess, predictField, priorityGuess, sameLanguage, triageText } from './triage-model.js';
import type { LoadedModels, TriageModelCache } from './triage-models.js';
import { effectiveTriageSettings } from './triage-settings.js';

type Thresholds = Record<TriageField, number>;
interface FieldGuess extends Guess {
  modelVersion: number | null;
}

/** What a ticket's fields map to in the ticket writer's change set. */
export const CHANGE_KEY = { category: 'categoryId', priority: 'priority', team: 'teamId', language: 'language' } as const;

export function currentValue(ticket: TicketRow, field: TriageField): string | null {
  return ticket[CHANGE_KEY[field]] ?? null;
}

/** Suggestions for the fields still open on this ticket; a field with too little data gets none. */
async function guess(p: Platform, ticket: TicketRow, models: LoadedModels): Promise<Partial<Record<TriageField, FieldGuess>>> {
  const text = triageText(ticket.subject, await findFirstMessageText(p.db, ticket.id));
  const out: Partial<Record<TriageField, FieldGuess>> = {};
  const cat = models.byField.category;
  if (!ticket.categoryId) {
    const g = predictField(cat?.classifier ?? null, text);
    if (g) out.category = { ...g, modelVersion: cat?.version ?? null };
  }
  if (!ticket.teamId) {
    // The routing rules for the (suggested) category first; else the classifier over past assignments.
    const categoryId = ticket.categoryId ?? out.category?.value ?? null;
    const ruled = categoryId ? await findTeamForCategory(p.db, ticket.workspaceId, categoryId) : null;
    if (ruled)
      out.team = { value: ruled, confidence: ticket.categoryId ? 1 : (out.category?.confidence ?? 0), modelVersion: cat?.version ?? null };
    else {
      const team = models.byField.team;
      const g = predictField(team?.classifier ?? null, text);
      if (g) out.team = { ...g, modelVersion: team?.version ?? null };
    }
  }
  const pr = models.byField.priority;
  const prio = priorityGuess(text, pr?.classifier ?? null);
  if (ticket.priority === 'normal' && prio.value !== 'normal') out.priority = { ...prio, modelVersion: pr?.version ?? null };
  const lang = languageGuess(text);
  if (lang && !sameLanguage(lang.value, ticket.language)) out.language = { ...lang, modelVersion: null };
  // Only ids that still exist in this workspace are worth suggesting.
  const names = await findNames(p.db, ticket.workspaceId, out.category ? [out.category.value] : [], out.team ? [out.team.value] : []);
  if (out.category && !names.has(out.category.value)) delete out.category;
  if (out.team && !names.has(out.team.value)) delete out.team;
  return out;
}

async function lockOpen(tx: Tx, workspaceId: string, ticketId: string): Promise<TicketRow | null> {
  const [row] = await tx
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, ticketId), isNull(tickets.mergedIntoId)))
    .for('update');
  return (row as TicketRow | undefined) ?? null;
}

/**
 * Triage of a new ticket (listener of `ticket.created`, idempotent per ticket): values at or above
 * their field's threshold are applied by the bot through the ticket writer (one timeline event),
 * the others are stored as suggestions.
 */
export async function triageTicket(
  p: Platform,
  ticketsModule: TicketsModule,
  cache: TriageModelCache,
  workspaceId: string,
  ticketId: string,
) {
  const settings = await effectiveTriageSettings(p.db, workspaceId);
  if (!settings.enabled) return;
  if ((await findTriageOfTicket(p.db, workspaceId, ticketId)).length) return;
  const [first] = await p.db
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, ticketId)));
  if (!first || first.mergedIntoId || first.status === 'closed') return;
  const guesses = await guess(p, first as TicketRow, await cache.load(p.db, workspaceId));
  if (!Object.keys(guesses).length) return;
  const thresholds: Thresholds = settings.thresholds;
  const ctx: Ctx = { actor: { kind: 'bot', workspaceId }, log: p.log as unknown as Ctx['log'] };
  await p.transaction(async (tx) => {
    const ticket = await lockOpen(tx, workspaceId, ticketId);
    if (!ticket || ticket.status === 'closed' || (await findTriageOfTicket(tx, workspaceId, ticketId)).length) return;
    const changes: Record<string, string> = {};
    const rows: Omit<TriageRow, 'createdAt' | 'updatedAt' | 'correctedValue' | 'correctedAt'>[] = [];
    for (const [field, g] of Object.entries(guesses) as [TriageField, FieldGuess][]) {
      // Someone set the field since we looked: their value wins, nothing to suggest.
      if (currentValue(ticket, field) !== currentValue(first as TicketRow, field)) continue;
      const apply = g.confidence >= thresholds[field];
      if (apply) changes[CHANGE_KEY[field]] = g.value;
      rows.push({
        ticketId,
        workspaceId,
        field,
        value: g.value,
        confidence: g.confidence,
        state: apply ? 'applied' : 'suggested',
        modelVersion: g.modelVersion,
      });
    }
    if (Object.keys(changes).length) await applyChanges(tx, ctx, ticket, changes, { defs: [], hooks: ticketsModule.core.hooks });
    await insertTriage(tx, rows);
  });
}
