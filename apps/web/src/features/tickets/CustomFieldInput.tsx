import { Checkbox, Group, NativeSelect, NumberInput, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerCustomField, CustomField, CustomFieldValue } from '../../api/types';

export type FieldDefinition = Pick<CustomField | CustomerCustomField, 'key' | 'type' | 'label' | 'labels' | 'options'>;

/** The label in the UI language, else English, else what the server computed. */
export function localizedLabel(
  labels: { en: string; 'zh-CN'?: string | undefined } | undefined,
  fallback: string,
  language: string,
): string {
  if (!labels) return fallback;
  return (language === 'zh-CN' ? labels['zh-CN'] : undefined) ?? labels.en ?? fallback;
}

interface CustomFieldInputProps {
  field: FieldDefinition;
  value: CustomFieldValue | undefined;
  onChange: (value: CustomFieldValue) => void;
  /** Text-like inputs report here when focus leaves (the side panel saves then). */
  onBlur?: () => void;
  error?: string | undefined;
  disabled?: boolean;
}

interface RenderProps extends Omit<CustomFieldInputProps, 'field'> {
  label: string;
  options: { value: string; label: string }[];
  noneLabel: string;
}

const text = (type: 'text' | 'date') => (p: RenderProps) => (
  <TextInput
    label={p.label}
    error={p.error}
    disabled={p.disabled}
    type={type}
    value={typeof p.value === 'string' ? p.value : ''}
    onChange={(event) => p.onChange(event.currentTarget.value || null)}
    onBlur={p.onBlur}
  />
);

/** One renderer per custom field type. */
const RENDERERS = {
  text: text('text'),
  date: text('date'),
  number: (p) => (
    <NumberInput
      label={p.label}
      error={p.error}
      disabled={p.disabled}
      value={typeof p.value === 'number' ? p.value : ''}
      onChange={(next) => p.onChange(typeof next === 'number' ? next : null)}
      onBlur={p.onBlur}
    />
  ),
  checkbox: (p) => (
    <Checkbox
      label={p.label}
      error={p.error}
      disabled={p.disabled}
      checked={p.value === true}
      onChange={(event) => p.onChange(event.currentTarget.checked)}
    />
  ),
  dropdown: (p) => (
    <NativeSelect
      label={p.label}
      error={p.error}
      disabled={p.disabled}
      data={[{ value: '', label: p.noneLabel }, ...p.options]}
      value={typeof p.value === 'string' ? p.value : ''}
      onChange={(event) => p.onChange(event.currentTarget.value || null)}
    />
  ),
  multi_select: (p) => (
    <Checkbox.Group
      label={p.label}
      error={p.error}
      value={Array.isArray(p.value) ? p.value : []}
      onChange={(next) => p.onChange(next.length ? next : null)}
    >
      <Group gap="sm" mt={4}>
        {p.options.map((option) => (
          <Checkbox key={option.value} value={option.value} label={option.label} disabled={p.disabled} />
        ))}
      </Group>
    </Checkbox.Group>
  ),
} satisfies Record<FieldDefinition['type'], (props: RenderProps) => ReactNode>;

/** One input per custom field type, labelled in the UI language. */
export function CustomFieldInput({ field, ...props }: CustomFieldInputProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const options = field.options.map((option) => ({ value: option.value, label: localizedLabel(option.labels, option.label, language) }));
  const render = RENDERERS[field.type] ?? RENDERERS.text;
  return render({ ...props, label: localizedLabel(field.labels, field.label, language), options, noneLabel: t('customFields.none') });
}
