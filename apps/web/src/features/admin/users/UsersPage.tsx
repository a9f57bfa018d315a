import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminUser, type Role, usersAdminApi } from '../../../api/admin-people.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { useFormat } from '../../../i18n/format';
import { useRoleLabel } from '../../../i18n/useRoleLabel';
import { useCurrentUser } from '../../auth/CurrentUserContext';
import { adminKeys, refreshAfterChange, rolesQuery } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { QueryState } from '../ui/QueryState';
import { InvitationsSection } from './InvitationsSection';
import { InviteModal } from './InviteModal';

const PAGE_SIZE = 50;

/** Staff and customers: search, filter by role, change roles, disable and enable accounts. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canInvite = me.permissions.includes('user.invite');
  const [inviting, invite] = useDisclosure(false);
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const roles = useQuery(rolesQuery);
  const roleLabel = useRoleLabel();
  const users = useInfiniteQuery({
    queryKey: [...adminKeys.users, { q, role }],
    queryFn: ({ pageParam, signal }) => usersAdminApi.list({ q, role, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.key, label: r.system ? roleLabel(r.key) : r.name }));

  return (
    <AdminPage
      title={t('admin.users.title')}
      description={t('admin.users.description')}
      actions={canInvite ? <Button onClick={invite.open}>{t('admin.users.invite')}</Button> : null}
    >
      <Group gap="sm" align="flex-end">
        <TextInput
          type="search"
          label={t('admin.users.search')}
          placeholder={t('admin.users.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={280}
        />
        <NativeSelect
          label={t('admin.users.roleFilter')}
          value={role}
          onChange={(event) => setRole(event.currentTarget.value)}
          data={[{ value: '', label: t('admin.users.allRoles') }, ...roleOptions]}
        />
      </Group>
      <QueryState
        query={{ ...users, data: users.data?.pages.flatMap((page) => page.items) }}
        empty={search || role ? t('admin.users.noMatches') : t('admin.users.empty')}
      >
        {(items) => (
          <Stack gap="sm">
            <UsersTable users={items} roles={roles.data ?? []} />
            {users.hasNextPage ? (
              <Group>
                <Button variant="default" loading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
                  {t('admin.users.loadMore')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        )}
      </QueryState>
      {canInvite ? <InvitationsSection roles={roles.data ?? []} /> : null}
      <InviteModal opened={inviting} onClose={invite.close} roles={roles.data ?? []} />
    </AdminPage>
  );
}

function UsersTable({ users, roles }: { users: AdminUser[]; roles: Role[] }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormat();
  const roleLabel = useRoleLabel();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Parameters<typeof usersAdminApi.update>[1] }) => usersAdminApi.update(id, body),
    onSuccess: () => refreshAfterChange(queryClient, 'users'),
  });
  // The customer role is not interchangeable with staff roles: the list offers what fits the person.
  const optionsFor = (user: AdminUser) =>
    roles
      .filter((r) => (user.role === 'customer' ? r.key === 'customer' : r.key !== 'customer'))
      .map((r) => ({ value: r.key, label: r.system ? roleLabel(r.key) : r.name }));

  return (
    <Stack gap="xs">
      {update.error ? <FormAlert>{errorText.describe(update.error)}</FormAlert> : null}
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" aria-label={t('admin.users.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.users.columns.person')}</Table.Th>
              <Table.Th>{t('admin.users.columns.role')}</Table.Th>
              <Table.Th>{t('admin.users.columns.status')}</Table.Th>
              <Table.Th>{t('admin.users.columns.lastLogin')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => {
              const self = user.id === me.id;
              const options = optionsFor(user);
              return (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <Text fw={500}>{user.name}</Text>
                    <Text size="sm" c="dimmed">
                      {user.email ?? t('admin.users.noEmail')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('admin.users.roleOf', { name: user.name })}
                      value={user.role}
                      data={options.some((o) => o.value === user.role) ? options : [{ value: user.role, label: user.role }, ...options]}
                      disabled={self || user.role === 'customer' || update.isPending}
                      onChange={(event) => update.mutate({ id: user.id, body: { role: event.currentTarget.value } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={user.disabled ? 'gray' : 'teal'} variant="light">
                      {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('admin.users.never')}</Text>
                  </Table.Td>
                  <Table.Td>
                    {self ? null : (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color={user.disabled ? 'blue' : 'red'}
                        aria-label={t(user.disabled ? 'admin.users.enableNamed' : 'admin.users.disableNamed', { name: user.name })}
                        onClick={() => update.mutate({ id: user.id, body: { disabled: !user.disabled } })}
                      >
                        {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                      </Button>
                    )}
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
