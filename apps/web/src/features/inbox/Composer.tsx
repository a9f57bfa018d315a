import { Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import type { Ticket, TicketStatus } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { AttachmentPicker, DropZone } from '../tickets/AttachmentPicker';
import { useAttachmentUploads } from '../tickets/useAttachmentUploads';
import { MacroMenu } from './MacroMenu';
import { useSendMessage } from './useSendMessage';

type Kind = 'reply' | 'note';

const SUBMIT_AS: readonly TicketStatus[] = ['open', 'pending', 'on_hold', 'solved'];

interface ComposerProps {
  ticket: Ticket;
  /** The last message the agent has on screen; a newer public message makes the server ask first. */
  seenSeq: number;
  onTyping: () => void;
  onSent: () => void;
}

/** Reply to the customer or add an internal note, optionally setting the status in the same step. */
export function Composer({ ticket, seenSeq, onTyping, onSent }: ComposerProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const uploads = useAttachmentUploads();
  const [kind, setKind] = useState<Kind>('reply');
  const [text, setText] = useState('');
  const [thenStatus, setThenStatus] = useState<TicketStatus | ''>('');
  const send = useSendMessage(ticket.id, () => {
    setText('');
    setThenStatus('');
    uploads.reset();
    onSent();
  });
  const mutate = (force: boolean) =>
    send.mutate({
      kind,
      bodyText: text,
      ...(uploads.ids.length ? { attachmentIds: uploads.ids } : {}),
      ...(thenStatus ? { status: thenStatus } : {}),
      seenSeq,
      ...(force ? { force: true } : {}),
    });

  const newActivity = isApiError(send.error, 'ticket.new_activity');
  const bodyError = errorText.field(send.error, 'bodyText');
  const formError = send.error && !newActivity && !bodyError ? errorText.describe(send.error) : null;
  const canSend = text.trim() !== '' && !uploads.busy && !send.isPending;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (canSend) mutate(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };
  const note = kind === 'note';

  return (
    <DropZone onFiles={uploads.add}>
      <Paper
        component="form"
        onSubmit={submit}
        withBorder
        radius="md"
        p="md"
        bg={note ? 'var(--mantine-color-yellow-0)' : undefined}
        aria-label={t('composer.label')}
      >
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <KindSwitch kind={kind} onChange={setKind} />
            <MacroMenu ticket={ticket} />
          </Group>
          {newActivity ? <NewActivityWarning sending={send.isPending} onSendAnyway={() => mutate(true)} /> : null}
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <Textarea
            label={note ? t('composer.noteLabel') : t('composer.replyLabel', { name: ticket.requester.name })}
            placeholder={note ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
            autosize
            minRows={4}
            maxRows={16}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              onTyping();
            }}
            onKeyDown={onKeyDown}
            error={bodyError}
          />
          <AttachmentPicker uploads={uploads} disabled={send.isPending} />
          <Group justify="flex-end" gap="sm" wrap="wrap" align="flex-end">
            <SubmitAsSelect current={ticket.status} value={thenStatus} onChange={setThenStatus} />
            <Button type="submit" disabled={!canSend} loading={send.isPending} color={note ? 'yellow' : undefined} autoContrast>
              {note ? t('composer.addNote') : t('composer.sendReply')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </DropZone>
  );
}

function KindSwitch({ kind, onChange }: { kind: Kind; onChange: (kind: Kind) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('composer.kind')}
      value={kind}
      onChange={(value) => onChange(value as Kind)}
      data={[
        { value: 'reply', label: t('composer.reply') },
        { value: 'note', label: t('composer.note') },
      ]}
      color={kind === 'note' ? 'yellow' : undefined}
      // White on yellow is 2:1; autoContrast switches to dark text.
      autoContrast
    />
  );
}

function NewActivityWarning({ sending, onSendAnyway }: { sending: boolean; onSendAnyway: () => void }) {
  const { t } = useTranslation();
  return (
    <FormAlert color="yellow" title={t('composer.newActivityTitle')}>
      <Stack gap="xs" align="flex-start">
        {t('composer.newActivity')}
        <Button size="xs" color="yellow" autoContrast onClick={onSendAnyway} loading={sending}>
          {t('composer.sendAnyway')}
        </Button>
      </Stack>
    </FormAlert>
  );
}

/** "Submit as": the status the ticket gets together with the message; empty keeps it. */
function SubmitAsSelect(props: { current: TicketStatus; value: TicketStatus | ''; onChange: (status: TicketStatus | '') => void }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('composer.submitAs')}
      size="sm"
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value as TicketStatus | '')}
      data={[
        { value: '', label: t('composer.keepStatus', { status: t(`ticket.status.${props.current}`) }) },
        ...SUBMIT_AS.filter((status) => status !== props.current).map((status) => ({ value: status, label: t(`ticket.status.${status}`) })),
      ]}
    />
  );
}
