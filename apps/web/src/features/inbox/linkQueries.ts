import type { QueryClient } from '@tanstack/react-query';
import { configKeys, ticketKeys } from '../tickets/ticketQueries';

/** Under `tickets` so a reconnect (which refetches every ticket query) refreshes links too. */
export const linksKey = (ticketId: string) => [...ticketKeys.all, 'links', ticketId] as const;

/** Links, merges and splits write timeline events on both tickets and change lists. */
export function refreshAfterLinkChange(queryClient: QueryClient, ticketIds: readonly string[]) {
  for (const id of ticketIds) {
    void queryClient.invalidateQueries({ queryKey: linksKey(id) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(id) });
  }
  void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: configKeys.viewCounts });
}
