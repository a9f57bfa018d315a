import { Button, Group, Modal, NativeSelect, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { viewsApi } from '../../api/tickets.api';
import type { View } from '../../api/types';
import { inboxViewPath } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { useAdminFormErrors } from '../admin/ui/useAdminFormErrors';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { checkRequired } from '../auth/validation';
import { configKeys, ticketKeys } from '../tickets/ticketQueries';
import { ViewFilterFields } from './ViewFilterFields';
import { canShareViews, VIEW_SORTS, type ViewDraft, type ViewSort, viewBodyOf } from './viewFilters';

interface ViewEditorProps {
  /** The saved view being edited; without it a new view is created from `initial`. */
  view?: View;
  initial: ViewDraft;
  onClose: () => void;
}

/** After a view changes, the sidebar, its counts and any list showing it are stale. */
export function refreshViews(queryClient: ReturnType<typeof useQueryClient>) {
  void queryClient.invalidateQueries({ queryKey: configKeys.views });
  void queryClient.invalidateQueries({ queryKey: configKeys.viewCounts });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
}

/** Create or change a saved view: name, personal or shared, sort and filters. */
export function ViewEditor({ view, initial, onClose }: ViewEditorProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ViewDraft>(initial);
  const save = useMutation({
    mutationFn: () => (view ? viewsApi.update(view.id, viewBodyOf(draft)) : viewsApi.create(viewBodyOf(draft))),
    onSuccess: (saved) => {
      refreshViews(queryClient);
      onClose();
      if (!view) void navigate(inboxViewPath(saved.id));
    },
  });
  const errors = useAdminFormErrors<'name'>(save.error);
  const { pathError } = errors;
  // Stable callbacks keep the (memoized) filter fields from re-rendering on every keystroke in the name.
  const onFilters = useCallback((filters: ViewDraft['filters']) => setDraft((d) => ({ ...d, filters })), []);
  const onDays = useCallback((days: ViewDraft['days']) => setDraft((d) => ({ ...d, days })), []);
  const errorOf = useCallback((name: string) => pathError(`filters.${name}`), [pathError]);
  // Sharing is offered to those the server lets share; a shared view they may edit stays shared unless they say otherwise.
  const mayShare = canShareViews(me);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.validate({ name: checkRequired(draft.name) })) save.mutate();
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={view ? t('views.editTitle', { name: view.name }) : t('views.createTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('views.fields.name')}
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            error={errors.fieldError('name')}
            maxLength={80}
            required
            data-autofocus
          />
          {mayShare ? (
            <Switch
              label={t('views.fields.shared')}
              description={t('views.sharedHint')}
              checked={draft.shared}
              onChange={(event) => setDraft({ ...draft, shared: event.currentTarget.checked })}
            />
          ) : null}
          <NativeSelect
            label={t('views.fields.sort')}
            value={draft.sort}
            onChange={(event) => setDraft({ ...draft, sort: event.currentTarget.value as ViewSort })}
            data={VIEW_SORTS.map((value) => ({ value, label: t(`views.sorts.${value}`) }))}
            error={errors.pathError('sort')}
          />
          <ViewFilterFields filters={draft.filters} days={draft.days} onFilters={onFilters} onDays={onDays} errorOf={errorOf} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('views.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
