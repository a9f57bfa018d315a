import type { AgentChatsService } from './agent-chats.service.js';
import { type ChatCore, settingsOf, systemCtx } from './chat.core.js';
import { findExpiredOffers, findIdleSessions } from './chat.repo.js';
import { OFFER_TIMEOUT_JOB } from './chat-routing.js';
import type { MessagingService } from './messaging.js';

export const CHAT_SWEEP_JOB = 'chat.sweep';
export const CHAT_SWEEP_CRON = '* * * * *';

interface OfferTimeoutData {
  workspaceId: string;
  sessionId: string;
  offerSeq: number;
}

/**
 * Offer timeouts are jobs due at the offer's deadline (durable across restarts); a sweep every
 * minute ends idle chats after their channel's idle timeout and catches offers whose job was lost.
 */
export function registerChatJobs(core: ChatCore, agents: AgentChatsService, messaging: MessagingService) {
  const { p } = core;

  async function sweep(now = new Date()) {
    let ended = 0;
    for (const s of await findExpiredOffers(p.db, now)) await agents.expireOffer(s.workspaceId, s.id, null, now);
    // The shortest timeout a channel may have (1 minute) bounds what can be idle.
    for (const s of await findIdleSessions(p.db, new Date(now.getTime() - 60_000))) {
      const channel = await core.channels.byId(p.db, s.channelId);
      const minutes = channel ? settingsOf(core, channel).idleTimeoutMinutes : 30;
      if (s.lastActivityAt.getTime() > now.getTime() - minutes * 60_000) continue;
      await messaging.end(systemCtx(p, s.workspaceId), s, 'system');
      ended++;
    }
    return { ended };
  }

  p.jobs.define<OfferTimeoutData>({
    name: OFFER_TIMEOUT_JOB,
    async handle(data) {
      await agents.expireOffer(data.workspaceId, data.sessionId, data.offerSeq);
    },
  });
  p.jobs.define<Record<string, never>>({
    name: CHAT_SWEEP_JOB,
    async handle() {
      await sweep();
    },
  });
  return { sweep };
}
