import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../api/types';

const COLORS: Record<TicketStatus, string> = {
  new: 'blue',
  open: 'blue',
  pending: 'orange',
  on_hold: 'blue',
  solved: 'green',
  closed: 'gray',
};

/** Statuses in the customer's terms: "Awaiting your reply" rather than "Pending". */
export function PortalStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" tt="none">
      {t(`portal.status.${status}`)}
    </Badge>
  );
}
