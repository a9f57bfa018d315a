import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface OptionDraft {
  value: string;
  en: string;
  zh: string;
}

interface OptionsEditorProps {
  value: OptionDraft[];
  onChange: (value: OptionDraft[]) => void;
  error?: string | undefined;
}

/** Choices of a dropdown or multi-select: the stored value plus its English and Chinese labels. */
export function OptionsEditor({ value, onChange, error }: OptionsEditorProps) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<OptionDraft>) => onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap="xs" role="group" aria-label={t('admin.fields.options')}>
      <Text size="sm" fw={500}>
        {t('admin.fields.options')}
      </Text>
      {value.map((row, index) => {
        const n = index + 1;
        return (
          // Options have no id until saved; the index is stable while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Group key={index} gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('admin.fields.optionValue', { n })}
              value={row.value}
              onChange={(event) => set(index, { value: event.currentTarget.value })}
              w={160}
            />
            <TextInput
              label={t('admin.fields.optionEn', { n })}
              value={row.en}
              onChange={(event) => set(index, { en: event.currentTarget.value })}
              w={180}
            />
            <TextInput
              label={t('admin.fields.optionZh', { n })}
              lang="zh-CN"
              value={row.zh}
              onChange={(event) => set(index, { zh: event.currentTarget.value })}
              w={160}
            />
            <Button
              variant="subtle"
              color="red"
              aria-label={t('admin.fields.removeOption', { n })}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              {t('admin.common.remove')}
            </Button>
          </Group>
        );
      })}
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button variant="default" size="compact-sm" onClick={() => onChange([...value, { value: '', en: '', zh: '' }])}>
          {t('admin.fields.addOption')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Options as the API takes them; blank rows are dropped and a missing label falls back to the value. */
export function optionsBody(rows: OptionDraft[]) {
  return rows
    .filter((row) => row.value.trim())
    .map((row) => {
      const value = row.value.trim();
      const en = row.en.trim() || value;
      const zh = row.zh.trim();
      return { value, labels: zh ? { en, 'zh-CN': zh } : { en } };
    });
}
