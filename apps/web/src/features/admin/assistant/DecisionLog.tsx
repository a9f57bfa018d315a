import { Badge, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BotDecision } from '../../../api/assistant.api';
import { useFormat } from '../../../i18n/format';
import { QueryState } from '../ui/QueryState';
import { decisionsQuery } from './assistantQueries';
import { ACTION_COLORS, BOT_ACTIONS } from './botActions';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A ticket id, or the id inside a pasted ticket link (`/inbox/tickets/<id>`). */
export function ticketIdFrom(text: string): string | null {
  return UUID.exec(text)?.[0]?.toLowerCase() ?? null;
}

/** What the assistant decided in one chat, turn by turn: the API lists decisions per ticket. */
export function DecisionLog() {
  const { t } = useTranslation();
  const [ticket, setTicket] = useState('');
  const [action, setAction] = useState<'' | BotDecision['action']>('');
  const ticketId = ticketIdFrom(ticket);
  const decisions = useQuery({ ...decisionsQuery(ticketId ?? ''), enabled: ticketId !== null });
  return (
    <Stack gap="sm" component="section" aria-label={t('assistantAdmin.log.title')}>
      <Title order={2} size="h4">
        {t('assistantAdmin.log.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('assistantAdmin.log.description')}
      </Text>
      <Group align="flex-start">
        <TextInput
          label={t('assistantAdmin.log.ticket')}
          description={t('assistantAdmin.log.ticketHint')}
          value={ticket}
          onChange={(event) => setTicket(event.currentTarget.value)}
          error={ticket.trim() && !ticketId ? t('assistantAdmin.log.ticketInvalid') : undefined}
          flex={1}
          miw={280}
        />
        <NativeSelect
          label={t('assistantAdmin.log.action')}
          value={action}
          onChange={(event) => setAction(event.currentTarget.value as typeof action)}
          data={[
            { value: '', label: t('assistantAdmin.log.allActions') },
            ...BOT_ACTIONS.map((a) => ({ value: a, label: t(`assistantAdmin.actions.${a}`) })),
          ]}
          w={200}
        />
      </Group>
      {ticketId ? (
        <QueryState query={decisions} empty={t('assistantAdmin.log.empty')}>
          {(items) => <DecisionsTable decisions={action ? items.filter((d) => d.action === action) : items} />}
        </QueryState>
      ) : null}
    </Stack>
  );
}

function DecisionsTable({ decisions }: { decisions: BotDecision[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!decisions.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('assistantAdmin.log.noneMatch')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="xs" aria-label={t('assistantAdmin.log.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assistantAdmin.log.when')}</Table.Th>
            <Table.Th>{t('assistantAdmin.log.message')}</Table.Th>
            <Table.Th>{t('assistantAdmin.log.action')}</Table.Th>
            <Table.Th>{t('assistantAdmin.log.best')}</Table.Th>
            <Table.Th>{t('assistantAdmin.log.sentiment')}</Table.Th>
            <Table.Th>{t('assistantAdmin.log.latency')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {decisions.map((decision) => {
            const best = decision.candidates[0];
            return (
              <Table.Tr key={decision.id}>
                <Table.Td>{format.dateTime(decision.createdAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3}>
                    {decision.inputText}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {decision.language}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={ACTION_COLORS[decision.action]}>
                    {t(`assistantAdmin.actions.${decision.action}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {decision.reason}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {best ? (
                    <Text size="sm">
                      {t('assistantAdmin.log.bestCandidate', {
                        title: best.title,
                        value: format.number(Math.round(best.confidence * 100)),
                      })}
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`assistantAdmin.sentiment.${decision.sentiment.label}`)}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`assistantAdmin.frustration.${decision.sentiment.frustration}`)}
                  </Text>
                </Table.Td>
                <Table.Td>{t('assistantAdmin.common.ms', { ms: format.number(decision.latencyMs) })}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
