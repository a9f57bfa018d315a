import { type ChannelKind, WebChatSettingsSchema } from '@switchboard/contracts';
import type { z } from 'zod';

/** What the platform knows about one kind of channel. Email and messaging kinds add entries here. */
export interface ChannelKindDefinition {
  settingsSchema: z.ZodType<Record<string, unknown>>;
  /** Conversations of this kind are live (offered to agents in real time) rather than queued as mail. */
  live: boolean;
  /** The ticket channel its conversations carry. */
  ticketChannel: string;
}

export const channelKinds = {
  web_chat: { settingsSchema: WebChatSettingsSchema, live: true, ticketChannel: 'web_chat' },
} satisfies Record<ChannelKind, ChannelKindDefinition>;

export function kindOf(kind: string): ChannelKindDefinition | null {
  return (channelKinds as Record<string, ChannelKindDefinition>)[kind] ?? null;
}
