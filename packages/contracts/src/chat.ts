import { z } from 'zod';
import { PreChatFieldSchema } from './channels.js';
import { LOCALES } from './locales.js';

/**
 * Live chat protocol between the widget (visitor), the agent app and the server.
 *
 * Browsers bundling this file for size should `import type` from it: every payload has a
 * TypeScript type below, and event names are string literal types, so nothing from zod needs
 * to be bundled. `CHAT_EVENTS` is the same list as a value for servers and tests.
 *
 * ## Transport
 * - REST under `/api/v1/widget/:publicKey/...` (visitor side, no cookies). Every call except
 *   `GET config` and `POST visitors` carries the header `X-Visitor-Token: <visitorToken>`
 *   ("(visitor)" below). Send them with `credentials: 'omit'`: the frame shares the API origin,
 *   and an agent's session cookie in the same browser must not turn the call into theirs.
 *   The server checks the embedding page's origin against the channel's allowed origins (403
 *   `chat.origin_not_allowed`; also when the channel lists origins and none is given):
 *   - cross-origin calls (the loader on the host page): the `Origin` header; CORS is answered
 *     for allowed origins;
 *   - the frame (served from the API origin, so `Origin` is ours or absent): the header
 *     `X-Switchboard-Embed-Origin: https://shop.example.com` on every widget call, learned from
 *     `MessageEvent.origin` of the loader's postMessage; on the socket, `auth.embedOrigin`.
 * - Socket.IO at path `/socket.io` on the API origin. The visitor connects with
 *   `io(apiOrigin, { path: '/socket.io', auth: { visitorToken, embedOrigin } })`; agents connect with their
 *   session cookie as the agent app already does. A failed handshake gives a connect_error whose
 *   `data.code` is `chat.visitor_token_invalid` (get a new token and reconnect).
 * - Joining a conversation: `socket.emit('subscribe', { room: 'chat:<sessionId>' }, ack)` →
 *   `{ ok: true }` or `{ ok: false, code: 'auth.forbidden' }`. Re-subscribe after every
 *   reconnect, then `chat.sync` from the last seq you hold.
 * - Errors are problem+json over REST and `{ ok: false, code, retryAfterSeconds? }` acks over
 *   the socket; codes are listed in `CHAT_ERROR_CODES`.
 *
 * ## Sequence numbers
 * Every message of a conversation has a gap-free `seq` per ticket. Internal notes and system
 * events also take seqs, but a visitor never receives them, so the visitor sees holes: use the
 * `lastSeq` of a sync result (not the last message's seq) as the next cursor. Message states on
 * the visitor side derive from cursors: `sending` (no ack yet) → `sent` (acked with a seq) →
 * `delivered` (seq ≤ agentDeliveredSeq) → `read` (seq ≤ agentReadSeq); and vice versa for agents.
 *
 * Change log (additive only from here): v1 initial. v1.1: `StartChatBody.message` required
 * (a chat starts with the visitor's first message); WebChatSettings.maxChatsPerAgent added.
 * v1.2: visitor attachments served (upload + download routes below, `ChatMessage.attachments`
 * filled, `ChatAttachmentDownloadQuerySchema`); a message may be files only (empty `text`);
 * `LeaveMessageBody.text` optional (omit it when the first message already said it).
 */

const Iso = z.string();
const SessionId = z.uuid();

/** Chat session states; the transition table lives in the server's chat-state.ts. */
export const CHAT_STATES = ['bot', 'queued', 'offered', 'active', 'offline', 'ended'] as const;
export type ChatState = (typeof CHAT_STATES)[number];
export const ChatStateSchema = z.enum(CHAT_STATES);

/** Who ended a chat. `system` = idle timeout. */
export const ChatEndedBySchema = z.enum(['visitor', 'agent', 'system']);

/** Codes the widget should be able to show (besides generic `validation.failed`, `rate_limited`, `internal`). */
export const CHAT_ERROR_CODES = [
  'chat.visitor_token_invalid',
  'chat.identity_invalid',
  'chat.origin_not_allowed',
  'chat.channel_disabled',
  'chat.not_found',
  'chat.ended',
  'chat.message_too_long',
  'chat.invalid_transition',
  'chat.offer_not_found',
  'chat.agent_unavailable',
  'chat.attachments_disabled',
  'channel.not_found',
  'attachment.too_large',
  'attachment.type_not_allowed',
  'rate_limited',
  'validation.failed',
] as const;
export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number];

