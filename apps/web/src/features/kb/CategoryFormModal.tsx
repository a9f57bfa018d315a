import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { KB_VISIBILITIES } from '@switchboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KbCategory, type KbVisibility, kbApi } from '../../api/kb.api';
import { FormAlert } from '../../components/FormAlert';
import { LocalizedNamesInput, namesBody, namesFrom } from '../admin/ui/LocalizedNames';
import { type CategoryDescriptions, descriptionsFrom, KB_DESCRIPTION_MAX } from './categoryDescriptions';
import { kbKeys } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';

interface CategoryFormModalProps {
  /** null: a new category or section. */
  entry: KbCategory | null;
  /** A new section's category; null for a top-level category. */
  parentId: string | null;
  nextPosition: number;
  onClose: () => void;
}

/** Create or rename (per language) a category or section, and set who may see it. */
export function CategoryFormModal({ entry, parentId, nextPosition, onClose }: CategoryFormModalProps) {
  const { t } = useTranslation();
  const errorText = useKbErrorText();
  const queryClient = useQueryClient();
  const [names, setNames] = useState(namesFrom(entry?.names as { en: string; 'zh-CN'?: string } | undefined));
  const [descriptions, setDescriptions] = useState(descriptionsFrom(entry?.descriptions));
  const [visibility, setVisibility] = useState<KbVisibility>(entry?.visibility ?? 'public');
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      entry
        ? kbApi.updateCategory(entry.id, { names: namesBody(names), descriptions, visibility })
        : kbApi.createCategory({ parentId, names: namesBody(names), descriptions, visibility, position: nextPosition }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: kbKeys.categories });
      onClose();
    },
  });
  const isSection = (entry?.parentId ?? parentId) !== null;
  const kind = isSection ? 'section' : 'category';
  const title = entry ? t(`kb.categories.${kind}EditTitle`) : t(`kb.categories.${kind}CreateTitle`);
  const nameError = missing
    ? t('fieldErrors.required')
    : (errorText.field(save.error, 'names') ?? (save.error && errorText.field(save.error, 'slug')));
  const formError = errorText.formError(save.error, ['names', 'slug', 'visibility']);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!names.en.trim());
    if (names.en.trim()) save.mutate();
  };
  return (
    <Modal opened onClose={onClose} size="lg" title={title}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <LocalizedNamesInput
            label={t('kb.categories.name')}
            value={names}
            onChange={setNames}
            errors={{ en: nameError || undefined }}
            autoFocus
          />
          <DescriptionsInput value={descriptions} onChange={setDescriptions} />
          <NativeSelect
            label={t('kb.fields.visibility')}
            description={t('kb.categories.visibilityHint')}
            value={visibility}
            onChange={(e) => setVisibility(e.currentTarget.value as KbVisibility)}
            data={KB_VISIBILITIES.map((v) => ({ value: v, label: t(`kb.visibility.${v}`) }))}
            error={errorText.field(save.error, 'visibility')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('kb.editor.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The help center shows the description under the name; one per language, both optional (empty clears). */
function DescriptionsInput({ value, onChange }: { value: CategoryDescriptions; onChange: (value: CategoryDescriptions) => void }) {
  const { t } = useTranslation();
  const label = t('kbTools.categories.description');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Textarea
        label={t('admin.common.inEnglish', { label })}
        value={value.en}
        onChange={(event) => onChange({ ...value, en: event.currentTarget.value })}
        maxLength={KB_DESCRIPTION_MAX}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('admin.common.inChinese', { label })}
        lang="zh-CN"
        value={value['zh-CN']}
        onChange={(event) => onChange({ ...value, 'zh-CN': event.currentTarget.value })}
        maxLength={KB_DESCRIPTION_MAX}
        autosize
        minRows={2}
      />
    </SimpleGrid>
  );
}
