import type { TicketChanges, TicketTriage, TriageField, TriageSettings, TriageSettingsBody } from '@switchboard/contracts';
import { hasPermission } from '../../../platform/auth/actor.js';
import type { Ctx } from '../../../platform/context.js';
import { AppError, forbidden } from '../../../platform/errors.js';
import type { Platform } from '../../../platform/platform.js';
import { recordAudit } from '../../audit/index.js';
import { requirePermission, requireUser } from '../../identity/index.js';
import { loadVisible, type TicketsModule, viewerFor } from '../../tickets/index.js';
import { enqueueRetrain } from './triage.jobs.js';
import {
  countCorrectionsSince,
  findModelInfo,
  findNames,
  findTriageOfTicket,
  setTriageState,
  type TriageRow,
  upsertTriageSettings,
} from './triage.repo.js';
import { CHANGE_KEY } from './triage-engine.js';
import { effectiveTriageSettings } from './triage-settings.js';

const noSuggestion = (field: TriageField) =>
  new AppError('triage.no_suggestion', 409, `There is no open ${field} suggestion on this ticket`);

/** Staff who may read the ticket; customers and other workspaces' ids never get here (403 / 404). */
async function visibleTicket(p: Platform, ticketsModule: TicketsModule, ctx: Ctx, ticketId: string) {
  const actor = requireUser(ctx.actor);
  if (actor.kind !== 'agent' || !hasPermission(actor, 'ticket.read')) throw forbidden();
  const ticket = await loadVisible(ticketsModule.core, p.db, await viewerFor(ticketsModule.core, ctx), ticketId);
  return { actor, ticket };
}

async function present(p: Platform, workspaceId: string, ticketId: string, rows: TriageRow[]): Promise<TicketTriage> {
  const ids = (field: string) => rows.filter((r) => r.field === field).map((r) => r.value);
  const names = await findNames(p.db, workspaceId, ids('category'), ids('team'));
  const order = Object.keys(CHANGE_KEY);
  return {
    ticketId,
    suggestions: [...rows]
      .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
      .map((r) => ({
        field: r.field as TriageField,
        value: r.value,
        label: names.get(r.value) ?? null,
        confidence: r.confidence,
        state: r.state as TicketTriage['suggestions'][number]['state'],
        correctedValue: r.correctedValue,
        modelVersion: r.modelVersion,
        createdAt: r.createdAt.toISOString(),
      })),
  };
}

/** The triage API: a ticket's suggestions, accepting and dismissing them, settings and retraining. */
export function triageService(p: Platform, ticketsModule: TicketsModule) {
  async function settingsOf(workspaceId: string): Promise<TriageSettings> {
    const settings = await effectiveTriageSettings(p.db, workspaceId);
    const models = await findModelInfo(p.db, workspaceId);
    const since = models.length ? new Date(Math.min(...models.map((m) => m.trainedAt.getTime()))) : null;
    return {
      ...settings,
      pendingCorrections: await countCorrectionsSince(p.db, workspaceId, since),
      models: models
        .map((m) => ({
          field: m.field as 'category' | 'team' | 'priority',
          version: m.version,
          labels: m.labels,
          examples: m.examples,
          trainedAt: m.trainedAt.toISOString(),
        }))
        .sort((a, b) => a.field.localeCompare(b.field)),
    };
  }

  async function openRow(ctx: Ctx, ticketId: string, field: TriageField) {
    const { actor, ticket } = await visibleTicket(p, ticketsModule, ctx, ticketId);
    if (!hasPermission(actor, 'ticket.update') || (field === 'team' && !hasPermission(actor, 'ticket.assign'))) throw forbidden();
    const row = (await findTriageOfTicket(p.db, actor.workspaceId, ticket.id)).find((r) => r.field === field);
    return { actor, row };
  }

  return {
    async get(ctx: Ctx, ticketId: string): Promise<TicketTriage> {
      const { actor, ticket } = await visibleTicket(p, ticketsModule, ctx, ticketId);
      return present(p, actor.workspaceId, ticket.id, await findTriageOfTicket(p.db, actor.workspaceId, ticket.id));
    },

    /** Applies one suggestion as the agent, through the tickets service (timeline shows the agent). */
    async accept(ctx: Ctx, ticketId: string, field: TriageField): Promise<TicketTriage> {
      const { actor, row } = await openRow(ctx, ticketId, field);
      if (!row || (row.state !== 'suggested' && row.state !== 'dismissed')) throw noSuggestion(field);
      const changes = { [CHANGE_KEY[field]]: row.value } as TicketChanges;
      await ticketsModule.tickets.update(ctx, ticketId, changes);
      await setTriageState(p.db, ticketId, field, 'accepted');
      return present(p, actor.workspaceId, ticketId, await findTriageOfTicket(p.db, actor.workspaceId, ticketId));
    },

    async dismiss(ctx: Ctx, ticketId: string, field: TriageField): Promise<TicketTriage> {
      const { actor, row } = await openRow(ctx, ticketId, field);
      if (row?.state !== 'suggested') throw noSuggestion(field);
      await setTriageState(p.db, ticketId, field, 'dismissed');
      return present(p, actor.workspaceId, ticketId, await findTriageOfTicket(p.db, actor.workspaceId, ticketId));
    },

    async getSettings(ctx: Ctx): Promise<TriageSettings> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      return settingsOf(actor.workspaceId);
    },

    async putSettings(ctx: Ctx, body: TriageSettingsBody): Promise<TriageSettings> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      await p.transaction(async (tx) => {
        await upsertTriageSettings(tx, actor.workspaceId, body);
        await recordAudit(tx, ctx, { workspaceId: actor.workspaceId, action: 'triage.settings_updated', data: { ...body } });
      });
      return settingsOf(actor.workspaceId);
    },

    async retrain(ctx: Ctx): Promise<{ queued: true }> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      await p.transaction(async (tx) => {
        await enqueueRetrain(p, tx, actor, actor.workspaceId);
        await recordAudit(tx, ctx, { workspaceId: actor.workspaceId, action: 'triage.retrain_requested', data: {} });
      });
      return { queued: true };
    },
  };
}

export type TriageService = ReturnType<typeof triageService>;
