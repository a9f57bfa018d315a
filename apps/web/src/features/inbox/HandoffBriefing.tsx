import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { AssistantHandoff } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../api/types';

const SENTIMENT_COLOR = { negative: 'red', neutral: 'gray', positive: 'teal' } as const;

/** The newest assistant handoff briefing among the ticket's messages (pinned notes only). */
export function latestHandoff(messages: readonly Message[]): { message: Message; handoff: AssistantHandoff } | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.pinned && m.assistantHandoff) return { message: m, handoff: m.assistantHandoff };
  }
  return null;
}

/**
 * Pinned above the conversation when the assistant handed the chat to people: why, what about,
 * how the customer feels and what they said, so the agent does not have to read the whole bot
 * transcript first. The full note (with the transcript) stays in the timeline.
 */
export function HandoffBriefing({ messages }: { messages: readonly Message[] }) {
  const { t } = useTranslation();
  const found = latestHandoff(messages);
  if (!found) return null;
  const { handoff: h } = found;
  const negative = Math.round(h.sentiment.negative * 100);
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="handoff-briefing-title">
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h5" id="handoff-briefing-title">
            {t('handoffBriefing.title')}
          </Title>
          <Badge variant="light" color={SENTIMENT_COLOR[h.sentiment.label]}>
            {t(`handoffBriefing.sentiment.${h.sentiment.label}`)}
          </Badge>
        </Group>
        <Text size="sm">{t('handoffBriefing.reason', { reason: h.reason })}</Text>
        <Group gap="lg" wrap="wrap">
          <Text size="sm">
            <Text span fw={600}>
              {t('handoffBriefing.intent')}
            </Text>{' '}
            {h.intent ?? t('handoffBriefing.unknownIntent')}
          </Text>
          <Text size="sm">
            <Text span fw={600}>
              {t('handoffBriefing.language')}
            </Text>{' '}
            {h.language} → {h.locale}
          </Text>
          <Text size="sm">
            <Text span fw={600}>
              {t('handoffBriefing.mood')}
            </Text>{' '}
            {t('handoffBriefing.moodValue', { negative, frustration: t(`handoffBriefing.frustration.${h.sentiment.frustration}`) })}
          </Text>
          {h.rule ? (
            <Text size="sm">
              <Text span fw={600}>
                {t('handoffBriefing.rule')}
              </Text>{' '}
              {h.rule}
            </Text>
          ) : null}
        </Group>
        <Text size="sm" fw={600}>
          {h.summarySource === 'model' ? t('handoffBriefing.summaryByModel') : t('handoffBriefing.summary')}
        </Text>
        {h.summary.length ? (
          <List size="sm" spacing={2}>
            {h.summary.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            {t('handoffBriefing.emptySummary')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('handoffBriefing.transcriptHint')}
        </Text>
      </Stack>
    </Card>
  );
}
