import { ActionIcon, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface MoveButtonsProps {
  name: string;
  first: boolean;
  last: boolean;
  disabled?: boolean;
  onMove: (delta: -1 | 1) => void;
}

/** Up/down buttons for ordered lists; each names the row it moves for screen readers. */
export function MoveButtons({ name, first, last, disabled, onMove }: MoveButtonsProps) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t('admin.common.moveUp', { name })}
        disabled={first || disabled}
        onClick={() => onMove(-1)}
      >
        <span aria-hidden>↑</span>
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t('admin.common.moveDown', { name })}
        disabled={last || disabled}
        onClick={() => onMove(1)}
      >
        <span aria-hidden>↓</span>
      </ActionIcon>
    </Group>
  );
}
