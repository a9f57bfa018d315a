import type { WidgetConfig } from '@switchboard/contracts';
import type { ChannelRow } from '../channels/index.js';
import { isOpen, nextOpening } from '../sla/index.js';
import { parseTypePatterns } from '../tickets/index.js';
import { calendarOf } from './business-hours.js';
import { type ChatCore, settingsOf } from './chat.core.js';
import { findChatCandidates } from './chat.repo.js';

/** What the widget needs before the first chat: looks, form, and whether anyone can answer now. */
export async function widgetConfig(core: ChatCore, channel: ChannelRow): Promise<WidgetConfig> {
  const s = settingsOf(core, channel);
  const calendar = await calendarOf(core.p.db, channel.workspaceId, s.calendarId);
  const now = new Date();
  const open = isOpen(calendar, now);
  const agentsOnline = (await findChatCandidates(core.p.db, channel.workspaceId, s.teamId)).length;
  // The assistant answers around the clock; a handoff nobody can take turns into leave-a-message.
  const seat = core.bots.of(channel.workspaceId);
  const botAnswers = (await seat?.answersNow?.(channel.workspaceId)) ?? false;
  return {
    publicKey: channel.publicKey,
    name: channel.name,
    color: s.color,
    position: s.position,
    greeting: s.greeting,
    avatarUrl: s.avatarUrl,
    defaultLanguage: s.defaultLanguage,
    preChatFields: s.preChatFields,
    maxMessageLength: s.maxMessageLength,
    // The limits of the tickets module's staging, which visitor uploads go through.
    attachments: {
      enabled: s.attachmentsEnabled,
      maxBytes: core.p.config.ATTACHMENT_MAX_BYTES,
      types: parseTypePatterns(core.p.config.ATTACHMENT_TYPES),
    },
    businessHours: { open, nextOpenAt: open || !calendar ? null : nextOpening(calendar, now).toISOString() },
    agentsOnline,
    available: (open && agentsOnline > 0) || botAnswers,
  };
}
