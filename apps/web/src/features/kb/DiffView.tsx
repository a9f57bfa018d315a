import { Box, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbDiff } from '../../api/kb.api';

type Part = KbDiff['title'][number];
type Line = KbDiff['body'][number];

const LINE_STYLES: Record<Part['kind'], { bg?: string; marker: string }> = {
  equal: { marker: ' ' },
  added: { bg: 'var(--mantine-color-green-light)', marker: '+' },
  removed: { bg: 'var(--mantine-color-red-light)', marker: '−' },
};

/** Word-level parts: additions as <ins>, removals as <del>, so the change reads without colour too. */
function Words({ parts }: { parts: readonly Part[] }) {
  return parts.map((part, index) => {
    const key = `${index}-${part.kind}`;
    if (part.kind === 'added') {
      return (
        <ins key={key} style={{ background: 'var(--mantine-color-green-light)', textDecoration: 'underline' }}>
          {part.text}
        </ins>
      );
    }
    if (part.kind === 'removed') {
      return (
        <del key={key} style={{ background: 'var(--mantine-color-red-light)' }}>
          {part.text}
        </del>
      );
    }
    return <Fragment key={key}>{part.text}</Fragment>;
  });
}

function DiffLine({ line }: { line: Line }) {
  const { t } = useTranslation();
  const style = LINE_STYLES[line.kind];
  return (
    <Group component="li" gap="xs" wrap="nowrap" align="flex-start" px="xs" py={2} bg={style.bg} data-kind={line.kind}>
      <Text component="span" ff="monospace" aria-hidden w={12}>
        {style.marker}
      </Text>
      {line.kind === 'equal' ? null : <VisuallyHidden>{t(`kb.diff.${line.kind}`)}</VisuallyHidden>}
      <Text component="span" size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {line.words?.length ? <Words parts={line.words} /> : line.text.replace(/\n$/, '')}
      </Text>
    </Group>
  );
}

/** What changed between two versions: the title by word, the body by line with word detail. */
export function DiffView({ diff }: { diff: KbDiff }) {
  const { t } = useTranslation();
  const changed = diff.body.some((l) => l.kind !== 'equal') || diff.title.some((p) => p.kind !== 'equal');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('kb.diff.label', { from: diff.from, to: diff.to })}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('kb.diff.summary', { from: diff.from, to: diff.to, added: diff.stats.addedWords, removed: diff.stats.removedWords })}
        </Text>
        <Text fw={600}>
          <Words parts={diff.title} />
        </Text>
        {changed ? null : <Text c="dimmed">{t('kb.diff.noChanges')}</Text>}
        <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {diff.body.map((line, index) => (
            // Lines have no identity of their own; their order is fixed for one diff.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <DiffLine key={index} line={line} />
          ))}
        </Box>
      </Stack>
    </Paper>
  );
}
