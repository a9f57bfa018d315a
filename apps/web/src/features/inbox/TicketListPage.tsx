import { Button, Center, Group, Kbd, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { BulkUpdateResult } from '../../api/types';
import { ticketPath } from '../../app/paths';
import { ErrorState } from '../../components/ErrorState';
import { FormAlert } from '../../components/FormAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useErrorText } from '../../i18n/errorMessages';
import { useNow } from '../../i18n/format';
import { agentsQuery, configKeys, ticketKeys } from '../tickets/ticketQueries';
import { BulkActions } from './BulkActions';
import { DEFAULT_VIEW } from './builtinViews';
import { TicketTable } from './TicketTable';
import { useInboxViews } from './useInboxViews';
import { useListKeyboard } from './useListKeyboard';
import { useSelection } from './useSelection';
import { useTicketList } from './useTicketList';
import { ViewToolbar } from './ViewActions';

/** One view's tickets with search, keyboard navigation and bulk actions. */
export function TicketListPage() {
  const { t } = useTranslation();
  const viewKey = useParams().viewKey ?? DEFAULT_VIEW;
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const { views } = useInboxViews();
  const viewName = views.find((view) => view.key === viewKey)?.name ?? t('inbox.views.saved');
  usePageTitle(viewName);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          {viewName}
        </Title>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <ViewToolbar viewKey={viewKey} />
          <SearchBox key={q} initial={q} onSearch={(next) => setSearchParams(next ? { q: next } : {})} />
        </Group>
      </Group>
      <TicketListBody key={`${viewKey}|${q}`} viewKey={viewKey} q={q} viewName={viewName} />
    </Stack>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(value.trim());
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is still unknown to some supported browsers
    <form role="search" onSubmit={onSubmit}>
      <TextInput
        id="ticket-search"
        type="search"
        aria-label={t('inbox.search.label')}
        placeholder={t('inbox.search.placeholder')}
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        w={{ base: '100%', sm: 300 }}
      />
    </form>
  );
}

function TicketListBody({ viewKey, q, viewName }: { viewKey: string; q: string; viewName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow();
  const list = useTicketList(viewKey, q);
  const agents = useQuery(agentsQuery);
  const tableRef = useRef<HTMLTableElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [bulkResult, setBulkResult] = useState<BulkUpdateResult | null>(null);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const ids = useMemo(() => items.map((item) => item.id), [items]);
  const agentsById = useMemo(() => new Map((agents.data ?? []).map((agent) => [agent.id, agent])), [agents.data]);
  const selection = useSelection(ids);

  useListKeyboard({
    ids,
    activeId,
    onActivate: (id) => {
      setActiveId(id);
      tableRef.current?.querySelector<HTMLElement>(`[data-row-id="${id}"] a`)?.focus();
    },
    onOpen: (id) => void navigate(ticketPath(id)),
    onToggle: selection.toggle,
    onSearch: () => document.getElementById('ticket-search')?.focus(),
  });

  const onBulkDone = (result: BulkUpdateResult) => {
    setBulkResult(result);
    // What failed stays selected, ready for another try.
    selection.replace(result.failed.map((failure) => failure.id));
    void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    void queryClient.invalidateQueries({ queryKey: configKeys.viewCounts });
  };

  if (list.isPending || list.isError) return <ListStatus list={list} />;
  if (!items.length) {
    return (
      <Text c="dimmed" py="xl" ta="center">
        {q ? t('inbox.emptySearch', { q }) : t('inbox.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {bulkResult ? <BulkOutcome result={bulkResult} /> : null}
      {selection.selected.size ? (
        <BulkActions ids={[...selection.selected]} onDone={onBulkDone} onClear={() => selection.replace([])} />
      ) : null}
      <TicketTable
        ref={tableRef}
        label={viewName}
        items={items}
        activeId={activeId}
        selected={selection.selected}
        agents={agentsById}
        now={now}
        onActivate={setActiveId}
        onToggle={selection.toggle}
        onToggleAll={selection.toggleAll}
      />
      {list.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('inbox.loadMore')}
          </Button>
        </Group>
      ) : null}
      <KeyboardHint />
    </Stack>
  );
}

function ListStatus({ list }: { list: ReturnType<typeof useTicketList> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (list.isError) {
    return (
      <ErrorState
        title={t('inbox.loadFailed')}
        message={errorText.describe(list.error)}
        onRetry={() => void list.refetch()}
        retryLabel={t('common.tryAgain')}
      />
    );
  }
  return (
    <Center py="xl" role="status">
      <Loader aria-label={t('inbox.loading')} />
    </Center>
  );
}

function BulkOutcome({ result }: { result: BulkUpdateResult }) {
  const { t } = useTranslation();
  if (!result.failed.length) return <FormAlert color="green">{t('inbox.bulk.done', { count: result.updated.length })}</FormAlert>;
  return <FormAlert color="yellow">{t('inbox.bulk.partial', { updated: result.updated.length, failed: result.failed.length })}</FormAlert>;
}

function KeyboardHint() {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" visibleFrom="sm">
      <Kbd>j</Kbd> <Kbd>k</Kbd> {t('inbox.keys.move')} · <Kbd>Enter</Kbd> {t('inbox.keys.open')} · <Kbd>x</Kbd> {t('inbox.keys.select')} ·{' '}
      <Kbd>/</Kbd> {t('inbox.keys.search')}
    </Text>
  );
}
