import { Alert, Anchor, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ticketLinksApi, ticketsApi } from '../../api/tickets.api';
import type { Ticket, TicketListItem } from '../../api/types';
import { ticketPath } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { useAdminFormErrors } from '../admin/ui/useAdminFormErrors';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { ticketKeys } from '../tickets/ticketQueries';
import { refreshAfterLinkChange } from './linkQueries';
import { TicketPicker } from './TicketPicker';

/**
 * Merge this ticket into another: first choose the target, then confirm knowing what happens
 * (messages and followers move, this ticket closes). Closed tickets cannot take part.
 */
export function MergeDialog({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<TicketListItem | null>(null);
  const [note, setNote] = useState('');
  const canNote = me.permissions.includes('ticket.note');
  const merge = useMutation({
    mutationFn: (targetId: string) => ticketLinksApi.merge(ticket.id, { targetId, ...(note.trim() && { note: note.trim() }) }),
    onSuccess: (merged) => {
      queryClient.setQueryData(ticketKeys.detail(merged.id), merged);
      // This ticket is now closed and points at the target: reloading it shows the banner.
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
      refreshAfterLinkChange(queryClient, [ticket.id, merged.id]);
      onClose();
    },
  });
  const errors = useAdminFormErrors<'note'>(merge.error);

  return (
    <Modal opened onClose={onClose} size="lg" title={t('ticketPage.links.mergeTitle', { number: ticket.number })}>
      {target ? (
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <Text fw={600}>
            {t('ticketPage.links.mergeConfirm', { source: ticket.number, target: target.number, subject: target.subject })}
          </Text>
          <Text size="sm">{t('ticketPage.links.mergeExplain', { source: ticket.number, target: target.number })}</Text>
          {canNote ? (
            <Textarea
              label={t('ticketPage.links.mergeNote')}
              description={t('ticketPage.links.mergeNoteHint', { target: target.number })}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={errors.fieldError('note')}
              autosize
              minRows={2}
              maxLength={10_000}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setTarget(null)} disabled={merge.isPending}>
              {t('ticketPage.links.back')}
            </Button>
            <Button color="red" loading={merge.isPending} onClick={() => merge.mutate(target.id)}>
              {t('ticketPage.links.mergeAction', { number: target.number })}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">{t('ticketPage.links.mergeIntro')}</Text>
          <TicketPicker
            label={t('ticketPage.links.mergeFind')}
            actionLabel={t('ticketPage.links.choose')}
            // The server refuses closed targets (merged ones are closed too).
            isExcluded={(item) => item.id === ticket.id || item.status === 'closed'}
            onPick={(item) => {
              merge.reset();
              setTarget(item);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** On a merged ticket: where the conversation continues. */
export function MergedBanner({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  const target = useQuery({ queryKey: ticketKeys.detail(targetId), queryFn: ({ signal }) => ticketsApi.get(targetId, signal) });
  return (
    <Alert color="blue" variant="light" role="status" title={t('ticketPage.links.mergedTitle')}>
      <Anchor component={Link} to={ticketPath(targetId)}>
        {target.data
          ? t('ticketPage.links.mergedInto', { number: target.data.number, subject: target.data.subject })
          : t('ticketPage.links.mergedOpen')}
      </Anchor>
    </Alert>
  );
}
