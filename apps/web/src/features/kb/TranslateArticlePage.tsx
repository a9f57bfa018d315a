import { Anchor, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { LOCALES } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type CreateKbTranslationBody, kbApi } from '../../api/kb.api';
import { kbArticlePath } from '../../app/paths';
import { ErrorState } from '../../components/ErrorState';
import { usePageTitle } from '../../components/usePageTitle';
import { ArticleForm, type ArticleValues } from './ArticleForm';
import { valuesFrom } from './articleValues';
import { articleQuery, articleSaved, localeName } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';

function translationBody(v: ArticleValues): CreateKbTranslationBody {
  return {
    locale: v.locale as CreateKbTranslationBody['locale'],
    title: v.title.trim(),
    bodyHtml: v.bodyHtml,
    bodyText: v.bodyText,
    description: v.description.trim() || null,
    ...(v.slug.trim() ? { slug: v.slug.trim() } : {}),
  };
}

/** A new translation: the editor starts from the source's text, to be translated in place. */
export function TranslateArticlePage() {
  const { t } = useTranslation();
  const errorText = useKbErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const params = useParams();
  const sourceId = params.articleId ?? '';
  const locale = params.locale ?? '';
  const source = useQuery(articleQuery(sourceId));
  const language = localeName(locale);
  usePageTitle(t('kb.translate.title', { language }));
  const create = useMutation({
    mutationFn: (body: CreateKbTranslationBody) => kbApi.createTranslation(sourceId, body),
    onSuccess: (article) => {
      articleSaved(queryClient, article);
      void queryClient.invalidateQueries({ queryKey: articleQuery(sourceId).queryKey });
      void navigate(kbArticlePath(article.id), { replace: true });
    },
  });
  if (!(LOCALES as readonly string[]).includes(locale)) return <ErrorState title={t('kb.translate.unknownLocale')} message="" />;
  if (source.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (source.error || !source.data) {
    return (
      <ErrorState
        title={t('kb.editor.loadFailed')}
        message={errorText.describe(source.error)}
        onRetry={() => void source.refetch()}
        retryLabel={t('common.tryAgain')}
      />
    );
  }
  const initial: ArticleValues = { ...valuesFrom(source.data), locale, slug: '' };
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={kbArticlePath(sourceId)} size="sm">
        ← {source.data.title}
      </Anchor>
      <Title order={1} size="h2">
        {t('kb.translate.title', { language })}
      </Title>
      <Text c="dimmed">{t('kb.translate.hint', { source: localeName(source.data.locale), version: source.data.version })}</Text>
      <ArticleForm
        initial={initial}
        resetKey={`${sourceId}:${locale}`}
        mode="translate"
        saving={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(translationBody(v))}
      />
    </Stack>
  );
}
