// Live chat (agent side) and channel administration. Type-only imports from the contracts:
// zod never reaches the browser bundle.
import type {
  AgentChatSchema,
  ChannelConfigSchema,
  ChannelWithSecretSchema,
  ChatServerEvents,
  ChatState,
  CreateChannelBodySchema,
  PreChatFieldSchema,
  TransferChatBodySchema,
  UpdateChannelBodySchema,
  WebChatSettingsSchema,
} from '@switchboard/contracts';
import { apiFetch } from './apiFetch';

type Output<Schema extends { _zod: { output: unknown } }> = Schema['_zod']['output'];
type Input<Schema extends { _zod: { input: unknown } }> = Schema['_zod']['input'];

export type { ChatCursors, ChatState } from '@switchboard/contracts';
export type AgentChat = Output<typeof AgentChatSchema>;
export type TransferChatBody = Input<typeof TransferChatBodySchema>;
export type ChatOffered = ChatServerEvents['chat.offered'];
export type ChatOfferRevoked = ChatServerEvents['chat.offer_revoked'];
export type ChatTyping = ChatServerEvents['chat.typing'];
export type ChatReceipt = ChatServerEvents['chat.receipt'];
export type ChatPresence = ChatServerEvents['chat.presence'];
/** The visitor's view of the session, pushed to the conversation room on every state change. */
export type ChatSessionPush = ChatServerEvents['chat.session'];

export type Channel = Output<typeof ChannelConfigSchema>;
export type ChannelWithSecret = Output<typeof ChannelWithSecretSchema>;
export type WebChatSettings = Output<typeof WebChatSettingsSchema>;
export type PreChatField = Output<typeof PreChatFieldSchema>;
export type CreateChannelBody = Input<typeof CreateChannelBodySchema>;
export type UpdateChannelBody = Input<typeof UpdateChannelBodySchema>;

/** Chats that are still going on (an `offline` chat continues by email, `ended` is over). */
export const LIVE_CHAT_STATES: readonly ChatState[] = ['bot', 'queued', 'offered', 'active'];

export const chatsApi = {
  list: async (params: { state?: readonly ChatState[]; mine?: boolean } = {}, signal?: AbortSignal) =>
    (
      await apiFetch<{ items: AgentChat[] }>('/chats', {
        query: { state: params.state?.length ? params.state.join(',') : undefined, mine: params.mine ? 'true' : undefined },
        signal,
      })
    ).items,
  get: (id: string, signal?: AbortSignal) => apiFetch<AgentChat>(`/chats/${id}`, { signal }),
  accept: (id: string) => apiFetch<AgentChat>(`/chats/${id}/accept`, { method: 'POST' }),
  decline: (id: string) => apiFetch<AgentChat>(`/chats/${id}/decline`, { method: 'POST' }),
  transfer: (id: string, body: TransferChatBody) => apiFetch<AgentChat>(`/chats/${id}/transfer`, { method: 'POST', body }),
  end: (id: string) => apiFetch<AgentChat>(`/chats/${id}/end`, { method: 'POST' }),
};

export const channelsApi = {
  list: async (signal?: AbortSignal) => (await apiFetch<{ items: Channel[] }>('/channels', { signal })).items,
  create: (body: CreateChannelBody) => apiFetch<ChannelWithSecret>('/channels', { method: 'POST', body }),
  update: (id: string, body: UpdateChannelBody) => apiFetch<Channel>(`/channels/${id}`, { method: 'PATCH', body }),
  remove: (id: string) => apiFetch<void>(`/channels/${id}`, { method: 'DELETE' }),
  rotateSecret: (id: string) => apiFetch<ChannelWithSecret>(`/channels/${id}/rotate-secret`, { method: 'POST' }),
};
