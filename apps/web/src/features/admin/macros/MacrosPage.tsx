import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminMacro, macrosAdminApi } from '../../../api/admin-config.api';
import { useFormat } from '../../../i18n/format';
import { adminMacrosQuery, refreshAfterChange } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { EditDeleteActions } from '../ui/EditDeleteActions';
import { QueryState } from '../ui/QueryState';
import { MacroFormModal } from './MacroFormModal';

/** Shared macros: every agent can apply them; personal macros stay with their owners. */
export function MacrosPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const macros = useQuery({ ...adminMacrosQuery, select: (items) => items.filter((m) => m.shared) });
  const [editing, setEditing] = useState<AdminMacro | null | undefined>(undefined);

  return (
    <AdminPage
      title={t('admin.macros.title')}
      description={t('admin.macros.description')}
      actions={<Button onClick={() => setEditing(null)}>{t('admin.macros.create')}</Button>}
    >
      <QueryState query={macros} empty={t('admin.macros.empty')}>
        {(items) => (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label={t('admin.macros.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.macros.name')}</Table.Th>
                  <Table.Th>{t('admin.macros.actions')}</Table.Th>
                  <Table.Th>{t('admin.macros.usage')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((macro) => (
                  <Table.Tr key={macro.id}>
                    <Table.Td>
                      <Text fw={500}>{macro.name}</Text>
                      {macro.description ? (
                        <Text size="sm" c="dimmed" lineClamp={2}>
                          {macro.description}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.list(macro.actions.map((a) => t(`admin.macros.types.${a.type}`)))}</Text>
                    </Table.Td>
                    <Table.Td>{format.number(macro.usageCount)}</Table.Td>
                    <Table.Td>
                      <EditDeleteActions
                        name={macro.name}
                        onEdit={() => setEditing(macro)}
                        deleteTitle={t('admin.macros.deleteTitle')}
                        deleteMessage={t('admin.macros.deleteBody', { name: macro.name })}
                        onDelete={async () => {
                          await macrosAdminApi.remove(macro.id);
                          await refreshAfterChange(queryClient, 'macros');
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {editing !== undefined ? <MacroFormModal key={editing?.id ?? 'new'} macro={editing} onClose={() => setEditing(undefined)} /> : null}
    </AdminPage>
  );
}
