import { Button, Group, Modal, NativeSelect, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminCustomField, fieldsAdminApi } from '../../../api/admin-config.api';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { refreshAfterChange } from '../adminQueries';
import { fieldKeyFromLabel } from '../ui/keys';
import { LocalizedNamesInput, namesBody, namesFrom } from '../ui/LocalizedNames';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { type OptionDraft, OptionsEditor, optionsBody } from './OptionsEditor';

export const FIELD_TYPES = ['text', 'number', 'date', 'dropdown', 'multi_select', 'checkbox'] as const;
type FieldType = (typeof FIELD_TYPES)[number];
const CHOICE_TYPES: readonly FieldType[] = ['dropdown', 'multi_select'];
type Field = 'key' | 'type' | 'en' | 'zh-CN' | 'customerEditable';

interface CustomFieldFormModalProps {
  field: AdminCustomField | null;
  nextPosition: number;
  onClose: () => void;
}

/** Create a custom field of any type, or change its labels, options and flags (key and type stay). */
export function CustomFieldFormModal({ field, nextPosition, onClose }: CustomFieldFormModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [labels, setLabels] = useState(namesFrom(field?.labels));
  const [key, setKey] = useState(field?.key ?? '');
  const [keyEdited, setKeyEdited] = useState(field !== null);
  const [type, setType] = useState<FieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState<OptionDraft[]>(
    field?.options.map((o) => ({ value: o.value, en: o.labels.en, zh: o.labels['zh-CN'] ?? '' })) ?? [],
  );
  const [requiredOnSolve, setRequiredOnSolve] = useState(field?.requiredOnSolve ?? false);
  const [customerVisible, setCustomerVisible] = useState(field?.customerVisible ?? false);
  const [customerEditable, setCustomerEditable] = useState(field?.customerEditable ?? false);
  const choice = CHOICE_TYPES.includes(type);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        labels: namesBody(labels),
        options: choice ? optionsBody(options) : [],
        requiredOnSolve,
        customerVisible,
        customerEditable: customerVisible && customerEditable,
      };
      return field
        ? fieldsAdminApi.update(field.id, body)
        : fieldsAdminApi.create({ ...body, key: key.trim(), type, position: nextPosition });
    },
    onSuccess: async () => {
      await refreshAfterChange(queryClient, 'fields');
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error, { 'custom_field.key_taken': 'key', 'custom_field.type_immutable': 'type' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.validate({ en: checkRequired(labels.en), key: checkRequired(key) })) save.mutate();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={field ? t('admin.fields.editTitle', { name: field.label }) : t('admin.fields.createTitle')}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <LocalizedNamesInput
            label={t('admin.fields.label')}
            value={labels}
            onChange={(next) => {
              setLabels(next);
              if (!keyEdited) setKey(fieldKeyFromLabel(next.en));
            }}
            errors={{ en: errors.fieldError('en'), 'zh-CN': errors.fieldError('zh-CN') }}
            autoFocus
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('admin.fields.key')}
              description={t('admin.fields.keyHint')}
              value={key}
              onChange={(event) => {
                setKeyEdited(true);
                setKey(event.currentTarget.value);
              }}
              error={errors.fieldError('key')}
              disabled={field !== null}
              required
            />
            <NativeSelect
              label={t('admin.fields.type')}
              description={field ? t('admin.fields.typeFixed') : undefined}
              value={type}
              onChange={(event) => setType(event.currentTarget.value as FieldType)}
              data={FIELD_TYPES.map((value) => ({ value, label: t(`admin.fields.types.${value}`) }))}
              error={errors.fieldError('type')}
              disabled={field !== null}
            />
          </Group>
          {choice ? <OptionsEditor value={options} onChange={setOptions} error={errors.pathError('options')} /> : null}
          <Switch
            label={t('admin.fields.requiredOnSolve')}
            description={t('admin.fields.requiredOnSolveHint')}
            checked={requiredOnSolve}
            onChange={(event) => setRequiredOnSolve(event.currentTarget.checked)}
          />
          <Switch
            label={t('admin.fields.customerVisible')}
            description={t('admin.fields.customerVisibleHint')}
            checked={customerVisible}
            onChange={(event) => setCustomerVisible(event.currentTarget.checked)}
          />
          <Switch
            label={t('admin.fields.customerEditable')}
            description={t('admin.fields.customerEditableHint')}
            checked={customerVisible && customerEditable}
            disabled={!customerVisible}
            onChange={(event) => setCustomerEditable(event.currentTarget.checked)}
            error={errors.fieldError('customerEditable')}
          />
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
