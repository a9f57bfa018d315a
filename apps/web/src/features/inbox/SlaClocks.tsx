import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SlaClock, Ticket } from '../../api/types';
import { useFormat, useNow } from '../../i18n/format';

const STATE_COLORS = { running: 'blue', paused: 'gray', met: 'teal', breached: 'red' } as const;

/** First response, next response and resolution targets of the ticket's SLA policy. */
export function SlaClocks({ sla }: { sla: Ticket['sla'] }) {
  const { t } = useTranslation();
  if (!sla.clocks.length) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="sla-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="sla-title">
          {t('ticketPage.sla.title')}
        </Title>
        {sla.clocks.map((clock) => (
          <ClockRow key={clock.metric} clock={clock} />
        ))}
      </Stack>
    </Paper>
  );
}

function ClockRow({ clock }: { clock: SlaClock }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(30_000);
  const overdue = clock.state === 'running' && clock.dueAt !== null && Date.parse(clock.dueAt) < now;
  let detail = '';
  if (clock.state === 'running' && clock.dueAt)
    detail = overdue
      ? t('ticketPage.sla.overdue', { when: format.relative(clock.dueAt, now) })
      : t('ticket.slaDue', { when: format.relative(clock.dueAt, now) });
  else if (clock.state === 'met' && clock.completedAt) detail = t('ticketPage.sla.metAt', { when: format.dateTime(clock.completedAt) });
  else if (clock.state === 'breached' && clock.breachedAt)
    detail = t('ticketPage.sla.breachedAt', { when: format.dateTime(clock.breachedAt) });
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {t(`ticket.metric.${clock.metric}`)}
        </Text>
        {detail ? (
          <Text
            size="xs"
            c={overdue || clock.state === 'breached' ? 'red' : 'dimmed'}
            title={clock.dueAt ? format.dateTime(clock.dueAt) : undefined}
          >
            {detail}
          </Text>
        ) : null}
      </Stack>
      <Badge color={overdue ? 'red' : STATE_COLORS[clock.state]} variant="light">
        {t(`ticketPage.sla.state.${clock.state}`)}
      </Badge>
    </Group>
  );
}
