import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminMacro, macrosAdminApi } from '../../../api/admin-config.api';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { refreshAfterChange } from '../adminQueries';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { MacroActionRow } from './MacroActionRow';
import { type ActionDraft, emptyAction, type MacroDraft, macroBody, macroDraft } from './macroForm';

type Field = 'name' | 'description' | 'actions';

/** Create or change a shared macro: a name and its ordered actions. */
export function MacroFormModal({ macro, onClose }: { macro: AdminMacro | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<MacroDraft>(() => macroDraft(macro));
  const save = useMutation({
    mutationFn: () => (macro ? macrosAdminApi.update(macro.id, macroBody(draft)) : macrosAdminApi.create(macroBody(draft))),
    onSuccess: async () => {
      await refreshAfterChange(queryClient, 'macros');
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error);
  const setAction = (index: number, value: ActionDraft) =>
    setDraft({ ...draft, actions: draft.actions.map((a, i) => (i === index ? value : a)) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({ name: checkRequired(draft.name), actions: draft.actions.length ? undefined : 'fieldErrors.required' });
    if (valid) save.mutate();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={macro ? t('admin.macros.editTitle', { name: macro.name }) : t('admin.macros.createTitle')}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('admin.macros.name')}
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            error={errors.fieldError('name')}
            required
            data-autofocus
          />
          <Textarea
            label={t('admin.macros.descriptionLabel')}
            value={draft.description}
            onChange={(event) => setDraft({ ...draft, description: event.currentTarget.value })}
            error={errors.fieldError('description')}
            autosize
            minRows={2}
          />
          <Text size="sm" fw={600}>
            {t('admin.macros.actions')}
          </Text>
          {draft.actions.map((action, index) => (
            <MacroActionRow
              // Actions have no id; the index is stable while editing.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={index}
              n={index + 1}
              value={action}
              onChange={(value) => setAction(index, value)}
              onRemove={() => setDraft({ ...draft, actions: draft.actions.filter((_, i) => i !== index) })}
              error={errors.pathError(`actions.${index}`)}
            />
          ))}
          {errors.fieldError('actions') ? (
            <Text size="sm" c="red" role="alert">
              {errors.fieldError('actions')}
            </Text>
          ) : null}
          <Group>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => setDraft({ ...draft, actions: [...draft.actions, emptyAction('set_status')] })}
            >
              {t('admin.macros.addAction')}
            </Button>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