// ---------------------------------------------------------------------------------------------
// REST: visitor side
// ---------------------------------------------------------------------------------------------

/** GET /api/v1/widget/:publicKey/config (no auth). Everything the widget needs before the first chat. */
export const WidgetConfigSchema = z
  .object({
    publicKey: z.string(),
    name: z.string(),
    color: z.string(),
    position: z.enum(['left', 'right']),
    /** Greeting per locale; pick the visitor's locale, then `defaultLanguage`, then any. */
    greeting: z.record(z.string(), z.string()),
    avatarUrl: z.string().nullable(),
    defaultLanguage: z.enum(LOCALES),
    preChatFields: z.array(PreChatFieldSchema),
    maxMessageLength: z.number().int(),
    attachments: z.object({
      enabled: z.boolean(),
      maxBytes: z.number().int(),
      /** Accepted MIME types; `image/*` style wildcards allowed. */
      types: z.array(z.string()),
    }),
    /** Business hours right now; `open: true` with null times when the channel has no calendar. */
    businessHours: z.object({ open: z.boolean(), nextOpenAt: Iso.nullable() }),
    /** Agents online for this channel's team (or the workspace). */
    agentsOnline: z.number().int(),
    /**
     * Someone answers a chat now: an agent (open and online), or the assistant (any time). False:
     * the widget offers "leave a message" instead of a live chat.
     */
    available: z.boolean(),
  })
  .meta({ id: 'WidgetConfig' });
export type WidgetConfig = z.infer<typeof WidgetConfigSchema>;

/** A host site vouching for its logged-in user: `hash` = hex HMAC-SHA256(userId, channel secret). */
export const IdentifySchema = z.object({
  userId: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120).optional(),
  hash: z.string().regex(/^[0-9a-f]{64}$/i, { message: 'hex HMAC-SHA256' }),
});
export type Identify = z.infer<typeof IdentifySchema>;

/** POST /api/v1/widget/:publicKey/visitors — start (or resume) as a visitor. */
export const CreateVisitorBodySchema = z.object({
  /** A token from an earlier visit (localStorage): resumes the same visitor if it is still valid. */
  visitorToken: z.string().max(1000).optional(),
  identify: IdentifySchema.optional(),
  locale: z.string().max(35).optional(),
});

export const VisitorSchema = z
  .object({
    id: z.uuid(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    /** True once a host site identified them (conversations merged into their customer record). */
    identified: z.boolean(),
  })
  .meta({ id: 'Visitor' });
export type Visitor = z.infer<typeof VisitorSchema>;

/**
 * Returned by create, refresh and identify. Keep the token in the frame's localStorage;
 * refresh (POST .../visitors/refresh with the X-Visitor-Token header) before `expiresAt`. An expired token
 * gives 401 `chat.visitor_token_invalid`: create a new visitor (history is then lost unless the
 * host site identifies the user).
 */
export const VisitorSessionSchema = z
  .object({ visitorToken: z.string(), expiresAt: Iso, visitor: VisitorSchema })
  .meta({ id: 'VisitorSession' });
export type VisitorSession = z.infer<typeof VisitorSessionSchema>;

/** POST /api/v1/widget/:publicKey/identify (visitor) — body `Identify`; answers a new `VisitorSession`. */
export const IdentifyBodySchema = IdentifySchema;

/** Values of the pre-chat form, keyed by field key (`name`, `email`, `phone` or a custom key). */
export const PreChatValuesSchema = z.record(z.string().max(40), z.string().max(2000));

/**
 * A file in the conversation (the visitor's or an agent's public reply's). `url` needs the
 * X-Visitor-Token header (fetch it, then use a blob URL); add `?inline=1` to preview an image.
 */
export const ChatAttachmentSchema = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    url: z.string(),
    /** Images the widget may show inline. */
    previewable: z.boolean(),
  })
  .meta({ id: 'ChatAttachment' });
export type ChatAttachment = z.infer<typeof ChatAttachmentSchema>;

