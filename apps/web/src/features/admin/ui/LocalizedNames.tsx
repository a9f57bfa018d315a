import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface LocalizedNames {
  en: string;
  'zh-CN': string;
}

interface LocalizedNamesInputProps {
  label: string;
  value: LocalizedNames;
  onChange: (value: LocalizedNames) => void;
  errors: { en?: string | undefined; 'zh-CN'?: string | undefined };
  autoFocus?: boolean;
}

/** English (required, the fallback) and Simplified Chinese (optional) side by side. */
export function LocalizedNamesInput({ label, value, onChange, errors, autoFocus }: LocalizedNamesInputProps) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput
        label={t('admin.common.inEnglish', { label })}
        value={value.en}
        onChange={(event) => onChange({ ...value, en: event.currentTarget.value })}
        error={errors.en}
        required
        data-autofocus={autoFocus || undefined}
      />
      <TextInput
        label={t('admin.common.inChinese', { label })}
        lang="zh-CN"
        value={value['zh-CN']}
        onChange={(event) => onChange({ ...value, 'zh-CN': event.currentTarget.value })}
        error={errors['zh-CN']}
      />
    </SimpleGrid>
  );
}

/** What the API takes: Chinese only when given. */
export function namesBody(names: LocalizedNames): { en: string; 'zh-CN'?: string } {
  const zh = names['zh-CN'].trim();
  return zh ? { en: names.en.trim(), 'zh-CN': zh } : { en: names.en.trim() };
}

export function namesFrom(names: { en: string; 'zh-CN'?: string | undefined } | undefined): LocalizedNames {
  return { en: names?.en ?? '', 'zh-CN': names?.['zh-CN'] ?? '' };
}
