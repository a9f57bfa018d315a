import { Button, Group, Modal, NativeSelect, Stack, Switch, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assistantApi, type QaPair, type QaPairBody } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { assistantKeys } from './assistantQueries';
import { linesOf, toLines } from './lines';

export const ASSISTANT_LOCALES = ['en', 'zh-CN'] as const;
type Field = 'locale' | 'questions' | 'answer';

/** Create or change a Q&A pair: the ways customers ask, and the one answer they get. */
export function QaPairFormModal({ pair, onClose }: { pair: QaPair | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [locale, setLocale] = useState<QaPairBody['locale']>(pair?.locale ?? 'en');
  const [questions, setQuestions] = useState(toLines(pair?.questions ?? []));
  const [answer, setAnswer] = useState(pair?.answer ?? '');
  const [enabled, setEnabled] = useState(pair?.enabled ?? true);
  const save = useMutation({
    mutationFn: () => {
      const body: QaPairBody = { locale, questions: linesOf(questions), answer: answer.trim(), enabled };
      return pair ? assistantApi.qa.update(pair.id, body) : assistantApi.qa.create(body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: assistantKeys.qa });
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({ questions: checkRequired(linesOf(questions).join('')), answer: checkRequired(answer) });
    if (valid) save.mutate();
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={pair ? t('assistantAdmin.qa.editTitle') : t('assistantAdmin.qa.createTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <NativeSelect
            label={t('assistantAdmin.common.locale')}
            value={locale}
            onChange={(event) => setLocale(event.currentTarget.value as QaPairBody['locale'])}
            data={ASSISTANT_LOCALES.map((code) => ({ value: code, label: t(`assistantAdmin.locales.${code}`) }))}
            error={errors.fieldError('locale')}
          />
          <Textarea
            label={t('assistantAdmin.qa.questions')}
            description={t('assistantAdmin.qa.questionsHint')}
            value={questions}
            onChange={(event) => setQuestions(event.currentTarget.value)}
            error={errors.fieldError('questions') ?? errors.pathError('questions')}
            autosize
            minRows={3}
            required
            data-autofocus
          />
          <Textarea
            label={t('assistantAdmin.qa.answer')}
            value={answer}
            onChange={(event) => setAnswer(event.currentTarget.value)}
            error={errors.fieldError('answer')}
            autosize
            minRows={4}
            required
          />
          <Switch label={t('admin.common.enabled')} checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />
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
