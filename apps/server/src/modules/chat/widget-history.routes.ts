import { ChatMessageSchema, ChatStateSchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ChatCore, loadForVisitor } from './chat.core.js';
import { presentChatMessage } from './chat.presenter.js';
import { findMessagesAfter, findSessionsOfVisitor, findTicketSummary, findUserNames, type SessionRow } from './chat.repo.js';
import { syncMessages } from './messaging.js';
import type { WidgetAuth } from './widget-auth.js';

const KeyParams = z.object({ publicKey: z.string().min(1).max(100) });
const SessionParams = KeyParams.extend({ sessionId: z.uuid() });
const HISTORY_LIMIT = 20;
/** Rows read to find a conversation's first public message (its preview). */
const PREVIEW_SCAN = 20;

const HistoryItemSchema = z
  .object({
    id: z.uuid(),
    ticketNumber: z.number().int(),
    state: ChatStateSchema,
    /** The agent who took the chat (name only). */
    agentName: z.string().nullable(),
    /** The first public message of the conversation, shortened. */
    preview: z.string().nullable(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: 'WidgetHistoryItem' });
const HistoryListSchema = z.object({ items: z.array(HistoryItemSchema) });
const TranscriptQuerySchema = z.object({ afterSeq: z.coerce.number().int().min(0).default(0) });
const TranscriptSchema = z.object({
  conversation: HistoryItemSchema,
  /** Public replies only: notes and internal events never reach a visitor. */
  messages: z.array(ChatMessageSchema),
  /** Read again from `lastSeq` while `hasMore`. */
  lastSeq: z.number().int(),
  hasMore: z.boolean(),
});

type HistoryItem = z.infer<typeof HistoryItemSchema>;

async function summarize(core: ChatCore, rows: SessionRow[]): Promise<HistoryItem[]> {
  const names = await findUserNames(
    core.p.db,
    rows.map((s) => s.agentId ?? ''),
  );
  return Promise.all(
    rows.map(async (s) => {
      const ticket = await findTicketSummary(core.p.db, s.ticketId);
      // Through the visitor presenter, which drops notes and events: a preview can never leak one.
      const first = (await findMessagesAfter(core.p.db, s.ticketId, 0, PREVIEW_SCAN))
        .map((m) => presentChatMessage(m, s.id, new Map(), null))
        .find((m) => m !== null && m.text !== '');
      return {
        id: s.id,
        ticketNumber: ticket?.number ?? 0,
        state: s.state as HistoryItem['state'],
        agentName: s.agentId ? (names.get(s.agentId)?.name ?? null) : null,
        preview: first ? first.text.slice(0, 140) : null,
        startedAt: s.createdAt.toISOString(),
        endedAt: s.endedAt ? s.endedAt.toISOString() : null,
      };
    }),
  );
}

/**
 * Conversation history for returning visitors: their earlier chats on this channel (an
 * identified visitor's include those merged into the customer) and a read-only transcript of
 * each. The visitor token authorizes; anyone else's session answers 404 `chat.not_found`.
 */
export function widgetHistoryRoutes(core: ChatCore, auth: WidgetAuth): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['widget'];
    const base = '/api/v1/widget/:publicKey/history';
    app.get(
      base,
      {
        schema: {
          tags,
          summary: "The visitor's conversations, newest first (visitor)",
          params: KeyParams,
          response: { 200: HistoryListSchema },
        },
      },
      async (req, reply) => {
        const { channel, actor } = await auth.actorFor(req, reply, req.params.publicKey);
        const rows = await findSessionsOfVisitor(core.p.db, actor.workspaceId, channel.id, actor.userId, HISTORY_LIMIT);
        return { items: await summarize(core, rows) };
      },
    );
    app.get(
      `${base}/:sessionId`,
      {
        schema: {
          tags,
          summary: 'The read-only transcript of one of the visitor’s conversations (visitor)',
          params: SessionParams,
          querystring: TranscriptQuerySchema,
          response: { 200: TranscriptSchema },
        },
      },
      async (req, reply) => {
        const { actor } = await auth.actorFor(req, reply, req.params.publicKey);
        const s = await loadForVisitor(core.p.db, actor, req.params.sessionId);
        const [conversation] = await summarize(core, [s]);
        const page = await syncMessages(core, s, req.query.afterSeq, 500);
        return { conversation: conversation as HistoryItem, ...page };
      },
    );
  };
}
