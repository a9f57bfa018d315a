import { Badge, Button, Group, Loader, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbSearchHit } from '../../api/kb.api';
import { articleLinkHtml, articleSnippetHtml } from './insertArticle';
import { localeName, searchLocale } from './kbQueries';
import { useArticleSearch } from './useArticleSearch';

interface InsertArticleMenuProps {
  /** Receives the HTML to put into the reply at the cursor. */
  onInsert: (html: string) => void;
  /** The ticket's language: its articles come first, others are marked as another language. */
  locale?: string | undefined;
  disabled?: boolean;
}

/** Search published articles and put a link or a short excerpt of one into the reply. */
export function InsertArticleMenu({ onInsert, locale, disabled }: InsertArticleMenuProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const search = useArticleSearch(text, { source: 'agent', locale: searchLocale(locale), limit: 8 });
  const insert = (html: string) => {
    onInsert(html);
    setOpened(false);
    setText('');
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={420} trapFocus withinPortal shadow="md">
      <Popover.Target>
        <Button variant="default" size="sm" disabled={disabled} onClick={() => setOpened((o) => !o)} aria-expanded={opened}>
          {t('kb.insert.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('kb.insert.title')}>
        <Stack gap="xs">
          <TextInput
            label={t('kb.insert.search')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            rightSection={search.isFetching ? <Loader size="xs" aria-label={t('app.loading')} /> : null}
            data-autofocus
            type="search"
          />
          <ScrollArea.Autosize mah={320}>
            <Results hits={search.items} enabled={search.enabled} loaded={search.isSuccess} onInsert={insert} />
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function Results({
  hits,
  enabled,
  loaded,
  onInsert,
}: {
  hits: KbSearchHit[];
  enabled: boolean;
  loaded: boolean;
  onInsert: (html: string) => void;
}) {
  const { t } = useTranslation();
  const origin = window.location.origin;
  if (!enabled)
    return (
      <Text size="sm" c="dimmed">
        {t('kb.insert.hint')}
      </Text>
    );
  if (!loaded) return null;
  if (!hits.length)
    return (
      <Text size="sm" c="dimmed" role="status">
        {t('kb.insert.none')}
      </Text>
    );
  return (
    <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('kb.insert.results')}>
      {hits.map((hit) => (
        <Stack component="li" key={hit.id} gap={4} p="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} lang={hit.locale} style={{ flex: 1 }}>
              {hit.title}
            </Text>
            {hit.fallback ? (
              <Badge size="xs" variant="outline">
                {localeName(hit.locale)}
              </Badge>
            ) : null}
          </Group>
          {/* The server escapes the snippet and only adds <mark> around matches. */}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped server-side, <mark> only */}
          <Text size="xs" c="dimmed" lang={hit.locale} dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
          <Group gap="xs">
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => onInsert(articleLinkHtml(hit, origin))}
              aria-label={t('kb.insert.linkNamed', { title: hit.title })}
            >
              {t('kb.insert.link')}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => onInsert(articleSnippetHtml(hit, origin))}
              aria-label={t('kb.insert.snippetNamed', { title: hit.title })}
            >
              {t('kb.insert.snippet')}
            </Button>
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}
