import type { AssistantSettings, AssistantSettingsBody, AssistantTryResult, BotDecision } from '@switchboard/contracts';
import { and, eq } from 'drizzle-orm';
import { hasPermission } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { requirePermission, requireUser } from '../identity/index.js';
import { loadVisible, tickets, viewerFor } from '../tickets/index.js';
import { type AssistantCore, analyzeTurn, articleUrl, renderReply } from './assistant.core.js';
import { type DecisionRow, findDecisionsOfTicket, upsertSettings } from './assistant.repo.js';
import { effectiveSettings } from './assistant-settings.js';
import { decide, EMPTY_MEMORY } from './decide.js';
import { listFlows, listQa } from './flows/flows.repo.js';
import { bestQa, flowTriggers } from './flows/flows-turn.js';
import { classifyIntent } from './intents/index.js';

const ticketNotFound = () => notFound('ticket.not_found', 'Ticket');

export function presentDecision(d: DecisionRow): BotDecision {
  return {
    id: d.id,
    sessionId: d.sessionId,
    ticketId: d.ticketId,
    inputText: d.inputText,
    language: d.language,
    sentiment: d.sentiment,
    candidates: d.candidates,
    action: d.action as BotDecision['action'],
    reason: d.reason,
    latencyMs: d.latencyMs,
    intent: d.intent ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/** Settings, the decision log and the "try it" dry run. */
export function assistantService(core: AssistantCore, onSettingsSaved: (workspaceId: string) => void) {
  const { p } = core;
  return {
    async getSettings(ctx: Ctx): Promise<AssistantSettings> {
      const actor = requirePermission(ctx.actor, 'bot.manage');
      return effectiveSettings(p.db, core.index, actor.workspaceId);
    },

    async putSettings(ctx: Ctx, body: AssistantSettingsBody): Promise<AssistantSettings> {
      const actor = requirePermission(ctx.actor, 'bot.manage');
      if (body.clarifyThreshold > body.answerThreshold) {
        throw new AppError('assistant.settings_invalid', 400, 'The clarify threshold cannot be above the answer threshold', {
          errors: [{ path: 'clarifyThreshold', message: 'Must not be above answerThreshold', code: 'too_big' }],
        });
      }
      await p.transaction(async (tx) => {
        await upsertSettings(tx, actor.workspaceId, body);
        await recordAudit(tx, ctx, { workspaceId: actor.workspaceId, action: 'assistant.settings_updated', data: { ...body } });
      });
      onSettingsSaved(actor.workspaceId);
      return effectiveSettings(p.db, core.index, actor.workspaceId);
    },

    /** Staff who manage the bot, or who may read that ticket; anyone else's ticket is 404. */
    async decisions(ctx: Ctx, ticketId: string): Promise<BotDecision[]> {
      const actor = requireUser(ctx.actor);
      if (hasPermission(actor, 'bot.manage')) {
        const [t] = await p.db
          .select({ id: tickets.id })
          .from(tickets)
          .where(and(eq(tickets.workspaceId, actor.workspaceId), eq(tickets.id, ticketId)));
        if (!t) throw ticketNotFound();
      } else {
        if (!hasPermission(actor, 'ticket.read') || actor.kind !== 'agent') throw forbidden();
        await loadVisible(core.tickets.core, p.db, await viewerFor(core.tickets.core, ctx), ticketId);
      }
      return (await findDecisionsOfTicket(p.db, actor.workspaceId, ticketId)).map(presentDecision);
    },

    /** What the assistant would do with `text` as a chat's first message; nothing is stored or sent. */
    async tryIt(ctx: Ctx, input: { text: string; locale?: 'en' | 'zh-CN' | undefined }): Promise<AssistantTryResult> {
      const actor = requirePermission(ctx.actor, 'bot.manage');
      const started = performance.now();
      const settings = await effectiveSettings(p.db, core.index, actor.workspaceId);
      const analysis = analyzeTurn(input.text, [], input.locale ?? 'en');
      const search = (q: string) => core.index.search(p.db, actor.workspaceId, q, analysis.locale, settings.clarifyThreshold);
      const d = await decide(analysis, EMPTY_MEMORY, settings, search);
      let reply: { text: string | null; quickReplies: string[] } = renderReply(d, analysis.locale);
      // What the chat would do before the knowledge base (flows-turn.ts), without running anything.
      const ws = actor.workspaceId;
      const label = await classifyIntent(p.db, ws, input.text);
      const turn = { text: input.text, locale: analysis.locale, answerThreshold: settings.answerThreshold, intent: label?.name ?? null };
      const qaHit = bestQa(
        (await listQa(p.db, ws)).filter((q) => q.enabled),
        turn,
      );
      const flow = (await listFlows(p.db, ws)).find((f) => f.enabled && flowTriggers(f, turn, qaHit)) ?? null;
      if (flow) {
        const first = flow.steps.find((s) => s.id === flow.start);
        d.action = 'clarify';
        d.reason = `flow "${flow.name}" would start (dry run: its steps and actions are not run)`;
        reply = { text: first?.type === 'ask' ? first.prompt : null, quickReplies: [] };
      } else if (qaHit) {
        d.action = 'answer';
        d.reason = `Q&A pair ${qaHit.id} (score ${qaHit.score.toFixed(2)})`;
        reply = { text: qaHit.answer, quickReplies: [] };
      }
      const outranked = flow !== null || qaHit !== null;
      return {
        language: analysis.language,
        sentiment: analysis.sentiment,
        candidates: d.candidates.map(({ slug: _slug, ...c }) => c),
        action: d.action,
        reason: d.reason,
        chosen:
          d.chosen && !outranked
            ? { articleId: d.chosen.articleId, title: d.chosen.title, passage: d.chosen.passage, url: articleUrl(d.chosen) }
            : null,
        reply: reply.text,
        quickReplies: reply.quickReplies,
        latencyMs: Math.round(performance.now() - started),
        intent: label ? { name: label.name, confidence: label.confidence } : null,
        qaPair: qaHit ? { id: qaHit.id, score: qaHit.score } : null,
        flow: flow ? { id: flow.id, name: flow.name } : null,
      };
    },
  };
}

export type AssistantService = ReturnType<typeof assistantService>;
