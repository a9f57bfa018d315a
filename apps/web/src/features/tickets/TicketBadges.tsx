import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketPriority, TicketStatus } from '../../api/types';
import { useFormat } from '../../i18n/format';

const STATUS_COLORS: Record<TicketStatus, string> = {
  new: 'yellow',
  open: 'red',
  pending: 'blue',
  on_hold: 'dark',
  solved: 'gray',
  closed: 'gray',
};

// Urgent is a filled badge: white on red 7 is 3.8:1, on red 9 5.5:1.
const PRIORITY_COLORS: Record<TicketPriority, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red.9' };

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'closed' ? 'outline' : 'light'}>
      {t(`ticket.status.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant={priority === 'urgent' ? 'filled' : 'light'}>
      {t(`ticket.priority.${priority}`)}
    </Badge>
  );
}

const SLA_COLORS = { ok: 'green', at_risk: 'orange', breached: 'red', paused: 'gray', met: 'teal' } as const;

/** The ticket's overall SLA state with the next due time; nothing when no policy applies. */
export function SlaBadge({ sla, now }: { sla: Ticket['sla']; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (sla.state === 'none') return null;
  const due = sla.dueAt && (sla.state === 'ok' || sla.state === 'at_risk') ? format.relative(sla.dueAt, now) : null;
  const label = due ? t('ticket.slaDue', { when: due }) : t(`ticket.sla.${sla.state}`);
  return (
    <Tooltip label={sla.dueAt ? format.dateTime(sla.dueAt) : t(`ticket.sla.${sla.state}`)} withArrow>
      <Badge color={SLA_COLORS[sla.state]} variant="dot" tt="none">
        {label}
      </Badge>
    </Tooltip>
  );
}
