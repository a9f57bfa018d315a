import { useCallback, useEffect, useState } from 'react';

/** Checked rows of a list; rows that leave the list (solved elsewhere, moved view) drop out of the selection. */
export function useSelection(ids: readonly string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    setSelected((current) => {
      const kept = [...current].filter((id) => ids.includes(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [ids]);

  const toggle = useCallback(
    (id: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const toggleAll = useCallback(() => setSelected((current) => (current.size === ids.length ? new Set() : new Set(ids))), [ids]);
  const replace = useCallback((next: Iterable<string>) => setSelected(new Set(next)), []);

  return { selected, toggle, toggleAll, replace };
}