/** A message as the visitor sees it: public replies only, no staff emails or ids besides the author's name. */
export const ChatMessageSchema = z
  .object({
    id: z.uuid(),
    sessionId: SessionId,
    seq: z.number().int(),
    /** The sender's client id when they sent it with one (lets a client match its pending bubble). */
    clientId: z.string().nullable(),
    author: z.object({
      kind: z.enum(['visitor', 'agent', 'bot', 'system']),
      name: z.string().nullable(),
      avatarUrl: z.string().nullable(),
    }),
    text: z.string(),
    html: z.string(),
    attachments: z.array(ChatAttachmentSchema),
    /** For bot messages that ask: buttons the widget shows; tapping one sends its text. */
    quickReplies: z.array(z.string()),
    createdAt: Iso,
  })
  .meta({ id: 'ChatMessage' });
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** Read/delivered cursors; states derive from them (see file comment). */
export const ChatCursorsSchema = z.object({
  visitorDeliveredSeq: z.number().int(),
  visitorReadSeq: z.number().int(),
  agentDeliveredSeq: z.number().int(),
  agentReadSeq: z.number().int(),
});
export type ChatCursors = z.infer<typeof ChatCursorsSchema>;

/** A conversation as the visitor sees it. */
export const ChatSessionSchema = z
  .object({
    id: SessionId,
    ticketNumber: z.number().int(),
    state: ChatStateSchema,
    /** 1-based place in the team's queue while `queued`; null otherwise. */
    queuePosition: z.number().int().nullable(),
    /** From recent accept times; null when unknown. */
    estimatedWaitSeconds: z.number().int().nullable(),
    /** The agent talking to them (name only). */
    agent: z.object({ name: z.string(), avatarUrl: z.string().nullable() }).nullable(),
    /** True after a switch to "leave a message": replies will come by email. */
    offlineMessage: z.boolean(),
    lastSeq: z.number().int(),
    cursors: ChatCursorsSchema,
    rating: z.number().int().nullable(),
    ratingComment: z.string().nullable(),
    endedBy: ChatEndedBySchema.nullable(),
    startedAt: Iso,
    acceptedAt: Iso.nullable(),
    endedAt: Iso.nullable(),
  })
  .meta({ id: 'ChatSession' });
export type ChatSession = z.infer<typeof ChatSessionSchema>;

/** GET /api/v1/widget/:publicKey/conversations (visitor) — the visitor's history, newest first. */
export const ChatSessionListSchema = z.object({ items: z.array(ChatSessionSchema.extend({ preview: z.string().nullable() })) });

/** The first message, sent with the conversation: a chat starts when the visitor first writes. */
const FirstMessage = z.object({ clientId: z.string().min(1).max(64), text: z.string().max(10_000) });

/**
 * POST /api/v1/widget/:publicKey/conversations (visitor) — start a chat. Pre-chat values are
 * checked against the channel's fields (400 `validation.failed`, errors[].path = `preChat.<key>`).
 * Answers 201 `StartChatResult`; when nobody can take it the session comes back in `offline`
 * (leave a message).
 */
export const StartChatBodySchema = z.object({
  preChat: PreChatValuesSchema.default({}),
  message: FirstMessage,
  locale: z.string().max(35).optional(),
  /** The host page the chat started on (shown to the agent). */
  pageUrl: z.string().max(2000).optional(),
});
export const StartChatResultSchema = z.object({ session: ChatSessionSchema, messages: z.array(ChatMessageSchema) });

/**
 * POST .../conversations/:sessionId/messages (visitor) — REST twin of the `chat.send` socket event,
 * for clients without a socket. Idempotent on clientId: a retry answers the same seq/messageId.
 */
export const SendChatMessageBodySchema = z.object({
  clientId: z.string().min(1).max(64),
  text: z.string().max(10_000).default(''),
  attachmentIds: z.array(z.uuid()).max(5).default([]),
});
export const SendChatMessageResultSchema = z.object({
  messageId: z.uuid(),
  seq: z.number().int(),
  createdAt: Iso,
  /** True when this clientId had already been stored (nothing new was written). */
  duplicate: z.boolean(),
});
export type SendChatMessageResult = z.infer<typeof SendChatMessageResultSchema>;

