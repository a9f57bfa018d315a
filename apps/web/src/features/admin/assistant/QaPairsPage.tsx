import { Badge, Button, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assistantApi, type QaPair } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { AdminPage } from '../ui/AdminPage';
import { EditDeleteActions } from '../ui/EditDeleteActions';
import { QueryState } from '../ui/QueryState';
import { assistantKeys, qaPairsQuery } from './assistantQueries';
import { QaPairFormModal } from './QaPairFormModal';

/** Q&A pairs: fixed answers the assistant gives, verbatim, when a question matches well enough. */
export function QaPairsPage() {
  const { t } = useTranslation();
  const pairs = useQuery(qaPairsQuery);
  const [editing, setEditing] = useState<QaPair | null | undefined>(undefined);
  return (
    <AdminPage
      title={t('assistantAdmin.qa.title')}
      description={t('assistantAdmin.qa.description')}
      actions={<Button onClick={() => setEditing(null)}>{t('assistantAdmin.qa.create')}</Button>}
    >
      <QueryState query={pairs} empty={t('assistantAdmin.qa.empty')}>
        {(items) => <QaTable pairs={items} onEdit={setEditing} />}
      </QueryState>
      {editing !== undefined ? <QaPairFormModal key={editing?.id ?? 'new'} pair={editing} onClose={() => setEditing(undefined)} /> : null}
    </AdminPage>
  );
}

function QaTable({ pairs, onEdit }: { pairs: QaPair[]; onEdit: (pair: QaPair) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: assistantKeys.qa });
  const toggle = useMutation({
    mutationFn: ({ id, createdAt: _c, updatedAt: _u, ...body }: QaPair) => assistantApi.qa.update(id, { ...body, enabled: !body.enabled }),
    onSettled: refresh,
  });
  return (
    <Stack gap="xs">
      {toggle.error ? <FormAlert>{errorText.describe(toggle.error)}</FormAlert> : null}
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" aria-label={t('assistantAdmin.qa.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assistantAdmin.qa.question')}</Table.Th>
              <Table.Th>{t('assistantAdmin.common.locale')}</Table.Th>
              <Table.Th>{t('assistantAdmin.qa.answer')}</Table.Th>
              <Table.Th>{t('admin.common.enabled')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pairs.map((pair) => {
              const name = pair.questions[0] ?? '';
              return (
                <Table.Tr key={pair.id}>
                  <Table.Td>
                    <Text fw={500}>{name}</Text>
                    {pair.questions.length > 1 ? (
                      <Text size="sm" c="dimmed">
                        {t('assistantAdmin.qa.moreVariants', { count: pair.questions.length - 1 })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`assistantAdmin.locales.${pair.locale}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {pair.answer}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('admin.common.enabledNamed', { name })}
                      checked={pair.enabled}
                      disabled={toggle.isPending}
                      onChange={() => toggle.mutate(pair)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <EditDeleteActions
                      name={name}
                      onEdit={() => onEdit(pair)}
                      deleteTitle={t('assistantAdmin.qa.deleteTitle')}
                      deleteMessage={t('assistantAdmin.qa.deleteBody', { name })}
                      onDelete={async () => {
                        await assistantApi.qa.remove(pair.id);
                        await refresh();
                      }}
                    />
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
