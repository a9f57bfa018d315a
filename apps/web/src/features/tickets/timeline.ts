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

/**
 * Messages that reached the cache outside an ordered fetch: a live push or a send's response.
 * Earlier messages may still be on their way (a macro writes an event, then its reply, and the
 * reply's push can beat the fetch), so these must not move where the next incremental fetch starts.
 */
const unconfirmed = new WeakSet<Message>();

/** Adds a pushed or just-sent message; it shows at once, and the next fetch still covers the seqs before it. */
export function mergePushed(current: readonly Message[] | undefined, message: Message): Message[] {
  unconfirmed.add(message);
  return mergeMessages(current, [message]);
}

/** Adds a fetched page: its messages are now known in order, including copies that first came by push. */
export function mergeFetched(current: readonly Message[] | undefined, items: readonly Message[]): Message[] {
  const fetched = new Set(items.map((item) => item.id));
  // Query results keep old object identities when nothing changed, so unmark the cached copies too.
  for (const message of current ?? []) if (fetched.has(message.id)) unconfirmed.delete(message);
  return mergeMessages(current, items);
}

/** Where the next incremental fetch starts: the highest seq that came from a fetch (0 when none did). */
export function fetchedSeqOf(messages: readonly Message[] | undefined): number {
  let max = 0;
  for (const message of messages ?? []) if (!unconfirmed.has(message) && message.seq > max) max = message.seq;
  return max;
}
