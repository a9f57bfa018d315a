import { Box, Paper, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A proportional bar: decoration only, the number beside it carries the value. */
export function Bar({ value, max, color = 'blue' }: { value: number; max: number; color?: string }) {
  const width = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0;
  return (
    <Box h={8} w={120} bg="var(--mantine-color-default-border)" style={{ borderRadius: 4 }} aria-hidden>
      <Box h={8} w={`${width}%`} bg={`var(--mantine-color-${color}-6)`} style={{ borderRadius: 4 }} />
    </Box>
  );
}

export function Stat({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** A titled card; an empty one says so instead of showing an empty table. */
export function Section({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {empty ? (
        <Text c="dimmed">{t('assistantInsights.noData')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>{children}</Table.ScrollContainer>
      )}
    </Paper>
  );
}

export const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—');
