import { Anchor, Badge, Button, Group, NativeSelect, Paper, Progress, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AssistantTryBody, type AssistantTryResult, assistantApi } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { useFormat } from '../../../i18n/format';
import { checkRequired } from '../../auth/validation';
import { AdminPage } from '../ui/AdminPage';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { ACTION_COLORS } from './botActions';
import { DecisionLog } from './DecisionLog';
import { ASSISTANT_LOCALES } from './QaPairFormModal';

/** A dry run of the assistant on one message, with its reasoning; plus the decisions it took in a chat. */
export function TryItPage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('assistantAdmin.try.title')} description={t('assistantAdmin.try.description')}>
      <TryConsole />
      <DecisionLog />
    </AdminPage>
  );
}

function TryConsole() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [locale, setLocale] = useState<'' | NonNullable<AssistantTryBody['locale']>>('');
  const run = useMutation({ mutationFn: (body: AssistantTryBody) => assistantApi.tryIt(body) });
  const errors = useAdminFormErrors<'text' | 'locale'>(run.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.validate({ text: checkRequired(text) })) run.mutate({ text: text.trim(), ...(locale ? { locale } : {}) });
  };
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form onSubmit={onSubmit} noValidate aria-label={t('assistantAdmin.try.console')}>
          <Stack gap="sm">
            {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
            <Textarea
              label={t('assistantAdmin.try.message')}
              placeholder={t('assistantAdmin.try.messagePlaceholder')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              error={errors.fieldError('text')}
              autosize
              minRows={2}
              data-autofocus
            />
            <Group align="flex-end">
              <NativeSelect
                label={t('assistantAdmin.common.locale')}
                value={locale}
                onChange={(event) => setLocale(event.currentTarget.value as typeof locale)}
                data={[
                  { value: '', label: t('assistantAdmin.try.autoLocale') },
                  ...ASSISTANT_LOCALES.map((code) => ({ value: code, label: t(`assistantAdmin.locales.${code}`) })),
                ]}
                error={errors.fieldError('locale')}
                w={200}
              />
              <Button type="submit" loading={run.isPending}>
                {t('assistantAdmin.try.run')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {run.data ? <TryResult result={run.data} /> : null}
    </Stack>
  );
}

function TryResult({ result }: { result: AssistantTryResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = (value: number) => format.number(Math.round(value * 100));
  const percentFormat = new Intl.NumberFormat(format.locale, { style: 'percent' });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} aria-label={t('assistantAdmin.try.result')} component="section">
      <Stack gap="md">
        <Group gap="sm">
          <Title order={2} size="h4">
            {t('assistantAdmin.try.decision')}
          </Title>
          <Badge color={ACTION_COLORS[result.action]} size="lg" variant="light">
            {t(`assistantAdmin.actions.${result.action}`)}
          </Badge>
          <Text size="sm" c="dimmed">
            {t('assistantAdmin.common.ms', { ms: format.number(result.latencyMs) })}
          </Text>
        </Group>
        <Text size="sm">
          <Text span fw={600}>
            {t('assistantAdmin.try.reason')}
          </Text>{' '}
          {result.reason}
        </Text>
        <Group gap="xl">
          <Text size="sm">{t('assistantAdmin.try.language', { lang: result.language })}</Text>
          <Text size="sm">
            {result.intent?.name
              ? t('tryItMore.intent', { name: result.intent.name, confidence: percent(result.intent.confidence) })
              : t('tryItMore.noIntent')}
          </Text>
          {result.flow ? <Text size="sm">{t('tryItMore.flow', { name: result.flow.name })}</Text> : null}
          {result.qaPair ? <Text size="sm">{t('tryItMore.qaPair', { score: percent(result.qaPair.score) })}</Text> : null}
          <Text size="sm">
            {t('assistantAdmin.try.sentiment', {
              label: t(`assistantAdmin.sentiment.${result.sentiment.label}`),
              negative: percent(result.sentiment.negative),
              frustration: t(`assistantAdmin.frustration.${result.sentiment.frustration}`),
            })}
          </Text>
        </Group>
        {result.reply ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('assistantAdmin.try.reply')}
            </Text>
            <Paper bg="var(--mantine-color-default-hover)" p="sm" radius="sm">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {result.reply}
              </Text>
            </Paper>
            {result.quickReplies.length ? (
              <Group gap="xs">
                {result.quickReplies.map((reply) => (
                  <Badge key={reply} variant="outline">
                    {reply}
                  </Badge>
                ))}
              </Group>
            ) : null}
          </Stack>
        ) : null}
        {result.chosen ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('assistantAdmin.try.chosen')}
            </Text>
            <Anchor href={result.chosen.url} target="_blank" rel="noopener noreferrer">
              {result.chosen.title}
            </Anchor>
            <Text size="sm" c="dimmed">
              {result.chosen.passage}
            </Text>
          </Stack>
        ) : null}
        <Text size="sm" fw={600}>
          {t('assistantAdmin.try.candidates')}
        </Text>
        {result.candidates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('assistantAdmin.try.noCandidates')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={t('assistantAdmin.try.candidates')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('assistantAdmin.try.article')}</Table.Th>
                  <Table.Th>{t('assistantAdmin.try.confidence')}</Table.Th>
                  <Table.Th>{t('assistantAdmin.try.score')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.candidates.map((candidate) => (
                  <Table.Tr key={`${candidate.articleId}:${candidate.passage}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {candidate.title}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {candidate.passage}
                      </Text>
                    </Table.Td>
                    <Table.Td w={180}>
                      <Text size="sm">{percentFormat.format(candidate.confidence)}</Text>
                      <Progress value={candidate.confidence * 100} size="sm" aria-hidden />
                    </Table.Td>
                    <Table.Td w={100}>{candidate.score.toFixed(3)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
