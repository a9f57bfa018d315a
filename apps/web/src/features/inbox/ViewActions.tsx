import { ActionIcon, Button, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMatch, useNavigate } from 'react-router';
import { viewsApi } from '../../api/tickets.api';
import type { View } from '../../api/types';
import { inboxViewPath, paths } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { builtinView, DEFAULT_VIEW } from './builtinViews';
import { useInboxViews } from './useInboxViews';
import { refreshViews, ViewEditor } from './ViewEditor';
import { canEditView, draftFrom, filtersFromParams } from './viewFilters';

type Open = 'edit' | 'delete' | null;

/** Edit and delete for a saved view the user may change; nothing for the others. */
export function ViewMenu({ view, size = 'sm' }: { view: View; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [open, setOpen] = useState<Open>(null);
  if (!canEditView(me, view)) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size={size} aria-label={t('views.actionsFor', { name: view.name })}>
            <span aria-hidden>⋯</span>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => setOpen('edit')}>{t('views.edit')}</Menu.Item>
          <Menu.Item color="red" onClick={() => setOpen('delete')}>
            {t('views.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {open === 'edit' ? <ViewEditor view={view} initial={draftFrom(view)} onClose={() => setOpen(null)} /> : null}
      {open === 'delete' ? <DeleteView view={view} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function DeleteView({ view, onClose }: { view: View; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const current = useMatch(`${paths.inbox}/view/:viewKey`)?.params.viewKey;
  const remove = useMutation({
    mutationFn: () => viewsApi.remove(view.id),
    onSuccess: () => {
      refreshViews(queryClient);
      onClose();
      // The list of a deleted view would only show an error.
      if (current === view.id) void navigate(inboxViewPath(DEFAULT_VIEW));
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('views.deleteTitle', { name: view.name })}>
      <Stack gap="md">
        <Text>{view.shared ? t('views.deleteSharedMessage') : t('views.deleteMessage')}</Text>
        {remove.error ? <FormAlert>{errorText.describe(remove.error)}</FormAlert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('views.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Above the ticket list: save what is on screen as a new view, and change the saved view shown. */
export function ViewToolbar({ viewKey }: { viewKey: string }) {
  const { t } = useTranslation();
  const { views } = useInboxViews();
  const [creating, setCreating] = useState(false);
  const builtin = builtinView(viewKey);
  const saved = views.find((view) => view.key === viewKey)?.view;
  // A saved view that has not loaded yet has no filters to start from.
  const source = builtin ? { filters: filtersFromParams(builtin.filters) } : saved ? { filters: saved.filters, sort: saved.sort } : null;
  if (!source) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Button variant="default" size="sm" onClick={() => setCreating(true)}>
        {t('views.saveAs')}
      </Button>
      {saved ? <ViewMenu view={saved} size="md" /> : null}
      {creating ? <ViewEditor initial={draftFrom(source)} onClose={() => setCreating(false)} /> : null}
    </Group>
  );
}
