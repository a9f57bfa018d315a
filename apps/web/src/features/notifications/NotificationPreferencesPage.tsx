import { Anchor, Button, Checkbox, Container, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type NotificationKind, type NotificationPreferences, notificationsApi } from '../../api/notifications.api';
import { paths } from '../../app/paths';
import { ErrorState } from '../../components/ErrorState';
import { FormAlert } from '../../components/FormAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useErrorText } from '../../i18n/errorMessages';
import { notificationKeys } from './useNotifications';

/** Listed here rather than imported from the contracts, so zod stays out of the browser bundle. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['mention', 'assignment', 'customer_reply', 'sla_warning', 'sla_breach'];
type Kinds = NotificationPreferences['kinds'];
type Channel = 'inApp' | 'email';

/** Which notifications an agent gets, in the app and by email, per kind. */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.preferences.title'));
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const prefs = useQuery({ queryKey: notificationKeys.preferences, queryFn: ({ signal }) => notificationsApi.preferences(signal) });
  const [draft, setDraft] = useState<Kinds | null>(null);
  useEffect(() => {
    if (prefs.data) setDraft(prefs.data.kinds);
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: (kinds: Kinds) => notificationsApi.updatePreferences({ kinds }),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences, saved),
  });
  const toggle = (kind: NotificationKind, channel: Channel, on: boolean) => {
    save.reset();
    setDraft((d) => (d ? { ...d, [kind]: { ...d[kind], [channel]: on } } : d));
  };

  return (
    <Container size="sm" px={0}>
      <Stack gap="lg">
        <Anchor component={Link} to={paths.home} size="sm">
          ← {t('security.back')}
        </Anchor>
        <Title order={1} size="h2">
          {t('notifications.preferences.title')}
        </Title>
        {prefs.isPending ? (
          <Loader aria-label={t('notifications.loading')} />
        ) : prefs.isError || !draft ? (
          <ErrorState
            title={t('notifications.preferences.title')}
            message={t('notifications.preferences.loadFailed')}
            onRetry={() => void prefs.refetch()}
            retryLabel={t('common.tryAgain')}
          />
        ) : (
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                {t('notifications.preferences.hint')}
              </Text>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('notifications.preferences.kind')}</Table.Th>
                    <Table.Th>{t('notifications.preferences.inApp')}</Table.Th>
                    <Table.Th>{t('notifications.preferences.email')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {NOTIFICATION_KINDS.map((kind) => (
                    <Table.Tr key={kind}>
                      <Table.Td>{t(`notifications.preferences.kinds.${kind}`)}</Table.Td>
                      {(['inApp', 'email'] as const).map((channel) => (
                        <Table.Td key={channel}>
                          <Checkbox
                            aria-label={`${t(`notifications.preferences.kinds.${kind}`)}: ${t(`notifications.preferences.${channel}`)}`}
                            checked={draft[kind][channel]}
                            onChange={(e) => toggle(kind, channel, e.currentTarget.checked)}
                          />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {save.isError ? <FormAlert>{errorText.describe(save.error)}</FormAlert> : null}
              <Group justify="flex-end" gap="sm">
                {save.isSuccess ? (
                  <Text size="sm" c="green" role="status">
                    {t('notifications.preferences.saved')}
                  </Text>
                ) : null}
                <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
                  {t('notifications.preferences.save')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
      </Stack>
    </Container>
  );
}
