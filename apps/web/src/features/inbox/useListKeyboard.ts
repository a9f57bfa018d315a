import { useEffect, useRef } from 'react';
import { type ListCommand, listCommand, moveActive } from './listKeyboard';

interface ListKeyboardOptions {
  ids: readonly string[];
  activeId: string | null;
  onActivate: (id: string) => void;
  onOpen: (id: string) => void;
  onToggle: (id: string) => void;
  onSearch: () => void;
}

/** j/k/Enter/x/ on the whole page while the list is shown (see listCommand for what is ignored). */
export function useListKeyboard(options: ListKeyboardOptions): void {
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const run: Record<ListCommand, (o: ListKeyboardOptions) => boolean> = {
      next: (o) => activate(o, moveActive(o.ids, o.activeId, 1)),
      previous: (o) => activate(o, moveActive(o.ids, o.activeId, -1)),
      open: (o) => withActive(o, o.onOpen),
      toggle: (o) => withActive(o, o.onToggle),
      search: (o) => {
        o.onSearch();
        return true;
      },
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const command = listCommand(event);
      if (command && run[command](latest.current)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

function activate(options: ListKeyboardOptions, id: string | null): boolean {
  if (!id) return false;
  options.onActivate(id);
  return true;
}

function withActive(options: ListKeyboardOptions, action: (id: string) => void): boolean {
  if (!options.activeId) return false;
  action(options.activeId);
  return true;
}
