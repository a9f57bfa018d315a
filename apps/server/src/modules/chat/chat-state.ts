import type { ChatState } from '@switchboard/contracts';

/**
 * The chat session state machine as a table. Every state change goes through `transition`.
 * - bot: an automated seat answers first; hands off to the queue (or leave-a-message).
 * - queued: waiting for an agent of the team; offered when one is free.
 * - offered: one agent may accept before the offer times out; decline/timeout re-queues.
 * - active: an agent talks to the visitor; transfer re-offers (agent) or re-queues (team);
 *   the agent going offline re-queues.
 * - offline: nobody can take it (closed or nobody online): the visitor leaves a message.
 * - ended: by visitor, agent or idle timeout. Final.
 */
export const CHAT_EVENTS_TABLE = {
  start_with_bot: { from: ['bot'], to: 'bot' },
  handoff: { from: ['bot'], to: 'queued' },
  enqueue: { from: ['bot', 'offered', 'active', 'queued'], to: 'queued' },
  offer: { from: ['queued', 'offered', 'active'], to: 'offered' },
  accept: { from: ['offered'], to: 'active' },
  decline: { from: ['offered'], to: 'queued' },
  offer_timeout: { from: ['offered'], to: 'queued' },
  transfer_to_agent: { from: ['active', 'queued', 'offered'], to: 'offered' },
  transfer_to_team: { from: ['active', 'queued', 'offered'], to: 'queued' },
  agent_offline: { from: ['active', 'offered'], to: 'queued' },
  go_offline: { from: ['bot', 'queued', 'offered'], to: 'offline' },
  leave_message: { from: ['offline'], to: 'ended' },
  end: { from: ['bot', 'queued', 'offered', 'active', 'offline'], to: 'ended' },
} as const satisfies Record<string, { from: readonly ChatState[]; to: ChatState }>;

export type ChatTransition = keyof typeof CHAT_EVENTS_TABLE;

/** The state after `event`, or null when the event is not allowed from `from`. */
export function transition(from: ChatState, event: ChatTransition): ChatState | null {
  const row = CHAT_EVENTS_TABLE[event];
  return (row.from as readonly ChatState[]).includes(from) ? row.to : null;
}

/** States in which the chat is still live (messages flow, idle timeout applies). */
export const LIVE_STATES: readonly ChatState[] = ['bot', 'queued', 'offered', 'active'];

export const isLive = (state: string) => (LIVE_STATES as readonly string[]).includes(state);
