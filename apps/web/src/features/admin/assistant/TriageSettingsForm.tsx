import { Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assistantApi, type TriageSettings } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { useFormat } from '../../../i18n/format';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { assistantKeys } from './assistantQueries';

const FIELDS = ['category', 'team', 'priority', 'language'] as const;
type TriageField = (typeof FIELDS)[number];
type Field = TriageField | 'retrainAfterCorrections';
type NumberValue = number | string;

/** Auto-triage: which guesses the bot applies, when it retrains, and the models it has. */
export function TriageSettingsForm({ settings }: { settings: TriageSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [thresholds, setThresholds] = useState<Record<TriageField, NumberValue>>(settings.thresholds);
  const [retrainAfter, setRetrainAfter] = useState<NumberValue>(settings.retrainAfterCorrections);
  const save = useMutation({
    mutationFn: () =>
      assistantApi.saveTriageSettings({
        enabled,
        thresholds: {
          category: Number(thresholds.category),
          team: Number(thresholds.team),
          priority: Number(thresholds.priority),
          language: Number(thresholds.language),
        },
        retrainAfterCorrections: Number(retrainAfter),
      }),
    onSuccess: (saved) => queryClient.setQueryData(assistantKeys.triage, saved),
  });
  const errors = useAdminFormErrors<Field>(save.error);
  const missing = (value: NumberValue) => (typeof value === 'number' ? undefined : ('fieldErrors.required' as const));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({
      category: missing(thresholds.category),
      team: missing(thresholds.team),
      priority: missing(thresholds.priority),
      language: missing(thresholds.language),
      retrainAfterCorrections: missing(retrainAfter),
    });
    if (valid) save.mutate();
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={720}>
      <form onSubmit={onSubmit} noValidate aria-label={t('assistantAdmin.triage.title')}>
        <Stack gap="md">
          <Group gap="sm">
            <Title order={2} size="h4">
              {t('assistantAdmin.triage.title')}
            </Title>
            {settings.source === 'default' ? (
              <Badge variant="light" color="gray">
                {t('assistantAdmin.settings.defaults')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {t('assistantAdmin.triage.description')}
          </Text>
          {save.isSuccess ? <FormAlert color="green">{t('assistantAdmin.common.saved')}</FormAlert> : null}
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <Switch
            label={t('assistantAdmin.triage.enabled')}
            checked={enabled}
            onChange={(event) => setEnabled(event.currentTarget.checked)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {FIELDS.map((field) => (
              <NumberInput
                key={field}
                label={t(`assistantAdmin.triage.threshold.${field}`)}
                value={thresholds[field]}
                onChange={(value) => setThresholds({ ...thresholds, [field]: value })}
                min={0}
                max={1}
                step={0.05}
                decimalScale={2}
                error={errors.fieldError(field)}
              />
            ))}
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('assistantAdmin.triage.thresholdHint')}
          </Text>
          <NumberInput
            label={t('assistantAdmin.triage.retrainAfter')}
            description={t('assistantAdmin.triage.retrainAfterHint')}
            value={retrainAfter}
            onChange={setRetrainAfter}
            min={1}
            max={10_000}
            allowDecimal={false}
            error={errors.fieldError('retrainAfterCorrections')}
            w={240}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
          <TriageModels settings={settings} />
        </Stack>
      </form>
    </Paper>
  );
}

function TriageModels({ settings }: { settings: TriageSettings }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const retrain = useMutation({
    mutationFn: () => assistantApi.retrainTriage(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assistantKeys.triage }),
  });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('assistantAdmin.triage.models')}
        </Title>
        <Button variant="default" size="compact-sm" loading={retrain.isPending} onClick={() => retrain.mutate()}>
          {t('assistantAdmin.triage.retrain')}
        </Button>
      </Group>
      <Text size="sm">{t('assistantAdmin.triage.pending', { count: settings.pendingCorrections })}</Text>
      {retrain.isSuccess ? <FormAlert color="green">{t('assistantAdmin.triage.retrainQueued')}</FormAlert> : null}
      {retrain.error ? <FormAlert>{errorText.describe(retrain.error)}</FormAlert> : null}
      {settings.models.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('assistantAdmin.triage.noModels')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table aria-label={t('assistantAdmin.triage.models')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assistantAdmin.triage.field')}</Table.Th>
                <Table.Th>{t('assistantAdmin.triage.version')}</Table.Th>
                <Table.Th>{t('assistantAdmin.triage.size')}</Table.Th>
                <Table.Th>{t('assistantAdmin.triage.trainedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {settings.models.map((model) => (
                <Table.Tr key={model.field}>
                  <Table.Td>{t(`assistantAdmin.triage.fields.${model.field}`)}</Table.Td>
                  <Table.Td>{format.number(model.version)}</Table.Td>
                  <Table.Td>
                    {model.labels === null
                      ? t('assistantAdmin.triage.tooLittleData', { examples: format.number(model.examples) })
                      : t('assistantAdmin.triage.modelSize', {
                          labels: format.number(model.labels),
                          examples: format.number(model.examples),
                        })}
                  </Table.Td>
                  <Table.Td>{format.dateTime(model.trainedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
