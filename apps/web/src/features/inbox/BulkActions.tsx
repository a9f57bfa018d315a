import { Button, Group, Menu, Paper, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ticketsApi } from '../../api/tickets.api';
import type { BulkUpdateResult, TicketChanges, TicketPriority, TicketStatus } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { useCurrentUser } from '../auth/CurrentUserContext';

const BULK_STATUSES: readonly TicketStatus[] = ['open', 'pending', 'on_hold', 'solved'];
const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

interface BulkActionsProps {
  ids: string[];
  onDone: (result: BulkUpdateResult) => void;
  onClear: () => void;
}

/**
 * What can be done to every selected ticket at once; each ticket succeeds or fails on its own,
 * and the page reports the outcome (this bar disappears with the selection).
 */
export function BulkActions({ ids, onDone, onClear }: BulkActionsProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const errorText = useErrorText();
  const bulk = useMutation({
    mutationFn: (changes: Omit<TicketChanges, 'subject'>) => ticketsApi.bulk(ids, changes),
    onSuccess: onDone,
  });

  return (
    <Paper withBorder p="xs" radius="md" role="region" aria-label={t('inbox.bulk.label')}>
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600} aria-live="polite">
          {t('inbox.bulk.selected', { count: ids.length })}
        </Text>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" loading={bulk.isPending}>
              {t('inbox.bulk.setStatus')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {BULK_STATUSES.map((status) => (
              <Menu.Item key={status} onClick={() => bulk.mutate({ status })}>
                {t(`ticket.status.${status}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" loading={bulk.isPending}>
              {t('inbox.bulk.setPriority')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {PRIORITIES.map((priority) => (
              <Menu.Item key={priority} onClick={() => bulk.mutate({ priority })}>
                {t(`ticket.priority.${priority}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button size="xs" variant="default" loading={bulk.isPending} onClick={() => bulk.mutate({ assigneeId: me.id })}>
          {t('inbox.bulk.assignToMe')}
        </Button>
        <Button size="xs" variant="subtle" onClick={onClear}>
          {t('inbox.bulk.clear')}
        </Button>
      </Group>
      {bulk.isError ? <FormAlert>{errorText.describe(bulk.error)}</FormAlert> : null}
    </Paper>
  );
}