/** GET .../conversations/:sessionId/messages?afterSeq=&limit= (visitor) — REST twin of `chat.sync`. */
export const ChatSyncQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const ChatSyncResultSchema = z
  .object({
    session: ChatSessionSchema,
    messages: z.array(ChatMessageSchema),
    /** Next cursor: the highest seq covered by this page (visible or not). */
    lastSeq: z.number().int(),
    /** More pages after `lastSeq`: sync again from it. */
    hasMore: z.boolean(),
  })
  .meta({ id: 'ChatSyncResult' });
export type ChatSyncResult = z.infer<typeof ChatSyncResultSchema>;

/**
 * POST .../conversations/:sessionId/leave-message (visitor) — when the session is `offline`
 * (nobody available): the visitor's email (+ name, message). The conversation continues as an
 * email ticket; answers the session (state `ended`, `offlineMessage: true`). `text` is written
 * as one more message when given; leave it out when the chat's first message already says it.
 */
export const LeaveMessageBodySchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120).optional(),
  text: z.string().trim().min(1).max(10_000).optional(),
});

/** POST .../conversations/:sessionId/end (visitor, no body) → ChatSession. Ending twice is fine. */

/** POST .../conversations/:sessionId/rating (visitor) — after or during the chat; stored as ticket satisfaction. */
export const RateChatBodySchema = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});

/** POST .../conversations/:sessionId/transcript (visitor) — queued; sent once the email channel exists. 202. */
export const TranscriptRequestBodySchema = z.object({ email: z.email().max(254) });

/**
 * POST /api/v1/widget/:publicKey/attachments (visitor, multipart/form-data, one part named
 * `file`) → 201 `ChatAttachment`; then list its id in `attachmentIds` of `chat.send` / POST
 * messages within 24 h (unused uploads are removed). Limits come from the config's
 * `attachments` (413 `attachment.too_large`, 415 `attachment.type_not_allowed`); a channel with
 * `attachments.enabled: false` answers 400 `chat.attachments_disabled` here and on send.
 * GET /api/v1/widget/:publicKey/attachments/:id[?inline=1] (visitor) → the bytes
 * (`Content-Disposition: attachment`, or `inline` for previewable images with ?inline=1);
 * files of other conversations are 404.
 */
export const ChatAttachmentResultSchema = ChatAttachmentSchema;
export const ChatAttachmentDownloadQuerySchema = z.object({ inline: z.enum(['1', '0', 'true', 'false']).optional() });

// ---------------------------------------------------------------------------------------------
// REST: agent side (permission chat.handle)
// ---------------------------------------------------------------------------------------------

/** A chat as agents see it (list/queue and detail). Messages come through the ticket API. */
export const AgentChatSchema = z
  .object({
    id: SessionId,
    ticketId: z.uuid(),
    ticketNumber: z.number().int(),
    channelId: z.uuid(),
    state: ChatStateSchema,
    visitor: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() }),
    teamId: z.uuid().nullable(),
    agentId: z.uuid().nullable(),
    offeredAgentId: z.uuid().nullable(),
    offerExpiresAt: Iso.nullable(),
    queuePosition: z.number().int().nullable(),
    offlineMessage: z.boolean(),
    preChat: z.record(z.string(), z.string()),
    pageUrl: z.string().nullable(),
    lastSeq: z.number().int(),
    cursors: ChatCursorsSchema,
    rating: z.number().int().nullable(),
    endedBy: ChatEndedBySchema.nullable(),
    startedAt: Iso,
    queuedAt: Iso.nullable(),
    acceptedAt: Iso.nullable(),
    endedAt: Iso.nullable(),
    lastActivityAt: Iso,
  })
  .meta({ id: 'AgentChat' });
export type AgentChat = z.infer<typeof AgentChatSchema>;

/** GET /api/v1/chats?state=queued,active&mine=true — keyset-free: live chats are few. */
export const ListChatsQuerySchema = z.object({
  state: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter((x): x is ChatState => (CHAT_STATES as readonly string[]).includes(x)) : undefined)),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export const AgentChatListSchema = z.object({ items: z.array(AgentChatSchema) });

/** POST /api/v1/chats/:sessionId/accept | /decline (no body) → AgentChat. Only the offered agent. */
/** POST /api/v1/chats/:sessionId/end (no body) → AgentChat. */

