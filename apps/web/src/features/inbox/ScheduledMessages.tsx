import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ticketsApi } from '../../api/tickets.api';
import { useErrorText } from '../../i18n/errorMessages';
import { useFormat } from '../../i18n/format';

export const scheduledKey = (ticketId: string) => ['tickets', 'scheduled', ticketId] as const;

/** Messages waiting to be sent on this ticket, each with a cancel button. Hidden when there are none. */
export function ScheduledMessages({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: scheduledKey(ticketId), queryFn: ({ signal }) => ticketsApi.scheduled(ticketId, signal) });
  const cancel = useMutation({
    mutationFn: (id: string) => ticketsApi.cancelScheduled(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: scheduledKey(ticketId) }),
  });
  if (list.isError) {
    return (
      <Text size="sm" c="red" role="alert">
        {t('composer.scheduled.loadFailed')}
      </Text>
    );
  }
  const items = (list.data?.items ?? []).filter((m) => m.state === 'scheduled' || m.state === 'failed');
  if (!items.length) return null;

  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label={t('composer.scheduled.title')}>
      <Stack gap="xs">
        <Title order={2} size="h6">
          {t('composer.scheduled.title')}
        </Title>
        {cancel.isError ? (
          <Text size="sm" c="red" role="alert">
            {errorText.describe(cancel.error)}
          </Text>
        ) : null}
        {items.map((m) => {
          const when = format.dateTime(m.sendAt);
          return (
            <Group key={m.id} justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0} miw={0}>
                <Group gap="xs">
                  <Badge size="sm" variant="light" color={m.kind === 'note' ? 'yellow' : 'blue'}>
                    {t(`composer.scheduled.${m.kind}`)}
                  </Badge>
                  <Text size="sm">
                    {m.state === 'failed' ? t('composer.scheduled.failed', { error: m.error ?? '' }) : t('composer.scheduled.at', { when })}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {new DOMParser().parseFromString(m.bodyHtml, 'text/html').body.textContent}
                </Text>
              </Stack>
              {m.state === 'scheduled' ? (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('composer.scheduled.cancelLabel', { when })}
                  loading={cancel.isPending && cancel.variables === m.id}
                  onClick={() => cancel.mutate(m.id)}
                >
                  {t('composer.scheduled.cancel')}
                </Button>
              ) : null}
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
