import { Paper, Portal, Text, UnstyledButton } from '@mantine/core';
import type { MentionNodeAttrs } from '@tiptap/extension-mention';
import type { SuggestionKeyDownProps, SuggestionOptions, SuggestionProps } from '@tiptap/suggestion';
import { useMemo, useRef, useState } from 'react';

export interface MentionCandidate {
  id: string;
  name: string;
}

interface OpenList {
  items: MentionCandidate[];
  index: number;
  rect: DOMRect | null;
  select: (item: MentionCandidate) => void;
}

/** Bridges Tiptap's suggestion callbacks (outside React) and the popup's state. */
export interface MentionController {
  open(list: Omit<OpenList, 'index'>): void;
  close(): void;
  /** true when the key was used by the list */
  key(event: KeyboardEvent): boolean;
}

export interface MentionState {
  list: OpenList | null;
  controller: MentionController;
  choose(index: number): void;
}

const MAX_ITEMS = 8;

/** Staff whose name contains what was typed after `@`, names starting with it first. */
export function matchCandidates(candidates: readonly MentionCandidate[], query: string): MentionCandidate[] {
  const q = query.trim().toLocaleLowerCase();
  const hits = candidates.filter((c) => c.name.toLocaleLowerCase().includes(q));
  const starts = (c: MentionCandidate) => (c.name.toLocaleLowerCase().startsWith(q) ? 0 : 1);
  return [...hits].sort((a, b) => starts(a) - starts(b) || a.name.localeCompare(b.name)).slice(0, MAX_ITEMS);
}

export function useMentionState(): MentionState {
  const [list, setList] = useState<OpenList | null>(null);
  const current = useRef<OpenList | null>(null);
  current.current = list;
  const controller = useMemo<MentionController>(
    () => ({
      open: (next) => setList((prev) => ({ ...next, index: prev ? Math.min(prev.index, Math.max(0, next.items.length - 1)) : 0 })),
      close: () => setList(null),
      key: (event) => {
        const open = current.current;
        if (!open) return false;
        const count = open.items.length;
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          if (!count) return true;
          const step = event.key === 'ArrowDown' ? 1 : -1;
          setList({ ...open, index: (open.index + step + count) % count });
          return true;
        }
        if (event.key === 'Enter' || event.key === 'Tab') {
          const item = open.items[open.index];
          if (!item) return false;
          open.select(item);
          return true;
        }
        if (event.key === 'Escape') {
          setList(null);
          return true;
        }
        return false;
      },
    }),
    [],
  );
  const choose = (index: number) => {
    const item = list?.items[index];
    if (item) list?.select(item);
  };
  return { list, controller, choose };
}

/** Tiptap suggestion options for `@`: candidates filtered as you type, chosen by keyboard or click. */
export function mentionSuggestion(options: {
  enabled: () => boolean;
  candidates: () => readonly MentionCandidate[];
  state: MentionController;
}): Omit<SuggestionOptions<MentionCandidate, MentionNodeAttrs>, 'editor'> {
  const show = (props: SuggestionProps<MentionCandidate, MentionNodeAttrs>) =>
    options.state.open({
      items: props.items,
      rect: props.clientRect?.() ?? null,
      select: (item) => props.command({ id: item.id, label: item.name }),
    });
  return {
    char: '@',
    allow: () => options.enabled(),
    items: ({ query }) => matchCandidates(options.candidates(), query),
    render: () => ({
      onStart: show,
      onUpdate: show,
      onKeyDown: ({ event }: SuggestionKeyDownProps) => options.state.key(event),
      onExit: () => options.state.close(),
    }),
  };
}

/** The candidate list under the caret, as an ARIA listbox. */
export function MentionPopup({ state, label, empty }: { state: MentionState; label: string; empty: string }) {
  const { list } = state;
  if (!list) return null;
  const top = (list.rect?.bottom ?? 0) + 4;
  const left = list.rect?.left ?? 0;
  return (
    <Portal>
      <Paper shadow="md" withBorder p={4} miw={200} style={{ position: 'fixed', top, left, zIndex: 400 }} role="listbox" aria-label={label}>
        {list.items.length === 0 ? (
          <Text size="sm" c="dimmed" px="xs" py={4}>
            {empty}
          </Text>
        ) : (
          list.items.map((item, index) => (
            <UnstyledButton
              key={item.id}
              role="option"
              aria-selected={index === list.index}
              display="block"
              w="100%"
              px="xs"
              py={4}
              style={{ borderRadius: 4, background: index === list.index ? 'var(--mantine-color-blue-light)' : undefined }}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => state.choose(index)}
            >
              <Text size="sm">{item.name}</Text>
            </UnstyledButton>
          ))
        )}
      </Paper>
    </Portal>
  );
}
