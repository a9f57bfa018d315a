import { Button, type ButtonProps, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';

interface ConfirmActionProps {
  /** The button text, e.g. "Delete". */
  label: string;
  /** Accessible name of the button when the label alone is ambiguous in a table row. */
  ariaLabel?: string;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  buttonProps?: ButtonProps;
}

/** A destructive action behind a confirmation dialog that also shows why it failed. */
export function ConfirmAction({ label, ariaLabel, title, message, confirmLabel, onConfirm, buttonProps }: ConfirmActionProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [opened, { open, close }] = useDisclosure(false);
  const action = useMutation({ mutationFn: onConfirm, onSuccess: close });
  const dismiss = () => {
    action.reset();
    close();
  };
  return (
    <>
      <Button size="compact-sm" variant="subtle" color="red" aria-label={ariaLabel} onClick={open} {...buttonProps}>
        {label}
      </Button>
      <Modal opened={opened} onClose={dismiss} title={title}>
        <Stack gap="md">
          <Text>{message}</Text>
          {action.error ? <FormAlert>{errorText.describe(action.error)}</FormAlert> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={dismiss}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={action.isPending} onClick={() => action.mutate()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
