import type { TriageField } from '@switchboard/contracts';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DomainEvent } from '../../../platform/events/outbox.js';
import type { Platform } from '../../../platform/platform.js';
import { type TicketRow, type TicketsModule, ticketColumns, tickets } from '../../tickets/index.js';
import { enqueueRetrain } from './triage.jobs.js';
import { countCorrectionsSince, findModelInfo, findTriageOfTicket, setTriageState } from './triage.repo.js';
import { currentValue, triageTicket } from './triage-engine.js';
import { MIN_EXAMPLES } from './triage-model.js';
import type { TriageModelCache } from './triage-models.js';
import { effectiveTriageSettings } from './triage-settings.js';

const FIELD_OF: Record<string, TriageField> = { categoryId: 'category', priority: 'priority', teamId: 'team', language: 'language' };
const OPEN_STATES = new Set(['applied', 'suggested', 'accepted', 'dismissed']);

/**
 * An agent changed fields triage had set or suggested: a different value is a correction (kept,
 * and counted towards a retraining), the suggested value itself counts as accepted.
 */
async function recordCorrections(p: Platform, event: DomainEvent) {
  const workspaceId = event.workspaceId as string;
  const ticketId = event.subjectId as string;
  const fields = ((event.payload.fields as string[] | undefined) ?? []).map((f) => FIELD_OF[f]).filter((f): f is TriageField => !!f);
  if (!fields.length) return;
  const rows = (await findTriageOfTicket(p.db, workspaceId, ticketId)).filter((r) => fields.includes(r.field as TriageField));
  const [ticket] = await p.db
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, ticketId)));
  if (!ticket) return;
  let corrected = 0;
  for (const row of rows) {
    const now = currentValue(ticket as TicketRow, row.field as TriageField);
    if (now === row.value) {
      if (row.state === 'suggested' || row.state === 'dismissed')
        await setTriageState(p.db, ticketId, row.field as TriageField, 'accepted');
    } else if (OPEN_STATES.has(row.state) || (row.state === 'corrected' && row.correctedValue !== now)) {
      await setTriageState(p.db, ticketId, row.field as TriageField, 'corrected', now);
      corrected++;
    }
  }
  if (corrected) await maybeRetrain(p, workspaceId);
  else if (fields.includes('category') || fields.includes('team')) await maybeBootstrap(p, workspaceId, ticketId);
}

async function maybeRetrain(p: Platform, workspaceId: string) {
  const settings = await effectiveTriageSettings(p.db, workspaceId);
  const models = await findModelInfo(p.db, workspaceId);
  const since = models.length ? new Date(Math.min(...models.map((m) => m.trainedAt.getTime()))) : null;
  if ((await countCorrectionsSince(p.db, workspaceId, since)) >= settings.retrainAfterCorrections) {
    await p.transaction((tx) => enqueueRetrain(p, tx, { kind: 'bot', workspaceId }, workspaceId));
  }
}

const LABEL_COLUMN = { category: tickets.categoryId, team: tickets.teamId } as const;

/**
 * A field without a model yet gets its first one as soon as enough tickets are labelled. Only a
 * new ticket that carries such a label can tip the count, so only then is it counted, and only up
 * to the number that matters: an unbounded count of a large workspace's tickets per new ticket
 * took 45 ms of database time each (100k tickets, no index on the category) and left the
 * outbox far behind the creates.
 */
async function maybeBootstrap(p: Platform, workspaceId: string, ticketId: string) {
  const models = await findModelInfo(p.db, workspaceId);
  const missing = (['category', 'team'] as const).filter((f) => !models.some((m) => m.field === f && m.labels !== null));
  if (!missing.length) return;
  const [created] = await p.db
    .select({ category: tickets.categoryId, team: tickets.teamId })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, ticketId)));
  const known = Math.max(0, ...models.map((m) => m.examples));
  // Once per batch of new labelled tickets, not once per edit.
  const needed = Math.max(MIN_EXAMPLES, known + 10);
  for (const field of missing) {
    if (!created?.[field]) continue;
    const result = await p.db.execute(
      sql`select count(*)::int as n from (select 1 from ${tickets} where ${tickets.workspaceId} = ${workspaceId} and ${isNotNull(LABEL_COLUMN[field])} limit ${needed}) labelled`,
    );
    const [row] = (result as unknown as { rows: Array<{ n: number }> }).rows;
    if (Number(row?.n ?? 0) >= needed) {
      await p.transaction((tx) => enqueueRetrain(p, tx, { kind: 'bot', workspaceId }, workspaceId));
      return;
    }
  }
}

export function registerTriageListeners(p: Platform, ticketsModule: TicketsModule, cache: TriageModelCache) {
  p.outbox.on('assistant.triage', ['ticket.created'], async (event) => {
    if (!event.workspaceId || !event.subjectId) return;
    await triageTicket(p, ticketsModule, cache, event.workspaceId, event.subjectId);
    await maybeBootstrap(p, event.workspaceId, event.subjectId);
  });
  p.outbox.on('assistant.triage-corrections', ['ticket.updated'], async (event) => {
    // The bot's own changes and automation are not corrections; people (and their API tokens) are.
    if (!event.workspaceId || !event.subjectId || event.actor.kind !== 'agent') return;
    await recordCorrections(p, event);
  });
}
