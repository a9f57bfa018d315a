import { Anchor, Badge, Button, Center, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { type KbArticle, kbApi } from '../../api/kb.api';
import { kbArticlePath, paths } from '../../app/paths';
import { ErrorState } from '../../components/ErrorState';
import { FormAlert } from '../../components/FormAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormat } from '../../i18n/format';
import { isLanguageCode } from '../../i18n/languages';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { ArticleForm } from './ArticleForm';
import { hasPermission } from './access';
import { createBody, emptyValues, updateBody, valuesFrom } from './articleValues';
import { StatusBadge, VisibilityBadge } from './KbBadges';
import { articleQuery, articleSaved, localeName } from './kbQueries';
import { ReviewHistory } from './ReviewHistory';
import { TranslationsPanel } from './TranslationsPanel';
import { useKbErrorText } from './useKbErrorText';
import { type DiffRange, VersionsPanel } from './VersionsPanel';
import { WorkflowActions } from './WorkflowActions';

/** A new article: once created, the editor of the new draft opens. */
export function NewArticlePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle(t('kb.editor.newTitle'));
  const language = i18n.resolvedLanguage ?? 'en';
  // `?title=` starts the article from a search nobody found an answer to (analytics).
  const [params] = useSearchParams();
  const [initial] = useState(() => ({
    ...emptyValues(isLanguageCode(language) ? language : 'en'),
    title: (params.get('title') ?? '').trim().slice(0, 300),
  }));
  const create = useMutation({
    mutationFn: kbApi.create,
    onSuccess: (article) => {
      articleSaved(queryClient, article);
      void navigate(kbArticlePath(article.id), { replace: true });
    },
  });
  return (
    <Stack gap="lg">
      <BackLink />
      <Title order={1} size="h2">
        {t('kb.editor.newTitle')}
      </Title>
      <ArticleForm
        initial={initial}
        resetKey="new"
        mode="create"
        saving={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(createBody(v))}
      />
    </Stack>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={paths.kb} size="sm">
      ← {t('kb.editor.back')}
    </Anchor>
  );
}

