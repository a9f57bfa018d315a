import type { Ctx } from '../../../platform/context.js';
import type { Tx } from '../../../platform/db/client.js';
import { applyChanges, type TicketRow, type TicketsModule, writeMessage } from '../../tickets/index.js';
import type { BotMemory } from '../assistant.schema.js';
import type { Decision } from '../decide.js';
import type { ExtrasResult } from './flows-turn.js';

/** A flow / Q&A / handoff-rule outcome as the seat's decision, with the text to send instead of a template. */
export function extrasDecision(
  extra: Exclude<ExtrasResult, { kind: 'none' }>,
  memory: BotMemory,
): { decision: Decision; text: string | null; preTexts: string[] } {
  const base = { candidates: [], chosen: null, options: [], memory: { ...memory, failedTurns: 0 } };
  if (extra.kind === 'handoff') {
    return {
      decision: { ...base, action: 'handoff', reason: extra.reason, rule: { name: extra.rule ?? 'flow', teamId: extra.teamId } },
      text: null,
      preTexts: extra.texts,
    };
  }
  const action = extra.kind === 'ticket' ? 'answer' : extra.action;
  return { decision: { ...base, action, reason: extra.reason }, text: extra.text, preTexts: [] };
}

/** A flow's "create a ticket" step: the chat's ticket gets the subject and a note with what was collected. */
export async function writeFlowTicket(
  tx: Tx,
  ctx: Ctx,
  tickets: TicketsModule,
  ticket: TicketRow,
  extra: Extract<ExtrasResult, { kind: 'ticket' }>,
): Promise<void> {
  const updated = await applyChanges(tx, ctx, ticket, { subject: extra.subject }, { defs: [], hooks: tickets.core.hooks });
  const lines = Object.entries(extra.slots).map(([k, v]) => `- ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  const note = [`Assistant: ${extra.reason}.`, '', 'Collected:', ...(lines.length ? lines : ['- (nothing)'])].join('\n');
  await writeMessage(
    tx,
    tickets.core,
    ctx,
    updated,
    { kind: 'note', bodyText: note, meta: { assistantFlow: { slots: extra.slots } } },
    null,
  );
}
