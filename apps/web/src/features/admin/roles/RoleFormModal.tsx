import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { Permission } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, rolesAdminApi } from '../../../api/admin-people.api';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { permissionsQuery, refreshAfterChange } from '../adminQueries';
import { keyFromName } from '../ui/keys';
import { QueryState } from '../ui/QueryState';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { PermissionPicker } from './PermissionPicker';

type Field = 'key' | 'name' | 'permissions';

interface RoleFormModalProps {
  /** The custom role to edit; null creates one. */
  role: Role | null;
  onClose: () => void;
}

/** Create or edit a custom role. Mount it with a `key` per role so its fields start fresh. */
export function RoleFormModal({ role, onClose }: RoleFormModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const catalog = useQuery(permissionsQuery);
  const [name, setName] = useState(role?.name ?? '');
  const [key, setKey] = useState(role?.key ?? '');
  const [keyEdited, setKeyEdited] = useState(role !== null);
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? []);
  const save = useMutation({
    mutationFn: () =>
      role
        ? rolesAdminApi.update(role.id, { name: name.trim(), permissions: permissions as Permission[] })
        : rolesAdminApi.create({ key: key.trim(), name: name.trim(), permissions: permissions as Permission[] }),
    onSuccess: async () => {
      await refreshAfterChange(queryClient, 'roles');
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error, { 'role.key_taken': 'key' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({
      name: checkRequired(name),
      key: role ? undefined : checkRequired(key),
      permissions: permissions.length ? undefined : 'fieldErrors.required',
    });
    if (valid) save.mutate();
  };

  return (
    <Modal opened onClose={onClose} size="xl" title={role ? t('admin.roles.editTitle', { name: role.name }) : t('admin.roles.createTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('admin.roles.name')}
            value={name}
            onChange={(event) => {
              const next = event.currentTarget.value;
              setName(next);
              if (!keyEdited) setKey(keyFromName(next));
            }}
            error={errors.fieldError('name')}
            required
            data-autofocus
          />
          <TextInput
            label={t('admin.roles.key')}
            description={t('admin.roles.keyHint')}
            value={key}
            onChange={(event) => {
              setKeyEdited(true);
              setKey(event.currentTarget.value);
            }}
            error={errors.fieldError('key')}
            disabled={role !== null}
            required
          />
          <QueryState query={catalog}>
            {(list) => (
              <PermissionPicker catalog={list} value={permissions} onChange={setPermissions} error={errors.fieldError('permissions')} />
            )}
          </QueryState>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
