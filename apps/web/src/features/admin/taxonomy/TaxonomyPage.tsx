import { Badge, Button, Group, Stack, Table, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TaxonomyEntry, type TaxonomyKind, taxonomyAdminApi } from '../../../api/admin-config.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { refreshAfterChange, taxonomyQuery } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { MoveButtons } from '../ui/MoveButtons';
import { QueryState } from '../ui/QueryState';
import { useReorder } from '../ui/useReorder';
import { TaxonomyFormModal } from './TaxonomyFormModal';

const KINDS: readonly TaxonomyKind[] = ['category', 'type'];

/** Categories (offered in the portal) and ticket types, in English and Chinese, in display order. */
export function TaxonomyPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TaxonomyKind>('category');
  return (
    <AdminPage title={t('admin.taxonomy.title')} description={t('admin.taxonomy.description')}>
      <Tabs value={kind} onChange={(value) => setKind(value === 'type' ? 'type' : 'category')} keepMounted={false}>
        <Tabs.List>
          {KINDS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`admin.taxonomy.${k}.tab`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {KINDS.map((k) => (
          <Tabs.Panel key={k} value={k} pt="md">
            <TaxonomyList kind={k} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </AdminPage>
  );
}

function TaxonomyList({ kind }: { kind: TaxonomyKind }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const entries = useQuery(taxonomyQuery(kind));
  const [editing, setEditing] = useState<TaxonomyEntry | null | undefined>(undefined);
  const refresh = () => refreshAfterChange(queryClient, kind);
  const reorder = useReorder<TaxonomyEntry>((id, position) => taxonomyAdminApi.update(kind, id, { position }), refresh);
  const archive = useMutation({
    mutationFn: async (entry: TaxonomyEntry) => {
      if (entry.archived) await taxonomyAdminApi.update(kind, entry.id, { archived: false });
      else await taxonomyAdminApi.archive(kind, entry.id);
    },
    onSettled: refresh,
  });
  const error = reorder.error ?? archive.error;
  const active = (entries.data ?? []).filter((entry) => !entry.archived);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t(`admin.taxonomy.${kind}.hint`)}
        </Text>
        <Button onClick={() => setEditing(null)}>{t(`admin.taxonomy.${kind}.create`)}</Button>
      </Group>
      {error ? <FormAlert>{errorText.describe(error)}</FormAlert> : null}
      <QueryState query={entries} empty={t(`admin.taxonomy.${kind}.empty`)}>
        {(items) => (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label={t(`admin.taxonomy.${kind}.tab`)}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.common.order')}</Table.Th>
                  <Table.Th>{t('admin.taxonomy.name')}</Table.Th>
                  <Table.Th>{t('admin.common.status')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((entry) => {
                  const index = active.indexOf(entry);
                  return (
                    <Table.Tr key={entry.id}>
                      <Table.Td>
                        {entry.archived ? null : (
                          <MoveButtons
                            name={entry.name}
                            first={index === 0}
                            last={index === active.length - 1}
                            disabled={reorder.isPending}
                            onMove={(delta) => reorder.move(active, index, delta)}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text fw={500}>{entry.names.en}</Text>
                        {entry.names['zh-CN'] ? (
                          <Text size="sm" c="dimmed" lang="zh-CN">
                            {entry.names['zh-CN']}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {entry.archived ? (
                            <Badge color="gray" variant="light">
                              {t('admin.common.archived')}
                            </Badge>
                          ) : (
                            <Badge color="teal" variant="light">
                              {t('admin.common.active')}
                            </Badge>
                          )}
                          {kind === 'category' && !entry.customerVisible ? (
                            <Badge color="yellow" variant="light">
                              {t('admin.taxonomy.staffOnly')}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            aria-label={t('admin.common.editNamed', { name: entry.name })}
                            onClick={() => setEditing(entry)}
                          >
                            {t('admin.common.edit')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color={entry.archived ? 'blue' : 'red'}
                            aria-label={t(entry.archived ? 'admin.common.restoreNamed' : 'admin.common.archiveNamed', { name: entry.name })}
                            loading={archive.isPending && archive.variables?.id === entry.id}
                            onClick={() => archive.mutate(entry)}
                          >
                            {entry.archived ? t('admin.common.restore') : t('admin.common.archive')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {editing !== undefined ? (
        <TaxonomyFormModal
          key={editing?.id ?? 'new'}
          kind={kind}
          entry={editing}
          nextPosition={active.length}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </Stack>
  );
}
