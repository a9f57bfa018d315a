import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { recordEvent } from '../../platform/events/outbox.js';
import type { BotReply, BotSeat, BotTurn } from '../chat/index.js';
import { type TicketRow, ticketColumns, tickets, writeMessage } from '../tickets/index.js';
import { type Analysis, type AssistantCore, analyzeTurn, renderReply } from './assistant.core.js';
import { findConversation, insertDecision, saveConversation } from './assistant.repo.js';
import { effectiveSettings } from './assistant-settings.js';
import { greeting, loadCustomerContext, ownTicketsTurn } from './customer-context.js';
import { type Decision, decide, EMPTY_MEMORY } from './decide.js';
import { extrasDecision, writeFlowTicket } from './flows/flows-seat.js';
import { type ExtrasResult, flowsTurn } from './flows/flows-turn.js';
import { findHandoffRequest } from './handoff-keywords.js';
import { handoffNoteText } from './handoff-note.js';
import { qaPairOf, recordAnswerTurn } from './insights/answer-votes.js';
import { classifyIntent } from './intents/index.js';
import type { Candidate } from './kb-index.js';
import { chatModel, renderGenerated } from './provider/model-features.js';
import { extractiveSummary } from './summary.js';
import { templates } from './templates.js';

async function lockTicketRow(tx: Tx, workspaceId: string, id: string): Promise<TicketRow | null> {
  const [row] = await tx
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
    .for('update');
  return (row as TicketRow | undefined) ?? null;
}

/** What the chat was about, for the agent: the most confident KB article over the visitor's messages. */
async function topicOf(messages: readonly string[], search: (q: string) => Promise<Candidate[]>, min: number): Promise<string | null> {
  let best: Candidate | null = null;
  for (const m of messages) {
    const top = (await search(m))[0];
    if (top && top.confidence >= min && (!best || top.confidence > best.confidence)) best = top;
  }
  return best ? `KB topic: ${best.title}` : null;
}

/**
 * The assistant in the chat module's bot seat: decides each visitor turn (decide.ts), logs the
 * decision, remembers the conversation, and on handoff pins a note for the agent and tells the
 * visitor what happens next before the chat module queues the chat.
 */
export class AssistantSeat implements BotSeat {
  constructor(private readonly core: AssistantCore) {}

  /** On when the workspace's assistant is enabled (by default: once it has published articles). */
  async answersNow(workspaceId: string): Promise<boolean> {
    return (await effectiveSettings(this.core.p.db, this.core.index, workspaceId)).enabled;
  }

  async onVisitorMessage(ctx: Ctx, turn: BotTurn): Promise<BotReply> {
    const started = performance.now();
    const { p, index } = this.core;
    const ws = turn.session.workspaceId;
    const settings = await effectiveSettings(p.db, index, ws);
    const visitorSaid = turn.transcript.filter((m) => m.from === 'visitor').map((m) => m.text);
    const analysis = analyzeTurn(turn.message.text, visitorSaid.slice(0, -1), turn.session.locale);
    const conversation = await findConversation(p.db, ws, turn.session.id);
    if (conversation?.handedOff) return { kind: 'pass' };
    const search = (q: string) => index.search(p.db, ws, q, analysis.locale, settings.clarifyThreshold);
    const memory = conversation?.memory ?? EMPTY_MEMORY;
    const label = settings.enabled ? await classifyIntent(p.db, ws, turn.message.text) : null;
    // Handoff rules, flows and Q&A pairs first (flows/); KB retrieval when none of them applies.
    const extra: ExtrasResult | null = settings.enabled
      ? await flowsTurn(
          p.db,
          {
            ...analysis,
            workspaceId: ws,
            sessionId: turn.session.id,
            ticketId: turn.session.ticketId,
            locale: analysis.locale,
            answerThreshold: settings.answerThreshold,
            keywords: settings.handoffKeywords,
            intent: label?.name ?? null,
            secrets: p.secrets,
          },
          search,
        )
      : null;
    // "What about my tickets?" is answered from the customer's own data (a signed identity only).
    const mine =
      settings.enabled && extra?.kind === 'none'
        ? await ownTicketsTurn(p.db, ws, turn.session.id, turn.message.text, analysis.locale, `${p.config.publicUrl}/portal`, memory)
        : null;
    const own = mine ?? (extra && extra.kind !== 'none' ? extrasDecision(extra, memory) : null);
    const refs = { workspaceId: ws, sessionId: turn.session.id, ticketId: turn.session.ticketId };
    const model = settings.enabled ? await chatModel(p, refs, analysis.locale) : null;
    const decision: Decision = own
      ? own.decision
      : settings.enabled
        ? await decide(
            analysis,
            memory,
            { ...settings, handoffRules: extra?.kind === 'none' ? extra.rules : undefined },
            search,
            model?.answer,
          )
        : {
            action: 'pass',
            reason: 'assistant is off for this workspace',
            candidates: [],
            chosen: null,
            options: [],
            memory: EMPTY_MEMORY,
          };
    const reply =
      own?.text != null
        ? { text: own.text, quickReplies: [] }
        : decision.generated
          ? renderGenerated(decision.generated, analysis.locale)
          : decision.action === 'greet'
            ? greeting(await loadCustomerContext(p.db, ws, turn.session.id), analysis.locale)
            : renderReply(decision, analysis.locale);
    const handoff = decision.action === 'handoff' || decision.action === 'pass';
    const guess = decision.action === 'handoff' ? await topicOf(visitorSaid, search, settings.clarifyThreshold) : null;
    const intent = label?.name ? (guess ? `${label.name} (${guess})` : label.name) : guess;
    // Network calls stay outside the transaction below (it locks the ticket).
    const modelSummary = decision.action === 'handoff' && model ? await model.summarize(turn.transcript) : null;
    if (model?.state.fallback) decision.reason = `${decision.reason} (model provider ${model.state.fallback}: offline engine used)`;

    await p.transaction(async (tx) => {
      await saveConversation(tx, {
        sessionId: turn.session.id,
        workspaceId: ws,
        ticketId: turn.session.ticketId,
        memory: decision.memory,
        handedOff: handoff,
      });
      const decisionId = await insertDecision(tx, {
        workspaceId: ws,
        sessionId: turn.session.id,
        ticketId: turn.session.ticketId,
        inputText: turn.message.text,
        language: analysis.language,
        sentiment: analysis.sentiment,
        candidates: decision.candidates.map(({ slug: _slug, ...c }) => c),
        action: decision.action,
        reason: decision.reason,
        latencyMs: Math.round(performance.now() - started),
        intent: label ? { name: label.name, confidence: label.confidence } : null,
      });
      await recordAnswerTurn(tx, {
        ...refs,
        decisionId,
        text: turn.message.text,
        locale: analysis.locale,
        action: decision.action,
        reason: decision.reason,
        articleId: decision.chosen?.articleId ?? null,
      });
      if (extra?.kind === 'ticket') {
        const ticket = await lockTicketRow(tx, ws, turn.session.ticketId);
        if (ticket) await writeFlowTicket(tx, ctx, this.core.tickets, ticket, extra);
      }
      if (decision.action === 'handoff') {
        for (const text of own?.preTexts ?? []) await this.say(tx, ctx, turn, text);
        await this.pinHandoff(tx, ctx, turn, decision, analysis, { intent, keywords: settings.handoffKeywords, modelSummary });
      }
      if (decision.action === 'answer' && decision.chosen) {
        await recordEvent(tx, ctx.actor, {
          workspaceId: ws,
          type: 'bot.answered',
          subject: { type: 'ticket', id: turn.session.ticketId },
          payload: { sessionId: turn.session.id, articleId: decision.chosen.articleId, confidence: decision.chosen.confidence },
        });
      }
    });
    // The pinned briefing above is the note: the chat module need not write another.
    if (handoff) {
      return {
        kind: 'handoff',
        reason: decision.reason,
        noted: decision.action === 'handoff',
        ...(decision.rule?.teamId ? { teamId: decision.rule.teamId } : {}),
      };
    }
    // A Q&A pair's answer gets the "did this help?" buttons too (votes: insights/).
    if (own && qaPairOf(decision.reason))
      return { kind: 'ask', text: reply.text ?? '', quickReplies: [...templates(analysis.locale).didItHelp] };
    if (own) return { kind: 'answer', text: reply.text ?? '' };
    if (decision.action === 'answer') return { kind: 'ask', text: reply.text ?? '', quickReplies: reply.quickReplies };
    return reply.quickReplies.length
      ? { kind: 'ask', text: reply.text ?? '', quickReplies: reply.quickReplies }
      : { kind: 'answer', text: reply.text ?? '' };
  }

