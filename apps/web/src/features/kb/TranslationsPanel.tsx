import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { KbArticle, KbTranslation } from '../../api/kb.api';
import { kbArticlePath } from '../../app/paths';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { hasPermission } from './access';
import { StatusBadge, TranslationBadges } from './KbBadges';
import { localeName } from './kbQueries';

/** Where to translate `locale` from the group's source. */
export function translatePath(groupId: string, locale: string): string {
  return `${kbArticlePath(groupId)}/translate/${encodeURIComponent(locale)}`;
}

/** The source's editor with the diff since the version a translation was made from. */
export function sourceDiffPath(groupId: string, from: number, to: number | null): string {
  return `${kbArticlePath(groupId)}?compare=${from}-${to ?? ''}`;
}

/** The group's locales: the source, translations up to date or outdated, and missing ones. */
export function TranslationsPanel({ article }: { article: KbArticle }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = hasPermission(user, 'kb.write');
  const source = article.translations.find((slot) => slot.state === 'source');
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={t('kb.tabs.translations')} verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('kb.fields.locale')}</Table.Th>
            <Table.Th>{t('kb.translation.state')}</Table.Th>
            <Table.Th>{t('kb.fields.title')}</Table.Th>
            <Table.Th>
              <Text span size="sm" fw={700}>
                {t('kb.versions.actions')}
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {article.translations.map((slot) => (
            <Table.Tr key={slot.locale}>
              <Table.Td lang={slot.locale}>{localeName(slot.locale)}</Table.Td>
              <Table.Td>
                <TranslationBadges translations={[slot]} />
              </Table.Td>
              <Table.Td>
                <SlotTitle slot={slot} currentId={article.id} />
              </Table.Td>
              <Table.Td>
                <SlotAction slot={slot} groupId={article.groupId} sourceVersion={source?.version ?? null} canWrite={canWrite} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SlotTitle({ slot, currentId }: { slot: KbTranslation; currentId: string }) {
  const { t } = useTranslation();
  if (!slot.articleId) return <Text c="dimmed">—</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      {slot.articleId === currentId ? (
        <Text lang={slot.locale}>
          {slot.title}{' '}
          <Badge size="xs" variant="default">
            {t('kb.translation.thisOne')}
          </Badge>
        </Text>
      ) : (
        <Anchor component={Link} to={kbArticlePath(slot.articleId)} lang={slot.locale}>
          {slot.title}
        </Anchor>
      )}
      {slot.status ? <StatusBadge status={slot.status} /> : null}
    </Group>
  );
}

function SlotAction({
  slot,
  groupId,
  sourceVersion,
  canWrite,
}: {
  slot: KbTranslation;
  groupId: string;
  sourceVersion: number | null;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const language = localeName(slot.locale);
  if (slot.state === 'missing') {
    return canWrite ? (
      <Button component={Link} to={translatePath(groupId, slot.locale)} size="compact-sm" variant="light">
        {t('kb.translation.add', { language })}
      </Button>
    ) : null;
  }
  if (slot.state === 'outdated' && slot.sourceVersion !== null) {
    return (
      <Anchor component={Link} to={sourceDiffPath(groupId, slot.sourceVersion, sourceVersion)} size="sm">
        {t('kb.translation.sourceChanges', { version: slot.sourceVersion })}
      </Anchor>
    );
  }
  return null;
}
