import { Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { emptyPreChatField, PRE_CHAT_KINDS, type PreChatDraft, type PreChatKind } from './channelForm';

interface PreChatFieldsEditorProps {
  fields: PreChatDraft[];
  onChange: (fields: PreChatDraft[]) => void;
  /** Error text by form path (`preChatFields.1.key`). */
  errorOf: (path: string) => string | undefined;
}

const MAX_FIELDS = 12;

/** The questions the widget asks before a chat starts: kind, key, labels, required and a pattern. */
export function PreChatFieldsEditor({ fields, onChange, errorOf }: PreChatFieldsEditorProps) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<PreChatDraft>) => onChange(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const kinds = PRE_CHAT_KINDS.map((kind) => ({ value: kind, label: t(`chat.admin.preChat.kinds.${kind}`) }));

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('chat.admin.preChat.hint')}
      </Text>
      {fields.map((field, index) => {
        const n = index + 1;
        return (
          // Fields have no id; the index is stable while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Paper key={index} withBorder radius="sm" p="sm" role="group" aria-label={t('chat.admin.preChat.fieldN', { n })}>
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                <NativeSelect
                  label={t('chat.admin.preChat.kind')}
                  data={kinds}
                  value={field.kind}
                  onChange={(e) => {
                    const kind = e.currentTarget.value as PreChatKind;
                    set(index, { kind, key: field.key || emptyPreChatField(kind).key });
                  }}
                />
                <TextInput
                  label={t('chat.admin.preChat.key')}
                  value={field.key}
                  onChange={(e) => set(index, { key: e.currentTarget.value })}
                  error={errorOf(`preChatFields.${index}.key`)}
                  required
                />
                <TextInput
                  label={t('chat.admin.preChat.pattern')}
                  placeholder="^[0-9]{6}$"
                  value={field.pattern}
                  onChange={(e) => set(index, { pattern: e.currentTarget.value })}
                  error={errorOf(`preChatFields.${index}.pattern`)}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <TextInput
                  label={t('admin.common.inEnglish', { label: t('chat.admin.preChat.label') })}
                  value={field.label.en}
                  onChange={(e) => set(index, { label: { ...field.label, en: e.currentTarget.value } })}
                  error={errorOf(`preChatFields.${index}.label`)}
                  required
                />
                <TextInput
                  label={t('admin.common.inChinese', { label: t('chat.admin.preChat.label') })}
                  lang="zh-CN"
                  value={field.label['zh-CN']}
                  onChange={(e) => set(index, { label: { ...field.label, 'zh-CN': e.currentTarget.value } })}
                />
              </SimpleGrid>
              <Group justify="space-between">
                <Checkbox
                  label={t('chat.admin.preChat.required')}
                  checked={field.required}
                  onChange={(e) => set(index, { required: e.currentTarget.checked })}
                />
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('chat.admin.preChat.removeN', { n })}
                  onClick={() => onChange(fields.filter((_, i) => i !== index))}
                >
                  {t('admin.common.remove')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        );
      })}
      {errorOf('preChatFields') ? (
        <Text size="sm" c="red" role="alert">
          {errorOf('preChatFields')}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="default"
          size="compact-sm"
          disabled={fields.length >= MAX_FIELDS}
          onClick={() => onChange([...fields, emptyPreChatField('text')])}
        >
          {t('chat.admin.preChat.add')}
        </Button>
      </Group>
    </Stack>
  );
}
