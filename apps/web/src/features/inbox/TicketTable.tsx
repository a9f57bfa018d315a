import { Anchor, Checkbox, Stack, Table, Text } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agent, TicketListItem } from '../../api/types';
import { ticketPath } from '../../app/paths';
import { useFormat } from '../../i18n/format';
import { PriorityBadge, SlaBadge, StatusBadge } from '../tickets/TicketBadges';

interface TicketTableProps {
  label: string;
  items: readonly TicketListItem[];
  activeId: string | null;
  selected: ReadonlySet<string>;
  agents: ReadonlyMap<string, Agent>;
  now: number;
  onActivate: (id: string) => void;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
}

/** The ticket list. Each row's subject is a link, so Tab/Enter work without the shortcuts. */
export const TicketTable = forwardRef<HTMLTableElement, TicketTableProps>(function TicketTable(props, ref) {
  const { t } = useTranslation();
  const { items, selected } = props;
  const all = items.length > 0 && items.every((item) => selected.has(item.id));
  const some = !all && items.some((item) => selected.has(item.id));

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table ref={ref} aria-label={props.label} highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox aria-label={t('inbox.selectAll')} checked={all} indeterminate={some} onChange={props.onToggleAll} />
            </Table.Th>
            <Table.Th>{t('inbox.columns.subject')}</Table.Th>
            <Table.Th>{t('inbox.columns.status')}</Table.Th>
            <Table.Th>{t('inbox.columns.priority')}</Table.Th>
            <Table.Th>{t('inbox.columns.assignee')}</Table.Th>
            <Table.Th>{t('inbox.columns.sla')}</Table.Th>
            <Table.Th>{t('inbox.columns.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} {...props} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
});

function TicketRow({ ticket, activeId, selected, agents, now, onActivate, onToggle }: TicketTableProps & { ticket: TicketListItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const active = ticket.id === activeId;
  const assignee = ticket.assigneeId ? (agents.get(ticket.assigneeId)?.name ?? t('inbox.unknownAgent')) : null;
  return (
    <Table.Tr
      data-row-id={ticket.id}
      data-active={active || undefined}
      bg={active ? 'var(--mantine-primary-color-light)' : selected.has(ticket.id) ? 'var(--mantine-color-gray-0)' : undefined}
      style={active ? { boxShadow: 'inset 3px 0 0 var(--mantine-primary-color-filled)' } : undefined}
      onClick={() => onActivate(ticket.id)}
    >
      <Table.Td>
        <Checkbox
          aria-label={t('inbox.selectTicket', { number: ticket.number })}
          checked={selected.has(ticket.id)}
          onChange={() => onToggle(ticket.id)}
        />
      </Table.Td>
      <Table.Td maw={420}>
        <Stack gap={2}>
          <Anchor component={Link} to={ticketPath(ticket.id)} fw={600} c="var(--mantine-color-text)" onFocus={() => onActivate(ticket.id)}>
            {ticket.subject}
          </Anchor>
          <Text size="xs" c="dimmed" truncate="end">
            #{ticket.number} · {ticket.requester.name}
          </Text>
          {ticket.snippet ? (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {ticket.snippet}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={ticket.status} />
      </Table.Td>
      <Table.Td>
        <PriorityBadge priority={ticket.priority} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={assignee ? undefined : 'dimmed'}>
          {assignee ?? t('inbox.unassigned')}
        </Text>
      </Table.Td>
      <Table.Td>
        <SlaBadge sla={ticket.sla} now={now} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={format.dateTime(ticket.updatedAt)} style={{ whiteSpace: 'nowrap' }}>
          {format.relative(ticket.updatedAt, now)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
