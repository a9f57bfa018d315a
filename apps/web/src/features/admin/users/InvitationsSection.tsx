import { Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Role, usersAdminApi } from '../../../api/admin-people.api';
import { useFormat } from '../../../i18n/format';
import { useRoleLabel } from '../../../i18n/useRoleLabel';
import { SettingsSection } from '../../security/SettingsSection';
import { invitationsQuery, refreshAfterChange } from '../adminQueries';
import { ConfirmAction } from '../ui/ConfirmAction';
import { QueryState } from '../ui/QueryState';

/** Invitations not yet accepted, with a way to take them back. */
export function InvitationsSection({ roles }: { roles: Role[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const roleLabel = useRoleLabel();
  const queryClient = useQueryClient();
  const invitations = useQuery({ ...invitationsQuery, select: (items) => items.filter((i) => i.acceptedAt === null) });
  const roleName = (key: string) => {
    const role = roles.find((r) => r.key === key);
    return role && !role.system ? role.name : roleLabel(key);
  };

  return (
    <SettingsSection title={t('admin.users.invitations')}>
      <QueryState query={invitations} empty={t('admin.users.noInvitations')}>
        {(items) => (
          <Table.ScrollContainer minWidth={600}>
            <Table aria-label={t('admin.users.invitations')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.email')}</Table.Th>
                  <Table.Th>{t('admin.users.columns.role')}</Table.Th>
                  <Table.Th>{t('admin.users.columns.expires')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((invitation) => {
                  const expired = Date.parse(invitation.expiresAt) < Date.now();
                  return (
                    <Table.Tr key={invitation.id}>
                      <Table.Td>
                        <Text>{invitation.email}</Text>
                        {invitation.name ? (
                          <Text size="sm" c="dimmed">
                            {invitation.name}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{roleName(invitation.role)}</Table.Td>
                      <Table.Td>
                        {expired ? (
                          <Badge color="gray" variant="light">
                            {t('admin.users.expired')}
                          </Badge>
                        ) : (
                          format.dateTime(invitation.expiresAt)
                        )}
                      </Table.Td>
                      <Table.Td>
                        <ConfirmAction
                          label={t('admin.users.revoke')}
                          ariaLabel={t('admin.users.revokeNamed', { email: invitation.email })}
                          title={t('admin.users.revokeTitle')}
                          message={t('admin.users.revokeBody', { email: invitation.email })}
                          confirmLabel={t('admin.users.revoke')}
                          onConfirm={async () => {
                            await usersAdminApi.revokeInvitation(invitation.id);
                            await refreshAfterChange(queryClient, 'invitations');
                          }}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </SettingsSection>
  );
}
