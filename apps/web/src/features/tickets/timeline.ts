import type { Message } from '../../api/types';

/** Highest sequence number present; 0 for an empty conversation. */
export function lastSeqOf(messages: readonly Pick<Message, 'seq'>[] | undefined): number {
  let max = 0;
  for (const message of messages ?? []) if (message.seq > max) max = message.seq;
  return max;
}

/**
 * Adds messages to a conversation in sequence order. A message that is already there (same
 * id: a live push racing the catch-up fetch) is replaced, never duplicated.
 */
export function mergeMessages(current: readonly Message[] | undefined, incoming: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of current ?? []) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
