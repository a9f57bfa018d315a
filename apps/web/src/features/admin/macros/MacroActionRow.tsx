import { Button, Group, NativeSelect, Paper, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CustomFieldInput } from '../../tickets/CustomFieldInput';
import { adminAgentsQuery, adminFieldsQuery, adminTeamsQuery, taxonomyQuery } from '../adminQueries';
import { PRIORITIES, STATUSES } from '../ui/ticketValues';
import { ACTION_TYPES, type ActionDraft, type ActionType, emptyAction, PLACEHOLDERS } from './macroForm';

interface MacroActionRowProps {
  n: number;
  value: ActionDraft;
  onChange: (value: ActionDraft) => void;
  onRemove: () => void;
  error?: string | undefined;
}

/** One step of a macro: what it does, and the value it uses. */
export function MacroActionRow({ n, value, onChange, onRemove, error }: MacroActionRowProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="sm" role="group" aria-label={t('admin.macros.actionN', { n })}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <NativeSelect
            label={t('admin.macros.actionType')}
            value={value.type}
            onChange={(event) => onChange(emptyAction(event.currentTarget.value as ActionType))}
            data={ACTION_TYPES.map((type) => ({ value: type, label: t(`admin.macros.types.${type}`) }))}
            w={240}
          />
          <Button variant="subtle" color="red" aria-label={t('admin.macros.removeAction', { n })} onClick={onRemove}>
            {t('admin.common.remove')}
          </Button>
        </Group>
        <ActionValue value={value} onChange={onChange} />
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ActionValue({ value, onChange }: { value: ActionDraft; onChange: (value: ActionDraft) => void }) {
  const { t } = useTranslation();
  if (value.type === 'reply' || value.type === 'note') {
    return (
      <Textarea
        label={value.type === 'reply' ? t('admin.macros.replyText') : t('admin.macros.noteText')}
        description={t('admin.macros.placeholders', { list: PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ') })}
        value={value.text}
        onChange={(event) => onChange({ ...value, text: event.currentTarget.value })}
        autosize
        minRows={3}
      />
    );
  }
  if (value.type === 'add_tags' || value.type === 'remove_tags') {
    return (
      <TagsInput
        label={t('admin.macros.tags')}
        value={value.tags}
        onChange={(tags) => onChange({ ...value, tags })}
        splitChars={[',', ' ']}
      />
    );
  }
  if (value.type === 'set_custom_field') return <CustomFieldValue value={value} onChange={onChange} />;
  return <ChoiceValue value={value as ChoiceDraft} onChange={onChange} />;
}

// What is left once messages, tags and custom fields are handled: a single choice.
type ChoiceDraft = Extract<ActionDraft, { value: string }>;

function ChoiceValue({ value, onChange }: { value: ChoiceDraft; onChange: (value: ActionDraft) => void }) {
  const { t } = useTranslation();
  const types = useQuery({ ...taxonomyQuery('type'), enabled: value.type === 'set_type' });
  const categories = useQuery({ ...taxonomyQuery('category'), enabled: value.type === 'set_category' });
  const teams = useQuery({ ...adminTeamsQuery, enabled: value.type === 'assign_team' });
  const agents = useQuery({ ...adminAgentsQuery, enabled: value.type === 'assign_agent' });
  const none = { value: '', label: t('admin.macros.none') };
  const options: Record<typeof value.type, { value: string; label: string }[]> = {
    set_status: STATUSES.filter((s) => s !== 'new').map((s) => ({ value: s, label: t(`ticket.status.${s}`) })),
    set_priority: PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) })),
    set_type: [none, ...(types.data ?? []).filter((x) => !x.archived).map((x) => ({ value: x.id, label: x.name }))],
    set_category: [none, ...(categories.data ?? []).filter((x) => !x.archived).map((x) => ({ value: x.id, label: x.name }))],
    assign_team: [none, ...(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))],
    assign_agent: [none, { value: 'me', label: t('admin.macros.me') }, ...(agents.data ?? []).map((x) => ({ value: x.id, label: x.name }))],
  };
  const data = options[value.type];
  // Keep a stored choice visible even if it no longer exists in the list.
  const withCurrent = data.some((o) => o.value === value.value)
    ? data
    : [...data, { value: value.value, label: t('admin.macros.unknown') }];
  return (
    <NativeSelect
      label={t('admin.macros.value')}
      value={value.value}
      onChange={(event) => onChange({ ...value, value: event.currentTarget.value })}
      data={withCurrent}
    />
  );
}

function CustomFieldValue({
  value,
  onChange,
}: {
  value: Extract<ActionDraft, { type: 'set_custom_field' }>;
  onChange: (value: ActionDraft) => void;
}) {
  const { t } = useTranslation();
  const fields = useQuery(adminFieldsQuery);
  const active = (fields.data ?? []).filter((f) => !f.archived || f.key === value.key);
  const field = active.find((f) => f.key === value.key);
  return (
    <Group gap="xs" align="flex-start" grow>
      <NativeSelect
        label={t('admin.macros.field')}
        value={value.key}
        onChange={(event) => onChange({ ...value, key: event.currentTarget.value, value: null })}
        data={[{ value: '', label: t('admin.macros.chooseField') }, ...active.map((f) => ({ value: f.key, label: f.label }))]}
      />
      {field ? <CustomFieldInput field={field} value={value.value} onChange={(next) => onChange({ ...value, value: next })} /> : null}
    </Group>
  );
}
