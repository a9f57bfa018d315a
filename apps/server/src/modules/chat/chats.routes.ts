import { AgentChatListSchema, AgentChatSchema, ListChatsQuerySchema, TransferChatBodySchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AgentChatsService } from './agent-chats.service.js';
import { type ChatCore, loadForAgent } from './chat.core.js';
import type { MessagingService } from './messaging.js';

const IdParams = z.object({ id: z.uuid() });

/** Agent API of live chat (chat.handle). Replies go through the ticket API or the chat.send socket event. */
export function chatsRoutes(core: ChatCore, agents: AgentChatsService, messaging: MessagingService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['chat'];
    app.get(
      '/api/v1/chats',
      {
        schema: {
          tags,
          summary: 'Live chats: queue, offers, active (chat.handle)',
          querystring: ListChatsQuerySchema,
          response: { 200: AgentChatListSchema },
        },
      },
      async (req) => ({ items: await agents.list(req.ctx, req.query) }),
    );
    app.get(
      '/api/v1/chats/:id',
      { schema: { tags, summary: 'One chat (chat.handle)', params: IdParams, response: { 200: AgentChatSchema } } },
      async (req) => agents.get(req.ctx, req.params.id),
    );
    app.post(
      '/api/v1/chats/:id/accept',
      { schema: { tags, summary: 'Accept a chat offered to you (chat.handle)', params: IdParams, response: { 200: AgentChatSchema } } },
      async (req) => agents.accept(req.ctx, req.params.id),
    );
    app.post(
      '/api/v1/chats/:id/decline',
      {
        schema: {
          tags,
          summary: 'Decline a chat offered to you; it goes to the next agent (chat.handle)',
          params: IdParams,
          response: { 200: AgentChatSchema },
        },
      },
      async (req) => agents.decline(req.ctx, req.params.id),
    );
    app.post(
      '/api/v1/chats/:id/transfer',
      {
        schema: {
          tags,
          summary: 'Transfer to an agent or a team with an internal note (chat.handle)',
          params: IdParams,
          body: TransferChatBodySchema,
          response: { 200: AgentChatSchema },
        },
      },
      async (req) => agents.transfer(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/v1/chats/:id/end',
      { schema: { tags, summary: 'End the chat (chat.handle)', params: IdParams, response: { 200: AgentChatSchema } } },
      async (req) => {
        const s = await loadForAgent(core, core.p.db, req.ctx, req.params.id);
        return agents.present(await messaging.end(req.ctx, s, 'agent'));
      },
    );
  };
}
