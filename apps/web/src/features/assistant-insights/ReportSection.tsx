import { Group, SimpleGrid, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Bar, percent, Section, Stat } from './InsightsParts';
import type { BotReport } from './insightsApi';

/** Built-in handoff reasons (no rule fired) have labels; rule names are shown as written. */
const BUILTIN_REASONS = ['human_request', 'frustration', 'negative_sentiment', 'failed_turns', 'flow', 'other'] as const;

/** Bot conversations: the cards, why chats were handed off, what was answered most, and per day. */
export function ReportSection({ report }: { report: BotReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const total = report.conversations;
  const votes = report.votes.helpful + report.votes.notHelpful;
  const reason = (r: string) =>
    (BUILTIN_REASONS as readonly string[]).includes(r) ? t(`assistantInsights.reasons.${r as (typeof BUILTIN_REASONS)[number]}`) : r;
  const maxDay = Math.max(0, ...report.days.map((d) => d.conversations));
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        <Stat label={t('assistantInsights.report.conversations')} value={format.number(total)} />
        <Stat
          label={t('assistantInsights.report.resolved')}
          value={format.number(report.resolvedByBot)}
          hint={percent(report.resolvedByBot, total)}
        />
        <Stat
          label={t('assistantInsights.report.handedOff')}
          value={format.number(report.handedOff)}
          hint={percent(report.handedOff, total)}
        />
        <Stat
          label={t('assistantInsights.report.unanswered')}
          value={format.number(report.unanswered)}
          hint={t('assistantInsights.report.unansweredQuestions', { count: report.unansweredQuestions })}
        />
        <Stat
          label={t('assistantInsights.report.helpfulVotes')}
          value={percent(report.votes.helpful, votes)}
          hint={t('assistantInsights.report.votesHint', { helpful: report.votes.helpful, total: votes })}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('assistantInsights.report.handoffReasons')} empty={report.handoffReasons.length === 0}>
          <Table aria-label={t('assistantInsights.report.handoffReasons')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assistantInsights.report.reason')}</Table.Th>
                <Table.Th>{t('assistantInsights.report.count')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.handoffReasons.map((r) => (
                <Table.Tr key={r.reason}>
                  <Table.Td>{reason(r.reason)}</Table.Td>
                  <Table.Td>{format.number(r.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section title={t('assistantInsights.report.topIntents')} empty={report.topIntents.length === 0}>
          <Table aria-label={t('assistantInsights.report.topIntents')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assistantInsights.report.intent')}</Table.Th>
                <Table.Th>{t('assistantInsights.report.kind')}</Table.Th>
                <Table.Th>{t('assistantInsights.report.count')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.topIntents.map((i) => (
                <Table.Tr key={`${i.kind}:${i.name}`}>
                  <Table.Td>{i.name}</Table.Td>
                  <Table.Td>{t(`assistantInsights.kinds.${i.kind}`)}</Table.Td>
                  <Table.Td>{format.number(i.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </SimpleGrid>
      <Section title={t('assistantInsights.report.perDay')} empty={report.days.length === 0}>
        <Table aria-label={t('assistantInsights.report.perDay')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assistantInsights.report.day')}</Table.Th>
              <Table.Th>{t('assistantInsights.report.conversations')}</Table.Th>
              <Table.Th>{t('assistantInsights.report.resolved')}</Table.Th>
              <Table.Th>{t('assistantInsights.report.handedOff')}</Table.Th>
              <Table.Th>{t('assistantInsights.report.unanswered')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.days.map((d) => (
              <Table.Tr key={d.day}>
                <Table.Td>{d.day}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Bar value={d.conversations} max={maxDay} />
                    {format.number(d.conversations)}
                  </Group>
                </Table.Td>
                <Table.Td>{format.number(d.resolved)}</Table.Td>
                <Table.Td>{format.number(d.handedOff)}</Table.Td>
                <Table.Td>{format.number(d.unanswered)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
    </Stack>
  );
}
