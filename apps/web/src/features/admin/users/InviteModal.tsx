import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, usersAdminApi } from '../../../api/admin-people.api';
import { FormAlert } from '../../../components/FormAlert';
import { useRoleLabel } from '../../../i18n/useRoleLabel';
import { checkEmail } from '../../auth/validation';
import { refreshAfterChange } from '../adminQueries';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';

type Field = 'email' | 'name' | 'role';

/** Staff roles only: customers sign up in the portal, they are not invited. */
export function staffRoles(roles: Role[]): Role[] {
  return roles.filter((role) => role.key !== 'customer' && !role.permissions.includes('portal.use'));
}

interface InviteModalProps {
  opened: boolean;
  onClose: () => void;
  roles: Role[];
}

export function InviteModal({ opened, onClose, roles }: InviteModalProps) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('agent');
  const invite = useMutation({
    mutationFn: usersAdminApi.invite,
    onSuccess: async () => {
      await refreshAfterChange(queryClient, 'invitations');
      close();
    },
  });
  const errors = useAdminFormErrors<Field>(invite.error, { 'user.email_taken': 'email' });

  const close = () => {
    setEmail('');
    setName('');
    invite.reset();
    errors.validate({});
    onClose();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ email: checkEmail(email) })) return;
    invite.mutate({ email: email.trim(), name: name.trim() || undefined, role });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('admin.users.inviteTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('common.email')}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.fieldError('email')}
            required
            data-autofocus
          />
          <TextInput
            label={t('common.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.fieldError('name')}
          />
          <NativeSelect
            label={t('admin.users.columns.role')}
            value={role}
            onChange={(event) => setRole(event.currentTarget.value)}
            data={staffRoles(roles).map((r) => ({ value: r.key, label: r.system ? roleLabel(r.key) : r.name }))}
            error={errors.fieldError('role')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('admin.users.sendInvite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
