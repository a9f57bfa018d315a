import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, rolesAdminApi } from '../../../api/admin-people.api';
import { useRoleLabel } from '../../../i18n/useRoleLabel';
import { refreshAfterChange, rolesQuery } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { EditDeleteActions } from '../ui/EditDeleteActions';
import { QueryState } from '../ui/QueryState';
import { RoleFormModal } from './RoleFormModal';

/** Built-in roles (read only) and custom roles built from permissions. */
export function RolesPage() {
  const { t } = useTranslation();
  const roles = useQuery(rolesQuery);
  // undefined: closed; null: creating; a role: editing it.
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);

  return (
    <AdminPage
      title={t('admin.roles.title')}
      description={t('admin.roles.description')}
      actions={<Button onClick={() => setEditing(null)}>{t('admin.roles.create')}</Button>}
    >
      <QueryState query={roles} empty={t('admin.roles.empty')}>
        {(items) => <RolesTable roles={items} onEdit={setEditing} />}
      </QueryState>
      {editing !== undefined ? <RoleFormModal key={editing?.id ?? 'new'} role={editing} onClose={() => setEditing(undefined)} /> : null}
    </AdminPage>
  );
}

function RolesTable({ roles, onEdit }: { roles: Role[]; onEdit: (role: Role) => void }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const queryClient = useQueryClient();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label={t('admin.roles.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.roles.name')}</Table.Th>
            <Table.Th>{t('admin.roles.kind')}</Table.Th>
            <Table.Th>{t('admin.roles.permissionCount')}</Table.Th>
            <Table.Th>{t('admin.roles.userCount')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.map((role) => {
            const name = role.system ? roleLabel(role.key) : role.name;
            return (
              <Table.Tr key={role.id}>
                <Table.Td>
                  <Text fw={500}>{name}</Text>
                  <Text size="sm" c="dimmed">
                    {role.key}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={role.system ? 'gray' : 'blue'}>
                    {role.system ? t('admin.roles.system') : t('admin.roles.custom')}
                  </Badge>
                </Table.Td>
                <Table.Td>{role.permissions.length}</Table.Td>
                <Table.Td>{role.userCount}</Table.Td>
                <Table.Td>
                  {role.system ? null : (
                    <EditDeleteActions
                      name={name}
                      onEdit={() => onEdit(role)}
                      deleteTitle={t('admin.roles.deleteTitle')}
                      deleteMessage={t('admin.roles.deleteBody', { name })}
                      onDelete={async () => {
                        await rolesAdminApi.remove(role.id);
                        await refreshAfterChange(queryClient, 'roles');
                      }}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
