import { Button, Group, MultiSelect, NativeSelect, TagsInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { organizationsQuery, taxonomyQuery } from '../adminQueries';
import { CHANNELS, PRIORITIES } from '../ui/ticketValues';
import { CONDITION_FIELDS, type ConditionDraft, type ConditionField, type ConditionOp, opsFor, withField } from './ruleForm';

interface ConditionRowProps {
  n: number;
  value: ConditionDraft;
  onChange: (value: ConditionDraft) => void;
  onRemove: () => void;
  error?: string | undefined;
}

/** One "field — comparison — values" line of a routing rule. */
export function ConditionRow({ n, value, onChange, onRemove, error }: ConditionRowProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-start" wrap="wrap" role="group" aria-label={t('admin.routing.conditionN', { n })}>
      <NativeSelect
        label={t('admin.routing.field')}
        value={value.field}
        onChange={(event) => onChange(withField(value, event.currentTarget.value as ConditionField))}
        data={CONDITION_FIELDS.map((field) => ({ value: field, label: t(`admin.routing.fields.${field}`) }))}
        w={160}
      />
      <NativeSelect
        label={t('admin.routing.op')}
        value={value.op}
        onChange={(event) => onChange({ ...value, op: event.currentTarget.value as ConditionOp })}
        data={opsFor(value.field).map((op) => ({ value: op, label: t(`admin.routing.ops.${op}`) }))}
        w={150}
      />
      <ValuesInput value={value} onChange={(values) => onChange({ ...value, values })} error={error} />
      <Button mt={24} variant="subtle" color="red" aria-label={t('admin.routing.removeCondition', { n })} onClick={onRemove}>
        {t('admin.common.remove')}
      </Button>
    </Group>
  );
}

function ValuesInput({
  value,
  onChange,
  error,
}: {
  value: ConditionDraft;
  onChange: (values: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const categories = useQuery({ ...taxonomyQuery('category'), enabled: value.field === 'categoryId' });
  const organizations = useQuery({ ...organizationsQuery, enabled: value.field === 'organizationId' });
  const common = { label: t('admin.routing.values'), value: value.values, onChange, error, flex: 1, miw: 220 };
  const choices: Partial<Record<ConditionField, { value: string; label: string }[]>> = {
    channel: CHANNELS.map((c) => ({ value: c, label: t(`admin.channels.${c}`) })),
    priority: PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) })),
    categoryId: (categories.data ?? [])
      .filter((c) => !c.archived || value.values.includes(c.id))
      .map((c) => ({ value: c.id, label: c.name })),
    organizationId: (organizations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
  };
  const data = choices[value.field];
  if (data) return <MultiSelect {...common} data={data} searchable />;
  return (
    <TagsInput
      {...common}
      description={value.field === 'language' ? t('admin.routing.languageHint') : t('admin.routing.tagsHint')}
      splitChars={[',', ' ']}
    />
  );
}
