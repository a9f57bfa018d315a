import { Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ticketLinksApi } from '../../api/tickets.api';
import type { Message, Ticket } from '../../api/types';
import { ticketPath } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { useAdminFormErrors } from '../admin/ui/useAdminFormErrors';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { checkRequired } from '../auth/validation';
import { refreshAfterLinkChange } from './linkQueries';

const SUBJECT_MAX = 250;

/** A first guess at the new subject: the message's first line, shortened. */
function subjectFrom(message: Message): string {
  const line =
    message.bodyText
      .split('\n')
      .find((part) => part.trim())
      ?.trim() ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** "Split into new ticket" on a customer's reply: copies it into a new, linked ticket. */
export function SplitMessage({ ticket, message }: { ticket: Ticket; message: Message }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  const splittable = message.kind === 'reply' && message.authorKind === 'customer' && !ticket.mergedIntoId;
  if (!splittable || !me.permissions.includes('ticket.update')) return null;
  return (
    <Group justify="flex-end" mt="xs">
      <Anchor component="button" type="button" size="xs" onClick={() => setOpen(true)}>
        {t('ticketPage.links.split')}
      </Anchor>
      {open ? <SplitDialog ticket={ticket} message={message} onClose={() => setOpen(false)} /> : null}
    </Group>
  );
}

function SplitDialog({ ticket, message, onClose }: { ticket: Ticket; message: Message; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(() => subjectFrom(message));
  const split = useMutation({
    mutationFn: () => ticketLinksApi.split(ticket.id, { messageId: message.id, subject: subject.trim() }),
    onSuccess: (created) => refreshAfterLinkChange(queryClient, [ticket.id, created.id]),
  });
  const errors = useAdminFormErrors<'subject'>(split.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.validate({ subject: checkRequired(subject) })) split.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={t('ticketPage.links.splitTitle')}>
      {split.data ? (
        <Stack gap="md">
          <FormAlert color="green">{t('ticketPage.links.splitDone', { number: split.data.number })}</FormAlert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('ticketPage.links.close')}
            </Button>
            <Button component={Link} to={ticketPath(split.data.id)}>
              {t('ticketPage.links.openTicket', { number: split.data.number })}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('ticketPage.links.splitExplain')}</Text>
            {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
            <TextInput
              label={t('ticketPage.links.splitSubject')}
              value={subject}
              onChange={(event) => setSubject(event.currentTarget.value)}
              error={errors.fieldError('subject')}
              maxLength={SUBJECT_MAX}
              required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={split.isPending}>
                {t('ticketPage.links.splitAction')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
