import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import type { ChannelsModule } from '../channels/index.js';
import { selfAssigningChannels } from '../routing/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { agentChatsService } from './agent-chats.service.js';
import { BotSeats } from './bot-seat.js';
import type { ChatCore } from './chat.core.js';
import { CHAT_SWEEP_CRON, CHAT_SWEEP_JOB, registerChatJobs } from './chat.jobs.js';
import { registerChatListeners } from './chat.listeners.js';
import { registerChatRealtime } from './chat.realtime.js';
import { chatAttachmentsService } from './chat-attachments.js';
import { chatsRoutes } from './chats.routes.js';
import { conversationsService } from './conversations.service.js';
import { messagingService } from './messaging.js';
import { visitorsService } from './visitors.service.js';
import { widgetRoutes } from './widget.routes.js';
import { widgetAttachmentsRoutes } from './widget-attachments.routes.js';
import { widgetAuth } from './widget-auth.js';
import { registerWidgetStatic } from './widget-static.js';

export type { BotReply, BotSeat, BotTurn } from './bot-seat.js';
export { chatSessions, chatVisitors } from './chat.schema.js';

/** Live chat: visitors, chat sessions over tickets, realtime protocol, chat routing and the bot seat. */
export async function registerChat(app: FastifyInstance, p: Platform, tickets: TicketsModule, channels: ChannelsModule) {
  // Chats are offered to agents by this module; routing only chooses their team.
  selfAssigningChannels.add('web_chat');
  const core: ChatCore = { p, tickets, channels, bots: new BotSeats() };
  const visitors = visitorsService(core);
  const conversations = conversationsService(core);
  const messaging = messagingService(core);
  const agents = agentChatsService(core);
  registerChatRealtime(core, visitors, messaging);
  registerChatListeners(core, agents);
  const jobs = registerChatJobs(core, agents, messaging);
  await app.register(widgetRoutes({ core, visitors, conversations, messaging }));
  await app.register(widgetAttachmentsRoutes(p.config.ATTACHMENT_MAX_BYTES, widgetAuth(core, visitors), chatAttachmentsService(core)));
  await app.register(chatsRoutes(core, agents, messaging));
  return {
    /** Register a workspace's automated responder (the AI assistant); none = straight to the queue. */
    bots: core.bots,
    agents,
    /** Idle timeouts and lost offer timeouts; app.ts schedules it every minute. */
    sweep: jobs.sweep,
    sweepJob: CHAT_SWEEP_JOB,
    sweepCron: CHAT_SWEEP_CRON,
    /** Serves the built widget at /widget/ (app.ts passes apps/widget/dist). */
    serveWidget: (server: FastifyInstance, dir: string) => registerWidgetStatic(server, core, dir),
  };
}

export type ChatModule = Awaited<ReturnType<typeof registerChat>>;
