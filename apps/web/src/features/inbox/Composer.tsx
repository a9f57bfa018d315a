import { Button, Group, NativeSelect, Paper, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Editor } from '@tiptap/react';
import { type FormEvent, lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { type NewMessage, ticketsApi } from '../../api/tickets.api';
import type { Ticket, TicketStatus } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { useFormat } from '../../i18n/format';
import { registerComposer } from '../assist/composerBridge';
import { useChatTyping } from '../chat/useChatTyping';
import { InsertArticleMenu } from '../kb/InsertArticleMenu';
import { AttachmentPicker, DropZone } from '../tickets/AttachmentPicker';
import { agentsQuery } from '../tickets/ticketQueries';
import { useAttachmentUploads } from '../tickets/useAttachmentUploads';
import { MacroMenu } from './MacroMenu';
import { ScheduledMessages, scheduledKey } from './ScheduledMessages';
import { SendLaterMenu } from './SendLaterMenu';
import { useSendMessage } from './useSendMessage';

// The editor (Tiptap + ProseMirror, ~120 KB gzipped) loads with the first composer, not with the
// ticket list: the agent's first screen stays small.
const RichEditor = lazy(async () => ({ default: (await import('./RichEditor')).RichEditor }));

type Kind = 'reply' | 'note';

/** Blank lines before or after the text are not part of the message. */
export function trimEmptyParagraphs(html: string): string {
  return html.replace(/^(?:<p>(?:<br>)?<\/p>)+/, '').replace(/(?:<p>(?:<br>)?<\/p>)+$/, '');
}

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
  const format = useFormat();
  const queryClient = useQueryClient();
  const agents = useQuery(agentsQuery);
  const editor = useRef<Editor | null>(null);
  const [kind, setKind] = useState<Kind>('reply');
  const [empty, setEmpty] = useState(true);
  const [thenStatus, setThenStatus] = useState<TicketStatus | ''>('');
  const [scheduledFor, setScheduledFor] = useState<string | null>(null);
  const clear = () => {
    editor.current?.commands.clearContent(true);
    setThenStatus('');
    uploads.reset();
  };
  const chatTyping = useChatTyping(ticket.id);
  const send = useSendMessage(ticket.id, () => {
    clear();
    onSent();
    chatTyping.stop();
  });
  const message = (): NewMessage => ({
    kind,
    bodyHtml: trimEmptyParagraphs(editor.current?.getHTML() ?? ''),
    ...(uploads.ids.length ? { attachmentIds: uploads.ids } : {}),
    ...(thenStatus ? { status: thenStatus } : {}),
  });
  const mutate = (force: boolean) => send.mutate({ ...message(), seenSeq, ...(force ? { force: true } : {}) });
  const schedule = useMutation({
    mutationFn: (at: Date) => ticketsApi.schedule(ticket.id, { ...message(), sendAt: at.toISOString() }),
    onSuccess: (scheduled) => {
      clear();
      setScheduledFor(format.dateTime(scheduled.sendAt));
      void queryClient.invalidateQueries({ queryKey: scheduledKey(ticket.id) });
    },
  });

  const failed = send.error ?? schedule.error;
  const newActivity = isApiError(send.error, 'ticket.new_activity');
  const bodyError = errorText.field(failed, 'bodyHtml') ?? errorText.field(failed, 'bodyText');
  const formError = failed && !newActivity && !bodyError ? errorText.describe(failed) : null;
  const busy = send.isPending || schedule.isPending;
  const canSend = !empty && !uploads.busy && !busy;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (canSend) mutate(false);
  };
  const onChange = (e: Editor) => {
    setEmpty(e.getText().trim() === '' && !e.getHTML().includes('data-mention'));
    setScheduledFor(null);
    send.reset();
    schedule.reset();
    onTyping();
    // The visitor of a live chat sees the agent typing a reply, never a note.
    if (kind === 'reply') chatTyping.typed();
    else chatTyping.stop();
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
            <Group gap="xs" wrap="nowrap">
              <InsertArticleMenu locale={ticket.language} onInsert={(html) => editor.current?.chain().focus().insertContent(html).run()} />
              <MacroMenu ticket={ticket} />
            </Group>
          </Group>
          {newActivity ? <NewActivityWarning sending={send.isPending} onSendAnyway={() => mutate(true)} /> : null}
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <Suspense fallback={<Skeleton height={132} radius="sm" aria-label={t('composer.loadingEditor')} />}>
            <RichEditor
              label={note ? t('composer.noteLabel') : t('composer.replyLabel', { name: ticket.requester.name })}
              placeholder={note ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
              mentions={note}
              candidates={agents.data ?? []}
              onChange={onChange}
              onSubmit={() => submit()}
              onFiles={uploads.add}
              onReady={(e) => {
                editor.current = e;
                registerComposer(ticket.id, e);
              }}
              error={bodyError}
            />
          </Suspense>
          <AttachmentPicker uploads={uploads} disabled={busy} />
          <Group justify="flex-end" gap="sm" wrap="wrap" align="flex-end">
            {scheduledFor ? (
              <Text size="sm" c="green" role="status" mr="auto">
                {t('composer.schedule.done', { when: scheduledFor })}
              </Text>
            ) : null}
            <SubmitAsSelect current={ticket.status} value={thenStatus} onChange={setThenStatus} />
            <Group gap={4} wrap="nowrap">
              <Button type="submit" disabled={!canSend} loading={send.isPending} color={note ? 'yellow' : undefined} autoContrast>
                {note ? t('composer.addNote') : t('composer.sendReply')}
              </Button>
              <SendLaterMenu disabled={!canSend} onSchedule={(at) => schedule.mutate(at)} />
            </Group>
          </Group>
        </Stack>
      </Paper>
    </DropZone>
  );
}

/** The composer with the ticket's scheduled messages above it. */
export function ComposerWithSchedule(props: ComposerProps) {
  return (
    <Stack gap="sm">
      <ScheduledMessages ticketId={props.ticket.id} />
      <Composer {...props} />
    </Stack>
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
