import { Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminCustomField, fieldsAdminApi } from '../../../api/admin-config.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { adminFieldsQuery, refreshAfterChange } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { MoveButtons } from '../ui/MoveButtons';
import { QueryState } from '../ui/QueryState';
import { useReorder } from '../ui/useReorder';
import { CustomFieldFormModal } from './CustomFieldFormModal';

/** Custom ticket fields: type, who sees them, whether solving needs them; archived ones can be restored. */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const fields = useQuery(adminFieldsQuery);
  const [editing, setEditing] = useState<AdminCustomField | null | undefined>(undefined);
  const refresh = () => refreshAfterChange(queryClient, 'fields');
  const reorder = useReorder<AdminCustomField>((id, position) => fieldsAdminApi.update(id, { position }), refresh);
  const archive = useMutation({
    mutationFn: async (field: AdminCustomField) => {
      if (field.archived) await fieldsAdminApi.update(field.id, { archived: false });
      else await fieldsAdminApi.archive(field.id);
    },
    onSettled: refresh,
  });
  const error = reorder.error ?? archive.error;
  const active = (fields.data ?? []).filter((field) => !field.archived);

  return (
    <AdminPage
      title={t('admin.fields.title')}
      description={t('admin.fields.description')}
      actions={<Button onClick={() => setEditing(null)}>{t('admin.fields.create')}</Button>}
    >
      {error ? <FormAlert>{errorText.describe(error)}</FormAlert> : null}
      <QueryState query={fields} empty={t('admin.fields.empty')}>
        {(items) => (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label={t('admin.fields.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.common.order')}</Table.Th>
                  <Table.Th>{t('admin.fields.label')}</Table.Th>
                  <Table.Th>{t('admin.fields.type')}</Table.Th>
                  <Table.Th>{t('admin.fields.flags')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((field) => {
                  const index = active.indexOf(field);
                  return (
                    <Table.Tr key={field.id}>
                      <Table.Td>
                        {field.archived ? null : (
                          <MoveButtons
                            name={field.label}
                            first={index === 0}
                            last={index === active.length - 1}
                            disabled={reorder.isPending}
                            onMove={(delta) => reorder.move(active, index, delta)}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text fw={500}>{field.labels.en}</Text>
                        <Text size="sm" c="dimmed">
                          {field.labels['zh-CN'] ? <span lang="zh-CN">{field.labels['zh-CN']} · </span> : null}
                          <code>{field.key}</code>
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`admin.fields.types.${field.type}`)}</Table.Td>
                      <Table.Td>
                        <FieldFlags field={field} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            aria-label={t('admin.common.editNamed', { name: field.label })}
                            onClick={() => setEditing(field)}
                          >
                            {t('admin.common.edit')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color={field.archived ? 'blue' : 'red'}
                            aria-label={t(field.archived ? 'admin.common.restoreNamed' : 'admin.common.archiveNamed', {
                              name: field.label,
                            })}
                            loading={archive.isPending && archive.variables?.id === field.id}
                            onClick={() => archive.mutate(field)}
                          >
                            {field.archived ? t('admin.common.restore') : t('admin.common.archive')}
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
        <CustomFieldFormModal
          key={editing?.id ?? 'new'}
          field={editing}
          nextPosition={active.length}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </AdminPage>
  );
}

function FieldFlags({ field }: { field: AdminCustomField }) {
  const { t } = useTranslation();
  const flags = [
    field.archived ? { key: 'archived', color: 'gray', label: t('admin.common.archived') } : null,
    field.requiredOnSolve ? { key: 'required', color: 'orange', label: t('admin.fields.requiredBadge') } : null,
    field.customerEditable
      ? { key: 'editable', color: 'blue', label: t('admin.fields.editableBadge') }
      : field.customerVisible
        ? { key: 'visible', color: 'teal', label: t('admin.fields.visibleBadge') }
        : { key: 'internal', color: 'gray', label: t('admin.fields.internalBadge') },
  ].filter((flag) => flag !== null);
  return (
    <Stack gap={4} align="flex-start">
      {flags.map((flag) => (
        <Badge key={flag.key} color={flag.color} variant="light">
          {flag.label}
        </Badge>
      ))}
    </Stack>
  );
}
