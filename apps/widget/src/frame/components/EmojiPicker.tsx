import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useFrame } from '../context.js';

/** A fixed set of everyday emoji: enough for chat, no library to download. */
export const EMOJI = [
  '😀',
  '😂',
  '😊',
  '😍',
  '🤔',
  '😅',
  '😢',
  '😮',
  '😡',
  '🙏',
  '👍',
  '👎',
  '👏',
  '🙌',
  '💪',
  '🤝',
  '❤️',
  '🎉',
  '✅',
  '❌',
  '⚠️',
  '🔥',
  '⭐',
  '💡',
  '📦',
  '🚚',
  '💳',
  '📧',
  '📞',
  '⏰',
  '👋',
  '😉',
];

/** A grid of emoji buttons; Escape closes it and returns focus to the button that opened it. */
export function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }): JSX.Element {
  const { t } = useFrame();
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => {
    grid.current?.querySelector('button')?.focus();
  }, []);
  return (
    <div
      class="emoji"
      role="dialog"
      aria-label={t('emoji.title')}
      ref={grid}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {EMOJI.map((emoji) => (
        <button key={emoji} type="button" aria-label={emoji} onClick={() => onPick(emoji)}>
          {emoji}
        </button>
      ))}
    </div>
  );
}
