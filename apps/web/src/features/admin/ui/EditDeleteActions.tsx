import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from './ConfirmAction';

interface EditDeleteActionsProps {
  /** The row's name, for the buttons' accessible names and the confirmation. */
  name: string;
  onEdit: () => void;
  deleteTitle: string;
  deleteMessage: string;
  /** Deletes the row and refreshes the list; a rejection is shown in the dialog. */
  onDelete: () => Promise<unknown>;
}

/** The "Edit" and confirmed "Delete" buttons at the end of an admin table row. */
export function EditDeleteActions({ name, onEdit, deleteTitle, deleteMessage, onDelete }: EditDeleteActionsProps) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Button size="compact-sm" variant="subtle" aria-label={t('admin.common.editNamed', { name })} onClick={onEdit}>
        {t('admin.common.edit')}
      </Button>
      <ConfirmAction
        label={t('admin.common.delete')}
        ariaLabel={t('admin.common.deleteNamed', { name })}
        title={deleteTitle}
        message={deleteMessage}
        confirmLabel={t('admin.common.delete')}
        onConfirm={onDelete}
      />
    </Group>
  );
}
