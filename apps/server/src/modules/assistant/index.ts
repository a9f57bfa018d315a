import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import type { ChatModule } from '../chat/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { registerAssist } from './assist/index.js';
import type { AssistantCore } from './assistant.core.js';
import { listWorkspaceIds } from './assistant.repo.js';
import { assistantRoutes } from './assistant.routes.js';
import { assistantService } from './assistant.service.js';
import { AssistantSeat } from './assistant-seat.js';
import { registerAssistantFlows } from './flows/index.js';
import { registerIntents } from './intents/index.js';
import { KbPassageIndex } from './kb-index.js';
import { registerModelProvider } from './provider/index.js';
import { registerTriage } from './triage/index.js';

export { extractiveSummary } from './summary.js';

/** New workspaces get the seat within this time on every node (sooner on the node that saw the event). */
const REGISTER_EVERY_MS = 60_000;

/**
 * The AI assistant: answers web chats first from published knowledge-base passages through the
 * chat module's bot seat, hands off to humans with a briefing note, logs every decision.
 */
export async function registerAssistant(app: FastifyInstance, p: Platform, deps: { tickets: TicketsModule; chat: ChatModule }) {
  const core: AssistantCore = { p, tickets: deps.tickets, index: new KbPassageIndex() };
  const seat = new AssistantSeat(core);
  // One seat serves every workspace; it hands disabled workspaces straight to the queue.
  const register = (workspaceId: string) => deps.chat.bots.register(workspaceId, seat);
  const registerAll = async () => {
    for (const id of await listWorkspaceIds(p.db)) register(id);
  };
  await registerAll();
  const timer = setInterval(() => {
    registerAll().catch((err) => p.log.warn({ err }, 'assistant: registering seats failed'));
  }, REGISTER_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  p.outbox.on('assistant.kb-index', ['article.published', 'article.archived'], (event) => {
    if (!event.workspaceId) return;
    core.index.invalidate(event.workspaceId);
    register(event.workspaceId);
  });

  const service = assistantService(core, register);
  await registerTriage(app, p, deps.tickets);
  await app.register(assistantRoutes(service));
  await registerAssistantFlows(app, p);
  await registerModelProvider(app, core);
  await registerAssist(app, core);
  await registerIntents(app, p);
  return { service, seat };
}

export type AssistantModule = Awaited<ReturnType<typeof registerAssistant>>;
