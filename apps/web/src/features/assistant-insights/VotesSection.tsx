import { Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { kbArticlePath } from '../../app/paths';
import { useFormat } from '../../i18n/format';
import { Bar, percent, Section } from './InsightsParts';
import type { AnswerVotes } from './insightsApi';

/** "Did this help?" per article and Q&A pair the assistant answered with. */
export function VotesSection({ votes }: { votes: AnswerVotes }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = t('assistantInsights.votes.title');
  return (
    <Section title={title} empty={votes.items.length === 0}>
      <Table aria-label={title} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assistantInsights.votes.answer')}</Table.Th>
            <Table.Th>{t('assistantInsights.report.kind')}</Table.Th>
            <Table.Th>{t('assistantInsights.votes.answers')}</Table.Th>
            <Table.Th>{t('assistantInsights.votes.helpful')}</Table.Th>
            <Table.Th>{t('assistantInsights.votes.notHelpful')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {votes.items.map((v) => {
            const name = v.title ?? t('assistantInsights.votes.deleted');
            return (
              <Table.Tr key={`${v.kind}:${v.id}`}>
                <Table.Td lang={v.locale}>
                  {v.kind === 'article' && v.title ? <Link to={kbArticlePath(v.id)}>{name}</Link> : name}{' '}
                  <Text span size="xs" c="dimmed">
                    ({v.locale})
                  </Text>
                </Table.Td>
                <Table.Td>{t(`assistantInsights.kinds.${v.kind}`)}</Table.Td>
                <Table.Td>{format.number(v.answers)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Bar value={v.helpful} max={v.helpful + v.notHelpful} color="green" />
                    {format.number(v.helpful)}{' '}
                    <Text span size="xs" c="dimmed">
                      ({percent(v.helpful, v.helpful + v.notHelpful)})
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>{format.number(v.notHelpful)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
