import { Checkbox, NativeSelect, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { AdminPage } from '../admin/ui/AdminPage';
import { QueryState } from '../admin/ui/QueryState';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { type InsightsRange, insightsApi, insightsKeys } from './insightsApi';
import { ReportSection } from './ReportSection';
import { UnansweredSection } from './UnansweredSection';
import { VotesSection } from './VotesSection';

const RANGES = [7, 30, 90] as const;
const LOCALES = ['', 'en', 'zh-CN'] as const;

function rangeOf(days: number): InsightsRange {
  const to = new Date();
  return { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
}

/** What the chat assistant did and what it could not answer: report, votes, unanswered questions → drafts. */
export function AssistantInsightsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [days, setDays] = useState<number>(30);
  const [locale, setLocale] = useState<string>('');
  const [showDismissed, setShowDismissed] = useState(false);
  // Fixed per choice, so the lists and the cluster actions use the same window.
  const range = useMemo(() => rangeOf(days), [days]);
  const allowed = user.permissions.includes('report.read');
  const report = useQuery({
    queryKey: insightsKeys.report(range),
    queryFn: ({ signal }) => insightsApi.report(range, signal),
    enabled: allowed,
  });
  const votes = useQuery({
    queryKey: insightsKeys.votes(range),
    queryFn: ({ signal }) => insightsApi.votes(range, signal),
    enabled: allowed,
  });
  const unanswered = useQuery({
    queryKey: insightsKeys.unanswered(range, locale, showDismissed),
    queryFn: ({ signal }) => insightsApi.unanswered({ ...range, locale: locale || undefined, includeDismissed: showDismissed }, signal),
    enabled: allowed,
  });
  if (!allowed) return <ErrorState title={t('assistantInsights.noAccess.title')} message={t('assistantInsights.noAccess.message')} />;
  const canWrite = user.permissions.includes('kb.write');
  return (
    <AdminPage
      title={t('assistantInsights.title')}
      description={t('assistantInsights.description')}
      actions={
        <NativeSelect
          aria-label={t('assistantInsights.range')}
          value={String(days)}
          onChange={(e) => setDays(Number(e.currentTarget.value))}
          data={RANGES.map((d) => ({ value: String(d), label: t('assistantInsights.lastDays', { count: d }) }))}
        />
      }
    >
      <QueryState query={report}>{(data) => <ReportSection report={data} />}</QueryState>
      <Stack gap="xs">
        <NativeSelect
          label={t('assistantInsights.unanswered.locale')}
          w={220}
          value={locale}
          onChange={(e) => setLocale(e.currentTarget.value)}
          data={LOCALES.map((l) => ({ value: l, label: l ? l : t('assistantInsights.unanswered.allLocales') }))}
        />
        <Checkbox
          label={t('assistantInsights.unanswered.showDismissed')}
          checked={showDismissed}
          onChange={(e) => setShowDismissed(e.currentTarget.checked)}
        />
      </Stack>
      <QueryState query={unanswered}>
        {(data) => (
          <UnansweredSection
            data={data}
            filters={{ ...range, locale: locale === 'en' || locale === 'zh-CN' ? locale : undefined }}
            canWrite={canWrite}
          />
        )}
      </QueryState>
      <QueryState query={votes}>{(data) => <VotesSection votes={data} />}</QueryState>
    </AdminPage>
  );
}
