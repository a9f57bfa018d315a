import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import type { View } from '../../api/types';
import { workspaceApi } from '../../api/workspace.api';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { configKeys } from '../tickets/ticketQueries';
import { BUILTIN_VIEWS, type BuiltinViewKey } from './builtinViews';

export interface InboxView {
  key: string;
  name: string;
  group: 'builtin' | 'shared' | 'personal';
  view?: View;
}

/** A route that is not deployed yet (404) means "no saved views", not an error to show. */
const missingIsEmpty = (error: unknown) => isApiError(error) && error.status === 404;

/** Built-in views, then shared and personal saved views, with live counts where the server has them. */
export function useInboxViews() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const saved = useQuery({ queryKey: configKeys.views, queryFn: ({ signal }) => workspaceApi.views(signal), staleTime: 60_000 });
  const counts = useQuery({ queryKey: configKeys.viewCounts, queryFn: ({ signal }) => workspaceApi.viewCounts(signal), staleTime: 30_000 });

  const builtinName: Record<BuiltinViewKey, string> = {
    mine: t('inbox.views.mine'),
    unassigned: t('inbox.views.unassigned'),
    all: t('inbox.views.all'),
  };
  const views: InboxView[] = BUILTIN_VIEWS.map((view) => ({ key: view.key, name: builtinName[view.key], group: 'builtin' }));
  const sorted = [...(saved.data ?? [])].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  for (const view of sorted) {
    views.push({ key: view.id, name: view.name, group: view.shared ? 'shared' : 'personal', view });
  }
  // A personal view of someone else never reaches us; the check guards against a server slip.
  const visible = views.filter((view) => view.group !== 'personal' || view.view?.ownerId === me.id);

  return {
    views: visible,
    counts: counts.data ?? {},
    isLoading: saved.isPending,
    error: saved.isError && !missingIsEmpty(saved.error) ? saved.error : null,
    retry: () => void saved.refetch(),
  };
}
