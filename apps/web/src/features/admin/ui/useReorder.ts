import { useMutation } from '@tanstack/react-query';
import { moveItem } from './reorder';

/**
 * Moves a row and writes the new positions. `save` writes one position; `refresh` reloads the
 * list afterwards, also when a write failed half-way, so the screen shows what was stored.
 */
export function useReorder<T extends { id: string; position: number }>(
  save: (id: string, position: number) => Promise<unknown>,
  refresh: () => Promise<unknown>,
) {
  const mutation = useMutation({
    mutationFn: async ({ items, index, delta }: { items: readonly T[]; index: number; delta: -1 | 1 }) => {
      try {
        for (const change of moveItem(items, index, delta)) await save(change.id, change.position);
      } finally {
        await refresh();
      }
    },
  });
  return {
    move: (items: readonly T[], index: number, delta: -1 | 1) => mutation.mutate({ items, index, delta }),
    isPending: mutation.isPending,
    error: mutation.error,
  };
}
