import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Skeleton, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { KB_VISIBILITIES } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbVisibility } from '../../api/kb.api';
import { FormAlert } from '../../components/FormAlert';
import { categoriesQuery, KB_LOCALES, localeName, sectionOptions } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';

// Tiptap loads with the editor, not with the article list.
const KbRichEditor = lazy(async () => ({ default: (await import('./KbRichEditor')).KbRichEditor }));

export interface ArticleValues {
  locale: string;
  title: string;
  bodyHtml: string;
  bodyText: string;
  description: string;
  slug: string;
  sectionId: string;
  tags: string[];
  visibility: KbVisibility;
  note: string;
  /** A translation: mark it as brought up to date with the source's current version. */
  syncSource: boolean;
}

export const FORM_FIELDS = ['title', 'bodyHtml', 'bodyText', 'description', 'slug', 'sectionId', 'tags', 'visibility', 'locale', 'note'];

interface ArticleFormProps {
  initial: ArticleValues;
  /** A new value reloads the form from `initial` (after a reload or a restore). */
  resetKey: string | number;
  /** create: locale is chosen; translate: locale fixed, no section/tags (they follow the source); edit: a note. */
  mode: 'create' | 'edit' | 'translate';
  saving: boolean;
  error: unknown;
  /** Shown above the fields, e.g. the conflict warning. */
  notice?: ReactNode;
  disabled?: boolean;
  /** Editing a translation: offer to mark it as up to date with its source. */
  syncable?: boolean;
  onSubmit: (values: ArticleValues) => void;
}

/** Title, rich body, description, section, tags, visibility and locale of one article. */
export function ArticleForm({ initial, resetKey, mode, saving, error, notice, disabled, syncable, onSubmit }: ArticleFormProps) {
  const { t, i18n } = useTranslation();
  const errorText = useKbErrorText();
  const categories = useQuery(categoriesQuery);
  const [values, setValues] = useState(initial);
  const [loadedKey, setLoadedKey] = useState(resetKey);
  const [titleMissing, setTitleMissing] = useState(false);
  if (loadedKey !== resetKey) {
    // Reset during render (not in an effect) so the fields never show stale text for a frame.
    setLoadedKey(resetKey);
    setValues(initial);
  }
  const set = (patch: Partial<ArticleValues>) => setValues((current) => ({ ...current, ...patch }));
  const fieldError = (name: string) => errorText.field(error, name);
  const formError = errorText.formError(error, FORM_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = !values.title.trim();
    setTitleMissing(missing);
    if (!missing) onSubmit(values);
  };
  const language = i18n.resolvedLanguage ?? 'en';

  return (
    <form onSubmit={submit} noValidate aria-label={t('kb.editor.formLabel')}>
      <Stack gap="md">
        {notice}
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {mode === 'create' ? (
            <NativeSelect
              label={t('kb.fields.locale')}
              value={values.locale}
              onChange={(e) => set({ locale: e.currentTarget.value })}
              data={KB_LOCALES.map((l) => ({ value: l, label: localeName(l) }))}
              error={fieldError('locale')}
            />
          ) : (
            <TextInput label={t('kb.fields.locale')} value={localeName(values.locale)} readOnly />
          )}
          {mode === 'translate' ? null : (
            <NativeSelect
              label={t('kb.fields.section')}
              value={values.sectionId}
              onChange={(e) => set({ sectionId: e.currentTarget.value })}
              data={[{ value: '', label: t('kb.fields.noSection') }, ...sectionOptions(categories.data ?? [], language)]}
              error={fieldError('sectionId')}
            />
          )}
        </SimpleGrid>
        <TextInput
          label={t('kb.fields.title')}
          value={values.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={titleMissing ? t('fieldErrors.required') : fieldError('title')}
          lang={values.locale}
          maxLength={300}
          required
        />
        <Suspense fallback={<Skeleton height={240} radius="sm" aria-label={t('kb.fields.body')} />}>
          <KbRichEditor
            label={t('kb.fields.body')}
            placeholder={t('kb.editor.bodyPlaceholder')}
            initialHtml={initial.bodyHtml}
            resetKey={resetKey}
            onChange={(body) => set({ bodyHtml: body.html, bodyText: body.text })}
            error={fieldError('bodyHtml') ?? fieldError('bodyText')}
          />
        </Suspense>
        <Textarea
          label={t('kb.fields.description')}
          description={t('kb.fields.descriptionHint')}
          value={values.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
          error={fieldError('description')}
          lang={values.locale}
          maxLength={500}
          autosize
          minRows={2}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('kb.fields.slug')}
            description={t('kb.fields.slugHint')}
            value={values.slug}
            onChange={(e) => set({ slug: e.currentTarget.value })}
            error={fieldError('slug')}
          />
          {mode === 'translate' ? null : (
            <NativeSelect
              label={t('kb.fields.visibility')}
              value={values.visibility}
              onChange={(e) => set({ visibility: e.currentTarget.value as KbVisibility })}
              data={KB_VISIBILITIES.map((v) => ({ value: v, label: t(`kb.visibility.${v}`) }))}
              error={fieldError('visibility')}
            />
          )}
        </SimpleGrid>
        {mode === 'translate' ? null : (
          <TagsInput
            label={t('kb.fields.tags')}
            value={values.tags}
            onChange={(tags) => set({ tags })}
            error={fieldError('tags')}
            maxTags={30}
            clearable
          />
        )}
        {mode === 'edit' ? (
          <TextInput
            label={t('kb.fields.note')}
            description={t('kb.fields.noteHint')}
            value={values.note}
            onChange={(e) => set({ note: e.currentTarget.value })}
            maxLength={300}
          />
        ) : null}
        {mode === 'edit' && syncable ? (
          <Checkbox
            label={t('kb.fields.syncSource')}
            checked={values.syncSource}
            onChange={(e) => set({ syncSource: e.currentTarget.checked })}
          />
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={saving} disabled={disabled}>
            {mode === 'edit' ? t('kb.editor.save') : mode === 'translate' ? t('kb.editor.createTranslation') : t('kb.editor.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
