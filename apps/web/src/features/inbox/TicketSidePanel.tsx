import { Anchor, Group, NativeSelect, Paper, Stack, TagsInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField, CustomFieldValue, Ticket, TicketChanges, TicketPriority, TicketStatus } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { AssistCard } from '../assist';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { TicketKbViewsCard } from '../kb/TicketKbViewsCard';
import { CustomFieldInput } from '../tickets/CustomFieldInput';
import { agentsQuery, customFieldsQuery, teamsQuery } from '../tickets/ticketQueries';
import { TriageCard } from './TriageCard';
import { useTicketUpdate } from './useTicketUpdate';

const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

interface FieldProps {
  ticket: Ticket;
  /** The change being saved, shown until the server answers. */
  pending: TicketChanges | null;
  save: (changes: TicketChanges) => void;
  fieldError: (name: string) => string | undefined;
}

/** Ticket fields, each saved as soon as it changes (text fields when focus leaves them). */
export function TicketSidePanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const teams = useQuery(teamsQuery);
  const update = useTicketUpdate(ticket);
  const props: FieldProps = {
    ticket,
    pending: update.pending,
    save: update.save,
    fieldError: (name) => errorText.field(update.error, name),
  };
  const { pending, save, fieldError } = props;
  const generalError = update.error && !update.conflict ? errorText.describe(update.error) : null;
  // `new` is only ever the first status and only solved tickets can be closed.
  const statusOptions = STATUSES.filter((s) => s === ticket.status || (s !== 'new' && (s !== 'closed' || ticket.status === 'solved')));

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="ticket-fields-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="ticket-fields-title">
          {t('ticketPage.fieldsTitle')}
        </Title>
        {update.conflict ? <FormAlert color="yellow">{t('ticketPage.conflict')}</FormAlert> : null}
        {generalError ? <FormAlert>{generalError}</FormAlert> : null}
        <NativeSelect
          label={t('ticketPage.fields.status')}
          value={pending?.status ?? ticket.status}
          onChange={(event) => save({ status: event.currentTarget.value as TicketStatus })}
          data={statusOptions.map((status) => ({ value: status, label: t(`ticket.status.${status}`) }))}
          error={fieldError('status')}
          disabled={ticket.status === 'closed'}
        />
        <NativeSelect
          label={t('ticketPage.fields.priority')}
          value={pending?.priority ?? ticket.priority}
          onChange={(event) => save({ priority: event.currentTarget.value as TicketPriority })}
          data={PRIORITIES.map((priority) => ({ value: priority, label: t(`ticket.priority.${priority}`) }))}
          error={fieldError('priority')}
        />
        <AssigneeField {...props} />
        <NativeSelect
          label={t('ticketPage.fields.team')}
          value={(pending?.teamId !== undefined ? pending.teamId : ticket.teamId) ?? ''}
          onChange={(event) => save({ teamId: event.currentTarget.value || null })}
          data={[{ value: '', label: t('ticketPage.noTeam') }, ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))]}
          error={fieldError('teamId')}
        />
        <TagsInput
          label={t('ticketPage.fields.tags')}
          value={pending?.tags ?? ticket.tags}
          onChange={(tags) => save({ tags: tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean) })}
          error={fieldError('tags')}
          clearable
          splitChars={[',', ' ']}
        />
        <CustomFields {...props} />
        <TriageCard ticketId={ticket.id} />
        <AssistCard ticket={ticket} />
        <TicketKbViewsCard ticketId={ticket.id} />
      </Stack>
    </Paper>
  );
}

function AssigneeField({ ticket, pending, save, fieldError }: FieldProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const agents = useQuery(agentsQuery);
  const assigneeId = pending?.assigneeId !== undefined ? pending.assigneeId : ticket.assigneeId;
  // Keep the current assignee selectable even if the agent list is unavailable.
  const unknown =
    assigneeId && !agents.data?.some((agent) => agent.id === assigneeId) ? [{ value: assigneeId, label: t('inbox.unknownAgent') }] : [];
  return (
    <Stack gap={2}>
      <NativeSelect
        label={t('ticketPage.fields.assignee')}
        value={assigneeId ?? ''}
        onChange={(event) => save({ assigneeId: event.currentTarget.value || null })}
        data={[
          { value: '', label: t('inbox.unassigned') },
          ...(agents.data ?? []).map((agent) => ({ value: agent.id, label: agent.name })),
          ...unknown,
        ]}
        error={fieldError('assigneeId')}
      />
      {assigneeId !== me.id ? (
        <Group justify="flex-end">
          <Anchor component="button" type="button" size="xs" onClick={() => save({ assigneeId: me.id })}>
            {t('ticketPage.takeIt')}
          </Anchor>
        </Group>
      ) : null}
    </Stack>
  );
}

function CustomFields({ ticket, save, fieldError }: FieldProps) {
  const fields = useQuery(customFieldsQuery);
  const active = (fields.data ?? []).filter((field) => !field.archived).sort((a, b) => a.position - b.position);
  return active.map((field) => (
    <CustomFieldEditor
      key={field.id}
      field={field}
      value={ticket.customFields[field.key]}
      error={fieldError(field.key)}
      onSave={(value) => save({ customFields: { [field.key]: value } })}
    />
  ));
}

/** Choices save at once; typed values save when focus leaves, and only if they changed. */
function CustomFieldEditor(props: {
  field: CustomField;
  value: CustomFieldValue | undefined;
  error?: string | undefined;
  onSave: (value: CustomFieldValue) => void;
}) {
  const { field, value, onSave } = props;
  const [draft, setDraft] = useState<{ value: CustomFieldValue; from: CustomFieldValue | undefined } | null>(null);
  const typed = field.type === 'text' || field.type === 'number' || field.type === 'date';
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  // A draft typed against an older value is dropped when the ticket changes underneath it.
  const current = draft && same(draft.from, value) ? draft.value : value;

  return (
    <CustomFieldInput
      field={field}
      value={current}
      error={props.error}
      onChange={(next) => {
        if (typed) setDraft({ value: next, from: value });
        else onSave(next);
      }}
      onBlur={() => {
        if (draft && !same(draft.value, value)) onSave(draft.value);
        setDraft(null);
      }}
    />
  );
}