  /** A bot reply written directly (a flow's answer before it hands off). */
  private async say(tx: Tx, ctx: Ctx, turn: BotTurn, text: string) {
    const ticket = await lockTicketRow(tx, turn.session.workspaceId, turn.session.ticketId);
    if (ticket)
      await writeMessage(
        tx,
        this.core.tickets.core,
        ctx,
        ticket,
        { kind: 'reply', bodyText: text, channel: 'web_chat', status: ticket.status as 'new' },
        null,
      );
  }

  /** The agent's briefing (internal note) and the visitor's "what happens next" message. */
  private async pinHandoff(
    tx: Tx,
    ctx: Ctx,
    turn: BotTurn,
    decision: Decision,
    analysis: Analysis,
    briefing: { intent: string | null; keywords: readonly string[]; modelSummary?: string[] | null },
  ) {
    const { intent, keywords } = briefing;
    const ticket = await lockTicketRow(tx, turn.session.workspaceId, turn.session.ticketId);
    if (!ticket) return;
    const visitorSaid = turn.transcript.filter((m) => m.from === 'visitor').map((m) => m.text);
    const summarySource = briefing.modelSummary ? 'model' : 'extractive';
    const summary = briefing.modelSummary ?? extractiveSummary(visitorSaid, 2, (s) => findHandoffRequest(s, keywords) !== null);
    const handoffText = templates(analysis.locale).handoff;
    const transcript = [...turn.transcript, { from: 'bot' as const, text: handoffText }];
    const language = `${analysis.language} (replies in ${analysis.locale})`;
    const rule = decision.rule?.name ?? null;
    const note = handoffNoteText({
      reason: decision.reason,
      rule,
      language,
      intent,
      sentiment: analysis.sentiment,
      summary,
      summarySource,
      transcript,
    });
    const meta = {
      pinned: true,
      assistantHandoff: {
        reason: decision.reason,
        rule,
        language: analysis.language,
        locale: analysis.locale,
        intent,
        sentiment: analysis.sentiment,
        summary,
        summarySource,
      },
    };
    await writeMessage(tx, this.core.tickets.core, ctx, ticket, { kind: 'note', bodyText: note, meta }, null);
    await writeMessage(
      tx,
      this.core.tickets.core,
      ctx,
      ticket,
      { kind: 'reply', bodyText: handoffText, channel: 'web_chat', status: ticket.status as 'new' },
      null,
    );
    await recordEvent(tx, ctx.actor, {
      workspaceId: turn.session.workspaceId,
      type: 'bot.handed_off',
      subject: { type: 'ticket', id: turn.session.ticketId },
      payload: {
        sessionId: turn.session.id,
        reason: decision.reason,
        intent,
        language: analysis.language,
        sentiment: analysis.sentiment.label,
      },
    });
  }
}
