import { Button, Group, Modal, Stack, Switch, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TaxonomyEntry, type TaxonomyKind, taxonomyAdminApi } from '../../../api/admin-config.api';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { refreshAfterChange } from '../adminQueries';
import { LocalizedNamesInput, namesBody, namesFrom } from '../ui/LocalizedNames';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';

type Field = 'en' | 'zh-CN' | 'description';

interface TaxonomyFormModalProps {
  kind: TaxonomyKind;
  entry: TaxonomyEntry | null;
  /** New entries go last. */
  nextPosition: number;
  onClose: () => void;
}

/** Create or rename a category or ticket type, in English and Chinese. */
export function TaxonomyFormModal({ kind, entry, nextPosition, onClose }: TaxonomyFormModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [names, setNames] = useState(namesFrom(entry?.names));
  const [description, setDescription] = useState(entry?.description ?? '');
  const [customerVisible, setCustomerVisible] = useState(entry?.customerVisible ?? true);
  const save = useMutation({
    mutationFn: () => {
      const body = { names: namesBody(names), description: description.trim() || null, customerVisible };
      return entry ? taxonomyAdminApi.update(kind, entry.id, body) : taxonomyAdminApi.create(kind, { ...body, position: nextPosition });
    },
    onSuccess: async () => {
      await refreshAfterChange(queryClient, kind);
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error, { 'taxonomy.name_taken': 'en' });
  const title = entry ? t(`admin.taxonomy.${kind}.editTitle`, { name: entry.name }) : t(`admin.taxonomy.${kind}.createTitle`);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.validate({ en: checkRequired(names.en) })) save.mutate();
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={title}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <LocalizedNamesInput
            label={t('admin.taxonomy.name')}
            value={names}
            onChange={setNames}
            errors={{ en: errors.fieldError('en'), 'zh-CN': errors.fieldError('zh-CN') }}
            autoFocus
          />
          <Textarea
            label={t('admin.taxonomy.descriptionLabel')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errors.fieldError('description')}
            autosize
            minRows={2}
          />
          {kind === 'category' ? (
            <Switch
              label={t('admin.taxonomy.customerVisible')}
              description={t('admin.taxonomy.customerVisibleHint')}
              checked={customerVisible}
              onChange={(event) => setCustomerVisible(event.currentTarget.checked)}
            />
          ) : null}
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
