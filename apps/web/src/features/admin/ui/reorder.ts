/** One position write after a move. */
export interface PositionChange {
  id: string;
  position: number;
}

/**
 * Moves the item at `index` one step up (-1) or down (+1) and renumbers the list 0..n-1.
 * Returns only the items whose stored position changes; equal positions (the default for new
 * entries) are renumbered too, so the order on screen becomes the stored order.
 */
export function moveItem<T extends { id: string; position: number }>(items: readonly T[], index: number, delta: -1 | 1): PositionChange[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [];
  const order = [...items];
  const [moved] = order.splice(index, 1);
  if (!moved) return [];
  order.splice(target, 0, moved);
  return order.flatMap((item, position) => (item.position === position ? [] : [{ id: item.id, position }]));
}

/** Position, then id: the order the server uses for rules and policies. */
export function byPosition<T extends { id: string; position: number }>(a: T, b: T): number {
  if (a.position !== b.position) return a.position - b.position;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