/** POST /api/v1/chats/:sessionId/transfer — to an agent (offered to them) or a team (re-queued); the note is internal. */
export const TransferChatBodySchema = z
  .object({
    toAgentId: z.uuid().optional(),
    toTeamId: z.uuid().optional(),
    note: z.string().trim().max(5000).optional(),
  })
  .refine((b) => !!b.toAgentId !== !!b.toTeamId, { message: 'Give exactly one of toAgentId or toTeamId' });

// ---------------------------------------------------------------------------------------------
// Socket.IO
// ---------------------------------------------------------------------------------------------

/** Socket acks: success carries the result, failure a stable code. */
export type ChatAck<T = Record<never, never>> =
  | ({ ok: true } & T)
  | { ok: false; code: ChatErrorCode | 'auth.forbidden' | 'internal'; retryAfterSeconds?: number; detail?: string };

/** Client → server payloads. */
export interface ChatClientEvents {
  /**
   * Visitor sends (agents may too: a public reply). Persisted before the ack; idempotent on
   * clientId per author (a retry gets the same ack with duplicate: true).
   */
  'chat.send': {
    payload: { sessionId: string; clientId: string; text: string; attachmentIds?: string[] };
    ack: ChatAck<SendChatMessageResult>;
  };
  /** Both sides: everything visible after `afterSeq`. */
  'chat.sync': { payload: { sessionId: string; afterSeq: number; limit?: number }; ack: ChatAck<ChatSyncResult> };
  /** Both sides; send `typing: true` at most every 2 s while typing and `false` when stopping. No ack. */
  'chat.typing': { payload: { sessionId: string; typing: boolean }; ack: never };
  /** Both sides: cursors only move forward. `delivered` when shown in the list, `read` when seen by the person. */
  'chat.delivered': { payload: { sessionId: string; seq: number }; ack: ChatAck };
  'chat.read': { payload: { sessionId: string; seq: number }; ack: ChatAck };
  /** Visitor: end the chat (agents use REST). */
  'chat.end': { payload: { sessionId: string }; ack: ChatAck<{ session: ChatSession }> };
}

/** Server → client payloads. Room `chat:<sessionId>` unless noted. */
export interface ChatServerEvents {
  /** A public message (visitor, agent or bot). Notes never come here. */
  'chat.message': ChatMessage;
  'chat.typing': { sessionId: string; side: 'visitor' | 'agent'; name: string | null; typing: boolean };
  /** Cursors moved: recompute delivered/read marks. */
  'chat.receipt': { sessionId: string; cursors: ChatCursors };
  /** State, queue position, agent, rating... changed. */
  'chat.session': ChatSession;
  /** Agents online for the channel and agents currently in this conversation. */
  'chat.presence': { sessionId: string; agentsOnline: number; agentsHere: Array<{ name: string }> };
  /** Agent only, room `user:<agentId>`: a chat offered to you; accept before `expiresAt`. */
  'chat.offered': {
    sessionId: string;
    ticketId: string;
    ticketNumber: number;
    visitorName: string;
    teamId: string | null;
    preview: string | null;
    expiresAt: string;
    transferredBy: string | null;
  };
  /** Agent only, room `user:<agentId>`: an offer ended without you accepting it. */
  'chat.offer_revoked': { sessionId: string; reason: 'timeout' | 'declined' | 'ended' | 'reassigned' };
  /** Staff room `ws:<workspaceId>:staff`: a chat's state changed (queue dashboards). */
  'chat.changed': AgentChat;
}

export type ChatClientEventName = keyof ChatClientEvents;
export type ChatServerEventName = keyof ChatServerEvents;

export const CHAT_EVENTS = {
  client: ['chat.send', 'chat.sync', 'chat.typing', 'chat.delivered', 'chat.read', 'chat.end'],
  server: [
    'chat.message',
    'chat.typing',
    'chat.receipt',
    'chat.session',
    'chat.presence',
    'chat.offered',
    'chat.offer_revoked',
    'chat.changed',
  ],
} as const satisfies { client: readonly ChatClientEventName[]; server: readonly ChatServerEventName[] };

/** The room a conversation's events go to. */
export const chatRoom = (sessionId: string) => `chat:${sessionId}`;
