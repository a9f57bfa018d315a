import { Badge, Button, Group, NumberInput, Paper, PasswordInput, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/ApiError';
import { assistantApi, type ProviderCall, type ProviderSettings, type ProviderSettingsBody } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { useFormat } from '../../../i18n/format';
import { checkRequired } from '../../auth/validation';
import { AdminPage } from '../ui/AdminPage';
import { QueryState } from '../ui/QueryState';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { assistantKeys, providerCallsQuery, providerQuery } from './assistantQueries';

/** The optional model provider: one OpenAI-compatible endpoint; the offline engine covers every failure. */
export function ProviderPage() {
  const { t } = useTranslation();
  const provider = useQuery(providerQuery);
  const calls = useQuery(providerCallsQuery);
  return (
    <AdminPage title={t('assistantAdmin.provider.title')} description={t('assistantAdmin.provider.description')}>
      <QueryState query={provider}>
        {(settings) => (
          <Stack gap="lg">
            <ProviderForm settings={settings} />
            <ProviderUsage settings={settings} />
          </Stack>
        )}
      </QueryState>
      <Title order={2} size="h4">
        {t('assistantAdmin.provider.calls')}
      </Title>
      <QueryState query={calls} empty={t('assistantAdmin.provider.noCalls')}>
        {(items) => <CallsTable calls={items} />}
      </QueryState>
    </AdminPage>
  );
}

type Field = 'baseUrl' | 'model' | 'apiKey' | 'timeoutMs' | 'monthlyTokenBudget';
/** keep: the stored key stays; replace: a new one is typed; remove: it is deleted on save. */
type KeyMode = 'keep' | 'replace' | 'remove';

function ProviderForm({ settings }: { settings: ProviderSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(settings.configured ? settings.enabled : true);
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl ?? '');
  const [model, setModel] = useState(settings.model ?? '');
  const [keyMode, setKeyMode] = useState<KeyMode>(settings.hasApiKey ? 'keep' : 'replace');
  const [apiKey, setApiKey] = useState('');
  const [timeoutMs, setTimeoutMs] = useState<number | string>(settings.timeoutMs);
  const [budget, setBudget] = useState<number | string>(settings.monthlyTokenBudget ?? '');
  const [allowPrivateNetwork, setAllowPrivate] = useState(settings.allowPrivateNetwork);
  const save = useMutation({
    mutationFn: () => {
      const body: ProviderSettingsBody = {
        enabled,
        baseUrl: baseUrl.trim(),
        model: model.trim(),
        timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : 8000,
        monthlyTokenBudget: typeof budget === 'number' ? budget : null,
        allowPrivateNetwork,
      };
      // The key is write-only: omitted keeps the stored one, null removes it.
      if (keyMode === 'remove') body.apiKey = null;
      else if (keyMode === 'replace' && apiKey.trim()) body.apiKey = apiKey.trim();
      return assistantApi.saveProvider(body);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(assistantKeys.provider, saved);
      setApiKey('');
      setKeyMode(saved.hasApiKey ? 'keep' : 'replace');
    },
  });
  const errors = useAdminFormErrors<Field>(save.error, { 'assistant.provider_url_invalid': 'baseUrl' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({ baseUrl: checkRequired(baseUrl), model: checkRequired(model) });
    if (valid) save.mutate();
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={720}>
      <form onSubmit={onSubmit} noValidate aria-label={t('assistantAdmin.provider.formTitle')}>
        <Stack gap="md">
          {save.isSuccess ? <FormAlert color="green">{t('assistantAdmin.common.saved')}</FormAlert> : null}
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <Switch
            label={t('assistantAdmin.provider.enabled')}
            checked={enabled}
            onChange={(event) => setEnabled(event.currentTarget.checked)}
          />
          <TextInput
            label={t('assistantAdmin.provider.baseUrl')}
            description={t('assistantAdmin.provider.baseUrlHint')}
            placeholder="https://api.openai.com/v1"
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.currentTarget.value)}
            error={errors.fieldError('baseUrl')}
            required
          />
          <TextInput
            label={t('assistantAdmin.provider.model')}
            placeholder="gpt-4o-mini"
            value={model}
            onChange={(event) => setModel(event.currentTarget.value)}
            error={errors.fieldError('model')}
            required
          />
          {keyMode === 'keep' ? (
            <Group gap="sm">
              <Text size="sm" fw={500}>
                {t('assistantAdmin.provider.apiKey')}
              </Text>
              <Badge color="green" variant="light">
                {t('assistantAdmin.provider.keySaved')}
              </Badge>
              <Button size="compact-sm" variant="default" onClick={() => setKeyMode('replace')}>
                {t('assistantAdmin.provider.replaceKey')}
              </Button>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => setKeyMode('remove')}>
                {t('assistantAdmin.provider.removeKey')}
              </Button>
            </Group>
          ) : keyMode === 'remove' ? (
            <Group gap="sm">
              <Text size="sm">{t('assistantAdmin.provider.keyWillBeRemoved')}</Text>
              <Button size="compact-sm" variant="default" onClick={() => setKeyMode('keep')}>
                {t('assistantAdmin.provider.keepKey')}
              </Button>
            </Group>
          ) : (
            <PasswordInput
              label={t('assistantAdmin.provider.apiKey')}
              description={t('assistantAdmin.provider.apiKeyHint')}
              value={apiKey}
              onChange={(event) => setApiKey(event.currentTarget.value)}
              error={errors.fieldError('apiKey')}
              autoComplete="off"
            />
          )}
          <Group align="flex-start">
            <NumberInput
              label={t('assistantAdmin.provider.timeoutMs')}
              value={timeoutMs}
              onChange={setTimeoutMs}
              min={500}
              max={60_000}
              step={500}
              allowDecimal={false}
              error={errors.fieldError('timeoutMs')}
              w={200}
            />
            <NumberInput
              label={t('assistantAdmin.provider.budget')}
              description={t('assistantAdmin.provider.budgetHint')}
              value={budget}
              onChange={setBudget}
              min={0}
              allowDecimal={false}
              thousandSeparator
              error={errors.fieldError('monthlyTokenBudget')}
              w={260}
            />
          </Group>
          <Switch
            label={t('assistantAdmin.provider.allowPrivate')}
            description={t('assistantAdmin.provider.allowPrivateHint')}
            checked={allowPrivateNetwork}
            onChange={(event) => setAllowPrivate(event.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
            {settings.configured ? <TestConnection /> : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** A tiny completion with the saved settings: the model that answered and how long it took, or why not. */
function TestConnection() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const test = useMutation({
    mutationFn: () => assistantApi.testProvider(),
    // The call is logged and counted: refresh the log and this month's usage.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: assistantKeys.providerCalls }),
        queryClient.invalidateQueries({ queryKey: assistantKeys.provider }),
      ]),
  });
  return (
    <>
      <Button variant="default" loading={test.isPending} onClick={() => test.mutate()}>
        {t('assistantAdmin.provider.test')}
      </Button>
      {test.data ? (
        <Text size="sm" c="green" role="status">
          {t('assistantAdmin.provider.testOk', { model: test.data.model, ms: format.number(test.data.latencyMs) })}
        </Text>
      ) : null}
      {test.error ? (
        <Stack gap={0} role="alert">
          <Text size="sm" c="red">
            {errorText.describe(test.error)}
          </Text>
          {test.error instanceof ApiError && test.error.problem.detail ? (
            <Text size="xs" c="dimmed" ff="monospace">
              {test.error.problem.detail}
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </>
  );
}

function ProviderUsage({ settings }: { settings: ProviderSettings }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { usage } = settings;
  return (
    <Stack gap={4}>
      <Text size="sm">
        {t('assistantAdmin.provider.usage', {
          month: usage.month,
          tokens: format.number(usage.tokens),
          calls: format.number(usage.calls),
          fallbacks: format.number(usage.fallbacks),
        })}
      </Text>
      {settings.monthlyTokenBudget !== null ? (
        <Text size="sm" c={usage.budgetExhausted ? 'red' : 'dimmed'}>
          {usage.budgetExhausted
            ? t('assistantAdmin.provider.budgetExhausted')
            : t('assistantAdmin.provider.budgetLeft', { tokens: format.number(Math.max(0, settings.monthlyTokenBudget - usage.tokens)) })}
        </Text>
      ) : null}
    </Stack>
  );
}

function CallsTable({ calls }: { calls: ProviderCall[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="xs" aria-label={t('assistantAdmin.provider.calls')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assistantAdmin.provider.when')}</Table.Th>
            <Table.Th>{t('assistantAdmin.provider.purpose')}</Table.Th>
            <Table.Th>{t('assistantAdmin.provider.model')}</Table.Th>
            <Table.Th>{t('assistantAdmin.provider.outcome')}</Table.Th>
            <Table.Th>{t('assistantAdmin.provider.tokens')}</Table.Th>
            <Table.Th>{t('assistantAdmin.provider.latency')}</Table.Th>
            <Table.Th>{t('assistantAdmin.provider.masked')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {calls.map((call) => (
            <Table.Tr key={call.id}>
              <Table.Td>{format.dateTime(call.createdAt)}</Table.Td>
              <Table.Td>{t(`assistantAdmin.provider.purposes.${call.purpose}`)}</Table.Td>
              <Table.Td>{call.model}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={call.outcome === 'ok' ? 'green' : call.outcome === 'refused' ? 'yellow' : 'red'}>
                  {t(`assistantAdmin.provider.outcomes.${call.outcome}`)}
                </Badge>
                {call.httpStatus !== null ? (
                  <Text size="xs" c="dimmed">
                    {t('assistantAdmin.provider.httpStatus', { status: call.httpStatus })}
                  </Text>
                ) : null}
                {call.error ? (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {call.error}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{format.number(call.totalTokens)}</Table.Td>
              <Table.Td>{t('assistantAdmin.common.ms', { ms: format.number(call.latencyMs) })}</Table.Td>
              <Table.Td>
                {Object.entries(call.masked)
                  .map(([kind, n]) => `${kind} × ${format.number(n)}`)
                  .join(', ') || '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
