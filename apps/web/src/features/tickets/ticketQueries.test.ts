import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ticketsApi } from '../../api/tickets.api';
import type { Message } from '../../api/types';
import { message as fixtureMessage, ids } from '../../test/ticketFixtures';
import { addToTimeline, catchUpTimeline, ticketKeys, timelineQuery } from './ticketQueries';

const TICKET = ids.ticket;
const at = (seq: number, kind: Message['kind'] = 'reply'): Message => fixtureMessage(seq, { kind });

/** The server's messages endpoint: everything after `afterSeq`, in order. */
function serveMessages(all: Message[]) {
  return vi.spyOn(ticketsApi, 'messages').mockImplementation(async (_id, afterSeq) => ({ items: all.filter((m) => m.seq > afterSeq) }));
}

/** A screen showing the timeline: an active query, so invalidation refetches it as it would in the app. */
async function openTimeline(client: QueryClient) {
  const observer = new QueryObserver(client, timelineQuery(client, TICKET));
  unsubscribers.push(observer.subscribe(() => undefined));
  await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
}
const unsubscribers: Array<() => void> = [];

const seqs = (client: QueryClient) => client.getQueryData<Message[]>(ticketKeys.timeline(TICKET))?.map((m) => m.seq);

afterEach(() => {
  for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  vi.restoreAllMocks();
});

describe('the live timeline', () => {
  it('does not lose an event written just before a message whose push arrived first', async () => {
    const client = new QueryClient();
    const server = [at(1)];
    const api = serveMessages(server);
    await openTimeline(client);

    // A macro writes its field-change event (2) and its reply (3); the reply's push wins the race.
    server.push(at(2, 'event'), at(3));
    addToTimeline(client, TICKET, at(3));
    expect(seqs(client)).toEqual([1, 3]);
    catchUpTimeline(client, TICKET, 3);
    await vi.waitFor(() => expect(seqs(client)).toEqual([1, 2, 3]));
    expect(api).toHaveBeenLastCalledWith(TICKET, 1, expect.anything());
  });

  it('asks only for what follows once everything fetched is in order', async () => {
    const client = new QueryClient();
    const server = [at(1), at(2)];
    const api = serveMessages(server);
    await openTimeline(client);
    server.push(at(3));
    await client.refetchQueries({ queryKey: ticketKeys.timeline(TICKET) });
    expect(seqs(client)).toEqual([1, 2, 3]);
    expect(api).toHaveBeenLastCalledWith(TICKET, 2, expect.anything());
  });

  it('leaves an up-to-date timeline alone', async () => {
    const client = new QueryClient();
    const api = serveMessages([at(1), at(2)]);
    await openTimeline(client);
    catchUpTimeline(client, TICKET, 2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(api).toHaveBeenCalledTimes(1);
  });

  it('ignores pushes for a ticket nobody has open', () => {
    const client = new QueryClient();
    addToTimeline(client, TICKET, at(1));
    expect(seqs(client)).toBeUndefined();
  });
});
