import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { searchLocale } from './kbQueries';
import { useArticleSearch } from './useArticleSearch';

interface ArticleSuggestionsProps {
  /** What the customer has typed as the subject so far. */
  text: string;
  /** The customer's language (default: the UI's); other languages only when it has no match. */
  locale?: string | undefined;
}

/**
 * While a customer describes their problem, up to five help-center articles that may already
 * answer it, each opening in a new tab so the half-written ticket stays put.
 */
export function ArticleSuggestions({ text, locale }: ArticleSuggestionsProps) {
  const { t, i18n } = useTranslation();
  const search = useArticleSearch(text, {
    source: 'portal',
    locale: locale ?? searchLocale(i18n.resolvedLanguage),
    limit: 5,
    delayMs: 400,
  });
  if (!search.items.length) return null;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="kb-suggestions-title" bg="var(--mantine-color-blue-light)">
      <Stack gap={6}>
        <Text id="kb-suggestions-title" size="sm" fw={600}>
          {t('kb.suggestions.title')}
        </Text>
        <Stack component="ul" gap={4} m={0} pl="md">
          {search.items.map((hit) => (
            <li key={hit.id}>
              <Anchor href={hit.url} target="_blank" rel="noopener" size="sm" lang={hit.locale}>
                {hit.title}
                <Text span size="xs" c="dimmed">
                  {' '}
                  {t('kb.suggestions.newTab')}
                </Text>
              </Anchor>
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
