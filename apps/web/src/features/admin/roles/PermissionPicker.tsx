import { Checkbox, Fieldset, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { groupPermissions, permissionKey, toggleGroup } from './permissionGroups';

interface PermissionPickerProps {
  catalog: readonly string[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** Permissions grouped by area, each with a translated label and its technical name. */
export function PermissionPicker({ catalog, value, onChange, error }: PermissionPickerProps) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const label = (permission: string) => {
    const key = `admin.permissions.${permissionKey(permission)}`;
    return i18n.exists(key) ? loose(key) : permission;
  };
  const toggle = (permission: string, on: boolean) => onChange(catalog.filter((p) => (p === permission ? on : value.includes(p))));

  return (
    <Stack gap="sm">
      {groupPermissions(catalog).map(({ group, permissions }) => {
        const checked = permissions.filter((p) => value.includes(p)).length;
        const groupName = t(`admin.roles.groups.${group}`);
        return (
          <Fieldset key={group} legend={groupName} variant="filled" p="sm">
            <Stack gap="xs">
              <Checkbox
                label={t('admin.roles.allInGroup')}
                aria-label={t('admin.roles.allInGroupNamed', { group: groupName })}
                checked={checked === permissions.length}
                indeterminate={checked > 0 && checked < permissions.length}
                onChange={() => onChange(toggleGroup(value, permissions, catalog))}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                {permissions.map((permission) => (
                  <Checkbox
                    key={permission}
                    value={permission}
                    checked={value.includes(permission)}
                    onChange={(event) => toggle(permission, event.currentTarget.checked)}
                    label={label(permission)}
                    description={permission}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          </Fieldset>
        );
      })}
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
