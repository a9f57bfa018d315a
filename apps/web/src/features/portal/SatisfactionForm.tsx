import { Button, Group, Paper, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketsApi } from '../../api/tickets.api';
import type { CustomerTicket } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { ticketKeys } from '../tickets/ticketQueries';

/** Rate a solved ticket once (1–5 and an optional comment); afterwards the rating is shown. */
export function SatisfactionForm({ ticket }: { ticket: CustomerTicket }) {
  const { t } = useTranslation();
  const legendId = useId();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [missingScore, setMissingScore] = useState(false);
  const rate = useMutation({
    mutationFn: () => ticketsApi.rate(ticket.id, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: (next) => queryClient.setQueryData(ticketKeys.detail(ticket.id), next),
  });

  if (ticket.satisfaction) {
    return (
      <Paper withBorder radius="md" p="md" role="status">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>{t('portal.rating.thanks')}</Text>
            <Rating value={ticket.satisfaction} readOnly aria-label={t('portal.rating.given', { score: ticket.satisfaction })} />
          </Group>
          {ticket.satisfactionComment ? (
            <Text size="sm" c="dimmed">
              {ticket.satisfactionComment}
            </Text>
          ) : null}
        </Stack>
      </Paper>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissingScore(score === 0);
    if (score > 0) rate.mutate();
  };

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('portal.rating.title')}
        </Title>
        {rate.isError ? <FormAlert>{errorText.describe(rate.error)}</FormAlert> : null}
        <Stack gap={4} role="group" aria-labelledby={legendId}>
          <Text id={legendId} size="sm" fw={500}>
            {t('portal.rating.question')}
          </Text>
          <Rating value={score} onChange={setScore} size="lg" getSymbolLabel={(value) => t('portal.rating.star', { count: value })} />
          {missingScore ? (
            <Text size="sm" c="red">
              {t('portal.rating.required')}
            </Text>
          ) : null}
        </Stack>
        <Textarea
          label={t('portal.rating.comment')}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={rate.isPending}>
            {t('portal.rating.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