/** One article: its fields, workflow, versions, review history and translations. */
export function ArticleEditorPage() {
  const { t } = useTranslation();
  const errorText = useKbErrorText();
  const articleId = useParams().articleId ?? '';
  const article = useQuery(articleQuery(articleId));
  usePageTitle(article.data?.title ?? t('kb.editor.title'));
  if (article.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (article.error || !article.data) {
    return (
      <ErrorState
        title={t('kb.editor.loadFailed')}
        message={errorText.describe(article.error)}
        onRetry={() => void article.refetch()}
        retryLabel={t('common.tryAgain')}
      />
    );
  }
  return <ArticleWorkspace key={articleId} article={article.data} refetch={() => article.refetch().then((r) => r.data)} />;
}

function ArticleWorkspace({ article, refetch }: { article: KbArticle; refetch: () => Promise<KbArticle | undefined> }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  // ?compare=3-5 (from an outdated translation) opens the diff between those versions.
  const [diff, setDiff] = useState<DiffRange | null>(() => parseCompare(searchParams.get('compare')));
  const [tab, setTab] = useState<string | null>(diff ? 'versions' : 'edit');
  // The content the form was loaded from: the If-Match version, and what a save compares with.
  const [base, setBase] = useState(article);
  const [reloads, setReloads] = useState(0);
  const canWrite = hasPermission(user, 'kb.write') && article.actions.includes('edit');
  const save = useMutation({
    mutationFn: (body: Parameters<typeof kbApi.update>[2]) => kbApi.update(base.id, base.version, body),
    onSuccess: (saved) => {
      articleSaved(queryClient, saved);
      setBase(saved);
    },
  });
  const conflict = isApiError(save.error, 'kb_article.version_mismatch');
  const reload = async () => {
    const latest = await refetch();
    if (!latest) return;
    save.reset();
    setBase(latest);
    setReloads((n) => n + 1);
  };
  const compare = async () => {
    const latest = await refetch();
    setDiff({ from: base.version, to: latest?.version });
    setTab('versions');
  };
  const loaded = (next: KbArticle) => {
    articleSaved(queryClient, next);
    // Workflow actions keep the content; a restore brings new content into the form.
    if (next.version !== base.version) setBase(next);
    else setBase((current) => ({ ...next, bodyHtml: current.bodyHtml, bodyText: current.bodyText }));
  };

  return (
    <Stack gap="lg">
      <BackLink />
      <ArticleHeader article={article} />
      <WorkflowActions article={article} onChanged={loaded} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="edit">{t('kb.tabs.edit')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('kb.tabs.versions')}</Tabs.Tab>
          <Tabs.Tab value="reviews">{t('kb.tabs.reviews')}</Tabs.Tab>
          <Tabs.Tab value="translations">{t('kb.tabs.translations')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="edit" pt="md">
          <ArticleForm
            initial={valuesFrom(base)}
            resetKey={`${base.id}:${base.version}:${reloads}`}
            mode="edit"
            saving={save.isPending}
            error={conflict ? null : save.error}
            disabled={!canWrite}
            syncable={article.sourceVersion !== null}
            notice={conflict ? <ConflictNotice onReload={() => void reload()} onCompare={() => void compare()} /> : null}
            onSubmit={(v) => save.mutate(updateBody(v, base))}
          />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <VersionsPanel
            article={article}
            range={diff}
            onRange={setDiff}
            onRestored={(next) => {
              loaded(next);
              setReloads((n) => n + 1);
              setTab('edit');
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="reviews" pt="md">
          <ReviewHistory article={article} />
        </Tabs.Panel>
        <Tabs.Panel value="translations" pt="md">
          <TranslationsPanel article={article} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** "3-5" → versions 3 to 5; "3-" → 3 to the current one. */
export function parseCompare(value: string | null): DiffRange | null {
  const m = value ? /^(\d+)-(\d*)$/.exec(value) : null;
  if (!m) return null;
  return { from: Number(m[1]), to: m[2] ? Number(m[2]) : undefined };
}

function ConflictNotice({ onReload, onCompare }: { onReload: () => void; onCompare: () => void }) {
  const { t } = useTranslation();
  return (
    <FormAlert color="yellow" title={t('kb.conflict.title')}>
      <Stack gap="xs" align="flex-start">
        {t('kb.conflict.body')}
        <Group gap="xs">
          <Button size="xs" color="yellow" autoContrast onClick={onReload}>
            {t('kb.conflict.reload')}
          </Button>
          <Button size="xs" variant="default" onClick={onCompare}>
            {t('kb.conflict.compare')}
          </Button>
        </Group>
      </Stack>
    </FormAlert>
  );
}

function ArticleHeader({ article }: { article: KbArticle }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={6}>
      <Title order={1} size="h2" lang={article.locale}>
        {article.title}
      </Title>
      <Group gap="xs" wrap="wrap">
        <StatusBadge status={article.status} />
        <VisibilityBadge visibility={article.effectiveVisibility} />
        <Badge variant="default">{localeName(article.locale)}</Badge>
        <Text size="sm" c="dimmed">
          {t('kb.editor.version', { version: article.version })}
          {article.publishedVersion !== null ? ` · ${t('kb.editor.publishedVersion', { version: article.publishedVersion })}` : ''}
        </Text>
      </Group>
      {article.hasUnpublishedChanges && article.publishedVersion !== null ? (
        <Text size="sm">{t('kb.editor.unpublishedChanges')}</Text>
      ) : null}
      {article.publishAt ? (
        <Text size="sm" role="status">
          {t('kb.editor.scheduledFor', { when: format.dateTime(article.publishAt) })}
        </Text>
      ) : null}
      <Text size="sm" c="dimmed">
        {article.reviewedAt ? t('kb.editor.reviewedAt', { when: format.dateTime(article.reviewedAt) }) : t('kb.editor.neverReviewed')}
      </Text>
    </Stack>
  );
}
