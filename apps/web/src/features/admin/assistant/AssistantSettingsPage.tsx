import { Badge, Button, Group, NumberInput, Paper, Stack, Switch, TagsInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AssistantSettings, assistantApi } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { AdminPage } from '../ui/AdminPage';
import { QueryState } from '../ui/QueryState';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { assistantKeys, assistantSettingsQuery, triageSettingsQuery } from './assistantQueries';
import { TriageSettingsForm } from './TriageSettingsForm';

/** When the assistant answers, asks back or hands a chat over; and how auto-triage applies its guesses. */
export function AssistantSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery(assistantSettingsQuery);
  const triage = useQuery(triageSettingsQuery);
  return (
    <AdminPage title={t('assistantAdmin.settings.title')} description={t('assistantAdmin.settings.description')}>
      <QueryState query={settings}>{(data) => <BotSettingsForm settings={data} />}</QueryState>
      <QueryState query={triage}>{(data) => <TriageSettingsForm settings={data} />}</QueryState>
    </AdminPage>
  );
}

type Field = 'enabled' | 'answerThreshold' | 'clarifyThreshold' | 'maxFailedTurns' | 'handoffKeywords';
type NumberValue = number | string;

const num = (value: NumberValue) => (typeof value === 'number' ? value : Number.NaN);

function BotSettingsForm({ settings }: { settings: AssistantSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [answerThreshold, setAnswer] = useState<NumberValue>(settings.answerThreshold);
  const [clarifyThreshold, setClarify] = useState<NumberValue>(settings.clarifyThreshold);
  const [maxFailedTurns, setMaxFailed] = useState<NumberValue>(settings.maxFailedTurns);
  const [handoffKeywords, setKeywords] = useState(settings.handoffKeywords);
  const save = useMutation({
    mutationFn: () =>
      assistantApi.saveSettings({
        enabled,
        answerThreshold: num(answerThreshold),
        clarifyThreshold: num(clarifyThreshold),
        maxFailedTurns: num(maxFailedTurns),
        handoffKeywords,
      }),
    onSuccess: (saved) => queryClient.setQueryData(assistantKeys.settings, saved),
  });
  // The server refuses a clarify threshold above the answer threshold: that belongs to the clarify field.
  const errors = useAdminFormErrors<Field>(save.error, { 'assistant.settings_invalid': 'clarifyThreshold' });
  const missing = (value: NumberValue) => (typeof value === 'number' ? undefined : ('fieldErrors.required' as const));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({
      answerThreshold: missing(answerThreshold),
      clarifyThreshold: missing(clarifyThreshold),
      maxFailedTurns: missing(maxFailedTurns),
    });
    if (valid) save.mutate();
  };

  const threshold = { min: 0, max: 1, step: 0.05, decimalScale: 2, w: 280 };
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={720}>
      <form onSubmit={onSubmit} noValidate aria-label={t('assistantAdmin.settings.botTitle')}>
        <Stack gap="md">
          <Group gap="sm">
            <Title order={2} size="h4">
              {t('assistantAdmin.settings.botTitle')}
            </Title>
            {settings.source === 'default' ? (
              <Badge variant="light" color="gray">
                {t('assistantAdmin.settings.defaults')}
              </Badge>
            ) : null}
          </Group>
          {save.isSuccess ? <FormAlert color="green">{t('assistantAdmin.common.saved')}</FormAlert> : null}
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <Switch
            label={t('assistantAdmin.settings.enabled')}
            description={t('assistantAdmin.settings.enabledHint')}
            checked={enabled}
            onChange={(event) => setEnabled(event.currentTarget.checked)}
          />
          <Group align="flex-start" gap="md">
            <NumberInput
              label={t('assistantAdmin.settings.answerThreshold')}
              description={t('assistantAdmin.settings.answerThresholdHint')}
              value={answerThreshold}
              onChange={setAnswer}
              error={errors.fieldError('answerThreshold')}
              {...threshold}
            />
            <NumberInput
              label={t('assistantAdmin.settings.clarifyThreshold')}
              description={t('assistantAdmin.settings.clarifyThresholdHint')}
              value={clarifyThreshold}
              onChange={setClarify}
              error={errors.fieldError('clarifyThreshold')}
              {...threshold}
            />
          </Group>
          <NumberInput
            label={t('assistantAdmin.settings.maxFailedTurns')}
            description={t('assistantAdmin.settings.maxFailedTurnsHint')}
            value={maxFailedTurns}
            onChange={setMaxFailed}
            min={1}
            max={10}
            allowDecimal={false}
            error={errors.fieldError('maxFailedTurns')}
            w={200}
          />
          <TagsInput
            label={t('assistantAdmin.settings.handoffKeywords')}
            description={t('assistantAdmin.settings.handoffKeywordsHint')}
            value={handoffKeywords}
            onChange={setKeywords}
            error={errors.fieldError('handoffKeywords') ?? errors.pathError('handoffKeywords')}
            maxTags={50}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
