import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KbArticle, kbApi } from '../../api/kb.api';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../admin/ui/QueryState';
import { kbKeys } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';
import { usePersonName } from './usePeople';

const DECISION_COLORS = { submitted: 'blue', approved: 'green', changes_requested: 'orange', comment: 'gray' } as const;

/** Submissions, approvals, change requests and comments, oldest first, and a box to comment. */
export function ReviewHistory({ article }: { article: KbArticle }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = usePersonName();
  const reviews = useQuery({
    queryKey: kbKeys.reviews(article.id),
    queryFn: ({ signal }) => kbApi.reviews(article.id, signal).then((r) => r.items),
  });
  return (
    <Stack gap="md">
      <QueryState query={reviews} empty={t('kb.reviews.empty')}>
        {(items) => (
          <Stack component="ol" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('kb.tabs.reviews')}>
            {items.map((review) => (
              <Paper
                component="li"
                key={review.id}
                withBorder
                radius="md"
                p="sm"
                style={{ borderLeft: `4px solid var(--mantine-color-${DECISION_COLORS[review.decision]}-6)` }}
              >
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={600}>
                    {t(`kb.reviews.decision.${review.decision}`, { name: name(review.reviewerId), version: review.version })}
                  </Text>
                  <Text size="xs" c="dimmed" component="time" dateTime={review.createdAt}>
                    {format.dateTime(review.createdAt)}
                  </Text>
                </Group>
                {review.comment ? (
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    {review.comment}
                  </Text>
                ) : null}
              </Paper>
            ))}
          </Stack>
        )}
      </QueryState>
      {article.actions.includes('comment') ? <CommentBox articleId={article.id} /> : null}
    </Stack>
  );
}

function CommentBox({ articleId }: { articleId: string }) {
  const { t } = useTranslation();
  const errorText = useKbErrorText();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => kbApi.comment(articleId, text.trim()),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: kbKeys.reviews(articleId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) send.mutate();
  };
  return (
    <Stack component="form" gap="xs" onSubmit={submit}>
      {send.error ? <FormAlert>{errorText.describe(send.error)}</FormAlert> : null}
      <Textarea
        label={t('kb.reviews.comment')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={5000}
      />
      <Group justify="flex-end">
        <Button type="submit" size="sm" variant="default" loading={send.isPending} disabled={!text.trim()}>
          {t('kb.reviews.addComment')}
        </Button>
      </Group>
    </Stack>
  );
}
