import { Alert, Button, Group, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { AdminPage } from '../admin/ui/AdminPage';
import { ConfirmAction } from '../admin/ui/ConfirmAction';
import { QueryState } from '../admin/ui/QueryState';
import { IntentFormModal } from './IntentFormModal';
import { bodyOf, type Intent, type IntentList, intentKeys, intentsApi, intentsQuery } from './intentsApi';

/**
 * Intents of the chat assistant: example phrases per language train the workspace's classifier,
 * which labels every visitor message (decision log, handoff note, handoff rules and flow triggers).
 */
export function AssistantIntentsPage() {
  const { t } = useTranslation();
  const intents = useQuery(intentsQuery);
  const [editing, setEditing] = useState<Intent | null | undefined>(undefined);
  return (
    <AdminPage
      title={t('assistantIntents.title')}
      description={t('assistantIntents.description')}
      actions={<Button onClick={() => setEditing(null)}>{t('assistantIntents.create')}</Button>}
    >
      <QueryState query={intents} empty={t('assistantIntents.empty')} isEmpty={(data: IntentList) => data.items.length === 0}>
        {(data) => (
          <Stack gap="sm">
            {data.classifierReady ? null : (
              <Alert color="yellow" variant="light">
                {t('assistantIntents.notReady')}
              </Alert>
            )}
            <IntentTable intents={data.items} onEdit={setEditing} />
          </Stack>
        )}
      </QueryState>
      {editing !== undefined ? <IntentFormModal key={editing?.id ?? 'new'} intent={editing} onClose={() => setEditing(undefined)} /> : null}
    </AdminPage>
  );
}

function IntentTable({ intents, onEdit }: { intents: Intent[]; onEdit: (intent: Intent) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: intentKeys.all });
  const toggle = useMutation({
    mutationFn: (i: Intent) => intentsApi.update(i.id, { ...bodyOf(i), enabled: !i.enabled }),
    onSettled: refresh,
  });
  return (
    <Stack gap="xs">
      {toggle.error ? <FormAlert>{errorText.describe(toggle.error)}</FormAlert> : null}
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" aria-label={t('assistantIntents.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assistantIntents.name')}</Table.Th>
              <Table.Th>{t('assistantIntents.examples')}</Table.Th>
              <Table.Th>{t('assistantIntents.enabled')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('assistantIntents.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {intents.map((intent) => {
              const { name } = intent;
              const sample = [...intent.examples.en, ...intent.examples['zh-CN']].slice(0, 2).join(' · ');
              return (
                <Table.Tr key={intent.id}>
                  <Table.Td>
                    <Text fw={500}>{name}</Text>
                    {intent.description ? (
                      <Text size="sm" c="dimmed">
                        {intent.description}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t('assistantIntents.exampleCounts', { en: intent.examples.en.length, zh: intent.examples['zh-CN'].length })}
                    </Text>
                    <Text size="sm" c="dimmed" lineClamp={1}>
                      {sample}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('assistantIntents.enabledNamed', { name })}
                      checked={intent.enabled}
                      disabled={toggle.isPending}
                      onChange={() => toggle.mutate(intent)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={t('assistantIntents.editNamed', { name })}
                        onClick={() => onEdit(intent)}
                      >
                        {t('assistantIntents.edit')}
                      </Button>
                      <ConfirmAction
                        label={t('assistantIntents.delete')}
                        ariaLabel={t('assistantIntents.deleteNamed', { name })}
                        title={t('assistantIntents.deleteTitle')}
                        message={t('assistantIntents.deleteBody', { name })}
                        confirmLabel={t('assistantIntents.delete')}
                        onConfirm={async () => {
                          await intentsApi.remove(intent.id);
                          await refresh();
                        }}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
