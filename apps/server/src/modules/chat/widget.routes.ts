import {
  ChatSessionListSchema,
  ChatSessionSchema,
  ChatSyncQuerySchema,
  ChatSyncResultSchema,
  CreateVisitorBodySchema,
  IdentifyBodySchema,
  LeaveMessageBodySchema,
  RateChatBodySchema,
  SendChatMessageBodySchema,
  SendChatMessageResultSchema,
  StartChatBodySchema,
  StartChatResultSchema,
  TranscriptRequestBodySchema,
  VisitorSessionSchema,
  WidgetConfigSchema,
} from '@switchboard/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ChatCore, loadForVisitor } from './chat.core.js';
import { findSessionsOfVisitor } from './chat.repo.js';
import type { ConversationsService } from './conversations.service.js';
import { visitorView } from './conversations.service.js';
import type { MessagingService } from './messaging.js';
import { firstPublicText } from './messaging.js';
import type { VisitorsService } from './visitors.service.js';
import { widgetAuth } from './widget-auth.js';
import { widgetConfig } from './widget-config.js';

const KeyParams = z.object({ publicKey: z.string().min(1).max(100) });
const SessionParams = KeyParams.extend({ sessionId: z.uuid() });

export interface WidgetDeps {
  core: ChatCore;
  visitors: VisitorsService;
  conversations: ConversationsService;
  messaging: MessagingService;
}

/** Public widget API: no cookies; the visitor token travels in X-Visitor-Token. */
export function widgetRoutes(d: WidgetDeps): FastifyPluginAsyncZod {
  const { core, visitors, conversations, messaging } = d;
  const { channelFor, visitorFor, actorFor } = widgetAuth(core, visitors);

  return async (app) => {
    const tags = ['widget'];
    const base = '/api/v1/widget/:publicKey';
    app.get(
      `${base}/config`,
      { schema: { tags, summary: 'Widget configuration (public)', params: KeyParams, response: { 200: WidgetConfigSchema } } },
      async (req, reply) => widgetConfig(core, await channelFor(req, reply, req.params.publicKey)),
    );
    app.post(
      `${base}/visitors`,
      {
        schema: {
          tags,
          summary: 'Start or resume a visitor; returns a visitor token (public)',
          params: KeyParams,
          body: CreateVisitorBodySchema,
          response: { 201: VisitorSessionSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await visitors.create(req.ctx, await channelFor(req, reply, req.params.publicKey), req.body)),
    );
    app.post(
      `${base}/visitors/refresh`,
      { schema: { tags, summary: 'A fresh visitor token (visitor)', params: KeyParams, response: { 200: VisitorSessionSchema } } },
      async (req, reply) => {
        const channel = await channelFor(req, reply, req.params.publicKey);
        return visitors.refresh(await visitorFor(req, channel));
      },
    );
    app.post(
      `${base}/identify`,
      {
        schema: {
          tags,
          summary: 'Identify the visitor as a host-site user (HMAC-signed) (visitor)',
          params: KeyParams,
          body: IdentifyBodySchema,
          response: { 200: VisitorSessionSchema },
        },
      },
      async (req, reply) => {
        const channel = await channelFor(req, reply, req.params.publicKey);
        return visitors.identify(channel, await visitorFor(req, channel), req.body);
      },
    );
    app.get(
      `${base}/conversations`,
      {
        schema: {
          tags,
          summary: "The visitor's chats, newest first (visitor)",
          params: KeyParams,
          response: { 200: ChatSessionListSchema },
        },
      },
      async (req, reply) => {
        const { channel, actor } = await actorFor(req, reply, req.params.publicKey);
        const rows = await findSessionsOfVisitor(core.p.db, actor.workspaceId, channel.id, actor.userId);
        const items = await Promise.all(
          rows.map(async (s) => ({ ...(await visitorView(core, s, channel)), preview: await firstPublicText(core, s) })),
        );
        return { items };
      },
    );
    app.post(
      `${base}/conversations`,
      {
        schema: {
          tags,
          summary: 'Start a chat with the first message (visitor)',
          params: KeyParams,
          body: StartChatBodySchema,
          response: { 201: StartChatResultSchema },
        },
      },
      async (req, reply) => {
        const { channel, actor } = await actorFor(req, reply, req.params.publicKey);
        return reply.status(201).send(await conversations.start(req.ctx, actor, channel, req.body));
      },
    );
    const session = async (req: FastifyRequest, reply: FastifyReply) => {
      const params = req.params as z.infer<typeof SessionParams>;
      const { actor } = await actorFor(req, reply, params.publicKey);
      return { actor, s: await loadForVisitor(core.p.db, actor, params.sessionId) };
    };
    app.get(
      `${base}/conversations/:sessionId/messages`,
      {
        schema: {
          tags,
          summary: 'Messages after a sequence number (visitor)',
          params: SessionParams,
          querystring: ChatSyncQuerySchema,
          response: { 200: ChatSyncResultSchema },
        },
      },
      async (req, reply) => messaging.sync((await session(req, reply)).s, req.query.afterSeq, req.query.limit),
    );
    app.post(
      `${base}/conversations/:sessionId/messages`,
      {
        schema: {
          tags,
          summary: 'Send a message; idempotent on clientId (visitor)',
          params: SessionParams,
          body: SendChatMessageBodySchema,
          response: { 201: SendChatMessageResultSchema },
        },
      },
      async (req, reply) => {
        const { actor, s } = await session(req, reply);
        return reply.status(201).send(await messaging.send({ ...req.ctx, actor }, s, req.body));
      },
    );
    app.post(
      `${base}/conversations/:sessionId/end`,
      { schema: { tags, summary: 'End the chat (visitor)', params: SessionParams, response: { 200: ChatSessionSchema } } },
      async (req, reply) => {
        const { actor, s } = await session(req, reply);
        return visitorView(core, await messaging.end({ ...req.ctx, actor }, s, 'visitor'));
      },
    );
    app.post(
      `${base}/conversations/:sessionId/rating`,
      {
        schema: {
          tags,
          summary: 'Rate the chat 1-5 (visitor)',
          params: SessionParams,
          body: RateChatBodySchema,
          response: { 200: ChatSessionSchema },
        },
      },
      async (req, reply) => {
        const { actor, s } = await session(req, reply);
        return visitorView(core, await conversations.rate(actor, s, req.body));
      },
    );
    app.post(
      `${base}/conversations/:sessionId/transcript`,
      {
        schema: {
          tags,
          summary: 'Request the transcript by email; queued (visitor)',
          params: SessionParams,
          body: TranscriptRequestBodySchema,
          response: { 202: z.null() },
        },
      },
      async (req, reply) => {
        const { actor, s } = await session(req, reply);
        await conversations.requestTranscript(actor, s, req.body.email);
        return reply.status(202).send(null);
      },
    );
    app.post(
      `${base}/conversations/:sessionId/leave-message`,
      {
        schema: {
          tags,
          summary: 'Leave a message when nobody is available (visitor)',
          params: SessionParams,
          body: LeaveMessageBodySchema,
          response: { 200: ChatSessionSchema },
        },
      },
      async (req, reply) => {
        const { actor, s } = await session(req, reply);
        return visitorView(core, await messaging.leaveMessage({ ...req.ctx, actor }, s, req.body));
      },
    );
  };
}
