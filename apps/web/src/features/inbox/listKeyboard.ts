export type ListCommand = 'next' | 'previous' | 'open' | 'toggle' | 'search';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Elements that already do something on Enter; the list shortcut must not run twice. */
const ACTIVATES_ON_ENTER = new Set(['A', 'BUTTON', 'SUMMARY']);

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.tagName !== 'string') return false;
  return TYPING.has(element.tagName) || element.isContentEditable;
}

/**
 * Gmail-style list keys: j/k move, Enter opens, x selects, / searches. Ignored while typing in a
 * field or with a modifier held (so browser shortcuts keep working).
 */
export function listCommand(event: KeyLike): ListCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return null;
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'x':
      return 'toggle';
    case '/':
      return 'search';
    case 'Enter': {
      const tag = (event.target as HTMLElement | null)?.tagName;
      return tag && ACTIVATES_ON_ENTER.has(tag) ? null : 'open';
    }
    default:
      return null;
  }
}

/** The id `delta` rows away from `current`, clamped to the list; the first row when nothing is active. */
export function moveActive(ids: readonly string[], current: string | null, delta: number): string | null {
  if (!ids.length) return null;
  const index = current === null ? -1 : ids.indexOf(current);
  if (index === -1) return ids[0] ?? null;
  const next = Math.min(ids.length - 1, Math.max(0, index + delta));
  return ids[next] ?? null;
}
