import { Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, Typography } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KbArticle, type KbVersionSummary, kbApi } from '../../api/kb.api';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../admin/ui/QueryState';
import { DiffView } from './DiffView';
import { kbKeys } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';
import { usePersonName } from './usePeople';

/** Two versions to compare; `to` undefined = the current one. */
export interface DiffRange {
  from: number;
  to: number | undefined;
}

interface VersionsPanelProps {
  article: KbArticle;
  range: DiffRange | null;
  onRange: (range: DiffRange | null) => void;
  onRestored: (article: KbArticle) => void;
}

/** Every saved version: view one, compare two, restore an old one. */
export function VersionsPanel({ article, range, onRange, onRestored }: VersionsPanelProps) {
  const { t } = useTranslation();
  const versions = useQuery({
    queryKey: kbKeys.versions(article.id),
    queryFn: ({ signal }) => kbApi.versions(article.id, signal).then((r) => r.items),
  });
  const [viewing, setViewing] = useState<number | null>(null);
  return (
    <Stack gap="md">
      <QueryState query={versions} empty={t('kb.versions.empty')}>
        {(items) => (
          <>
            <VersionTable
              article={article}
              items={items}
              onView={setViewing}
              onCompare={(v) => onRange({ from: v, to: undefined })}
              onRestored={onRestored}
            />
            <ComparePicker items={items} range={range} onRange={onRange} />
          </>
        )}
      </QueryState>
      {range ? <DiffSection articleId={article.id} range={range} /> : null}
      <VersionModal articleId={article.id} version={viewing} onClose={() => setViewing(null)} />
    </Stack>
  );
}

interface VersionTableProps {
  article: KbArticle;
  items: KbVersionSummary[];
  onView: (version: number) => void;
  onCompare: (version: number) => void;
  onRestored: (article: KbArticle) => void;
}

function VersionTable({ article, items, onView, onCompare, onRestored }: VersionTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = usePersonName();
  const errorText = useKbErrorText();
  const restore = useMutation({
    mutationFn: (version: number) => kbApi.restore(article.id, version, article.version),
    onSuccess: onRestored,
  });
  const canRestore = article.actions.includes('edit');
  return (
    <Stack gap="xs">
      {restore.error ? <FormAlert>{errorText.describe(restore.error)}</FormAlert> : null}
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={t('kb.tabs.versions')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('kb.versions.version')}</Table.Th>
              <Table.Th>{t('kb.versions.saved')}</Table.Th>
              <Table.Th>{t('kb.versions.note')}</Table.Th>
              <Table.Th>
                <Text span size="sm" fw={700}>
                  {t('kb.versions.actions')}
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{t('kb.editor.version', { version: v.version })}</Text>
                    {v.published ? (
                      <Badge size="xs" color="green" variant="light">
                        {t('kb.versions.published')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{name(v.authorId)}</Text>
                  <Text size="xs" c="dimmed">
                    {format.dateTime(v.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{v.note ?? ''}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => onView(v.version)}
                      aria-label={t('kb.versions.viewN', { version: v.version })}
                    >
                      {t('kb.versions.view')}
                    </Button>
                    {v.version !== article.version ? (
                      <>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => onCompare(v.version)}
                          aria-label={t('kb.versions.compareN', { version: v.version })}
                        >
                          {t('kb.versions.compare')}
                        </Button>
                        {canRestore ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            loading={restore.isPending && restore.variables === v.version}
                            onClick={() => restore.mutate(v.version)}
                            aria-label={t('kb.versions.restoreN', { version: v.version })}
                          >
                            {t('kb.versions.restore')}
                          </Button>
                        ) : null}
                      </>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ComparePicker({
  items,
  range,
  onRange,
}: {
  items: KbVersionSummary[];
  range: DiffRange | null;
  onRange: (range: DiffRange) => void;
}) {
  const { t } = useTranslation();
  if (items.length < 2) return null;
  const newest = items[0]?.version ?? 1;
  const options = items.map((v) => ({ value: String(v.version), label: t('kb.editor.version', { version: v.version }) }));
  const from = range?.from ?? items[1]?.version ?? 1;
  const to = range?.to ?? newest;
  return (
    <Group gap="sm" align="flex-end">
      <NativeSelect
        label={t('kb.versions.from')}
        data={options}
        value={String(from)}
        onChange={(e) => onRange({ from: Number(e.currentTarget.value), to })}
      />
      <NativeSelect
        label={t('kb.versions.to')}
        data={options}
        value={String(to)}
        onChange={(e) => onRange({ from, to: Number(e.currentTarget.value) })}
      />
      {range ? null : (
        <Button variant="default" onClick={() => onRange({ from, to })}>
          {t('kb.versions.showDiff')}
        </Button>
      )}
    </Group>
  );
}

function DiffSection({ articleId, range }: { articleId: string; range: DiffRange }) {
  const { t } = useTranslation();
  const diff = useQuery({
    queryKey: kbKeys.diff(articleId, range.from, range.to),
    queryFn: ({ signal }) => kbApi.diff(articleId, range.from, range.to, signal),
  });
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('kb.diff.title')}</Text>
      <QueryState query={diff}>{(data) => <DiffView diff={data} />}</QueryState>
    </Stack>
  );
}

function VersionModal({ articleId, version, onClose }: { articleId: string; version: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: kbKeys.version(articleId, version ?? 0),
    queryFn: ({ signal }) => kbApi.version(articleId, version ?? 0, signal),
    enabled: version !== null,
  });
  return (
    <Modal opened={version !== null} onClose={onClose} size="xl" title={t('kb.versions.viewN', { version: version ?? 0 })}>
      {version !== null ? (
        <QueryState query={query}>
          {(v) => (
            <Paper p="xs">
              <Text fw={700} size="lg" mb="sm">
                {v.title}
              </Text>
              <Typography>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: bodies are sanitized by the server before they are stored */}
                <div dangerouslySetInnerHTML={{ __html: v.bodyHtml }} />
              </Typography>
            </Paper>
          )}
        </QueryState>
      ) : null}
    </Modal>
  );
}
