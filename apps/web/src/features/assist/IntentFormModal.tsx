import { Button, Group, Modal, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { linesOf, toLines } from '../admin/assistant/lines';
import { useAdminFormErrors } from '../admin/ui/useAdminFormErrors';
import { checkRequired } from '../auth/validation';
import { type Intent, type IntentBody, intentKeys, intentsApi } from './intentsApi';

type Field = 'name' | 'examples';

/** Create or change an intent: its name, what it means, and example phrases per language. */
export function IntentFormModal({ intent, onClose }: { intent: Intent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(intent?.name ?? '');
  const [description, setDescription] = useState(intent?.description ?? '');
  const [en, setEn] = useState(toLines(intent?.examples.en ?? []));
  const [zh, setZh] = useState(toLines(intent?.examples['zh-CN'] ?? []));
  const [enabled, setEnabled] = useState(intent?.enabled ?? true);
  const save = useMutation({
    mutationFn: () => {
      const body: IntentBody = {
        name: name.trim(),
        description: description.trim(),
        examples: { en: linesOf(en), 'zh-CN': linesOf(zh) },
        enabled,
      };
      return intent ? intentsApi.update(intent.id, body) : intentsApi.create(body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: intentKeys.all });
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error, { 'assistant_intent.name_taken': 'name' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({ name: checkRequired(name), examples: checkRequired(linesOf(`${en}\n${zh}`).join('')) });
    if (valid) save.mutate();
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={intent ? t('assistantIntents.editTitle') : t('assistantIntents.createTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('assistantIntents.name')}
            description={t('assistantIntents.nameHint')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.fieldError('name')}
            required
            data-autofocus
          />
          <TextInput
            label={t('assistantIntents.description')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
          />
          <Textarea
            label={t('assistantIntents.examplesEn')}
            description={t('assistantIntents.examplesHint')}
            value={en}
            onChange={(event) => setEn(event.currentTarget.value)}
            error={errors.fieldError('examples') ?? errors.pathError('examples')}
            autosize
            minRows={3}
          />
          <Textarea
            label={t('assistantIntents.examplesZh')}
            description={t('assistantIntents.examplesHint')}
            value={zh}
            onChange={(event) => setZh(event.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Switch label={t('assistantIntents.enabled')} checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('assistantIntents.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
