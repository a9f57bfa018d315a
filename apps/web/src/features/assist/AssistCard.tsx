import { Anchor, Box, Button, Divider, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { TicketAssist } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiFetch } from '../../api/apiFetch';
import type { Ticket } from '../../api/types';
import { ticketPath } from '../../app/paths';
import { useFormat } from '../../i18n/format';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { hasPermission } from '../kb/access';
import { escapeHtml } from '../kb/insertArticle';
import { ticketKeys } from '../tickets/ticketQueries';
import { fillComposer, insertIntoComposer } from './composerBridge';

export const assistKey = (ticketId: string, lastSeq: number) => [...ticketKeys.detail(ticketId), 'assist', lastSeq] as const;

export const assistApi = {
  get: (ticketId: string, signal?: AbortSignal) => apiFetch<TicketAssist>(`/tickets/${encodeURIComponent(ticketId)}/assist`, { signal }),
};

const URL_RE = /(https?:\/\/[^\s<]+)/g;

/** Plain text (paragraphs split by blank lines) as editor HTML, addresses as links. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para) => `<p>${escapeHtml(para).replace(URL_RE, '<a href="$1">$1</a>').replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/**
 * Agent assist beside the conversation: published articles in the ticket's language (link into
 * the reply, or open), similar solved tickets (open), and a suggested reply that fills the
 * composer. Asked again when the conversation grows.
 */
export function AssistCard({ ticket }: { ticket: Pick<Ticket, 'id' | 'lastSeq'> }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const format = useFormat();
  const allowed = hasPermission(user, 'ticket.read');
  const canReply = hasPermission(user, 'ticket.reply');
  const [notice, setNotice] = useState<string | null>(null);
  const assist = useQuery({
    queryKey: assistKey(ticket.id, ticket.lastSeq),
    queryFn: ({ signal }) => assistApi.get(ticket.id, signal),
    enabled: allowed,
    staleTime: 5 * 60_000,
  });
  if (!allowed) return null;
  const data = assist.data;
  const empty = data && !data.articles.length && !data.similarTickets.length && !data.suggestedReply;
  const put = (ok: boolean, done: string) => setNotice(ok ? done : t('assist.noComposer'));

  return (
    <Box component="section" aria-labelledby="assist-title">
      <Divider mb="sm" />
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5" id="assist-title">
            {t('assist.title')}
          </Title>
          {assist.isFetching ? <Loader size="xs" aria-label={t('assist.loading')} /> : null}
        </Group>
        {assist.isError ? (
          <Text size="sm" c="red" role="alert">
            {t('assist.failed')}
          </Text>
        ) : null}
        {empty ? (
          <Text size="sm" c="dimmed">
            {t('assist.empty')}
          </Text>
        ) : null}
        {notice ? (
          <Text size="xs" c="dimmed" role="status">
            {notice}
          </Text>
        ) : null}

        {data?.suggestedReply ? (
          <Stack gap={4} component="section" aria-labelledby="assist-reply-title">
            <Text size="sm" fw={600} id="assist-reply-title">
              {t('assist.reply.title')}
            </Text>
            <Text size="xs" c="dimmed">
              {data.suggestedReply.source === 'ticket' && data.suggestedReply.ticket
                ? t('assist.reply.fromTicket', { number: data.suggestedReply.ticket.number })
                : t(`assist.reply.source.${data.suggestedReply.source}`)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
              {data.suggestedReply.text}
            </Text>
            {canReply ? (
              <Group justify="flex-end">
                <Button
                  size="compact-xs"
                  onClick={() => put(fillComposer(ticket.id, textToHtml(data.suggestedReply?.text ?? '')), t('assist.reply.used'))}
                >
                  {t('assist.reply.use')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        ) : null}

        {data?.articles.length ? (
          <Stack gap={4} component="section" aria-labelledby="assist-articles-title">
            <Text size="sm" fw={600} id="assist-articles-title">
              {t('assist.articles.title')}
            </Text>
            <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
              {data.articles.map((a) => (
                <li key={a.articleId}>
                  <Text size="sm" fw={500}>
                    {a.title}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {a.snippet}
                  </Text>
                  <Group gap="xs">
                    {canReply ? (
                      <Anchor
                        component="button"
                        type="button"
                        size="xs"
                        aria-label={t('assist.articles.insertLabel', { title: a.title })}
                        onClick={() =>
                          put(
                            insertIntoComposer(ticket.id, `<a href="${escapeHtml(a.url)}">${escapeHtml(a.title)}</a> `),
                            t('assist.articles.inserted'),
                          )
                        }
                      >
                        {t('assist.articles.insert')}
                      </Anchor>
                    ) : null}
                    <Anchor
                      href={a.url}
                      target="_blank"
                      rel="noopener noreferrer"
                      size="xs"
                      aria-label={t('assist.articles.openLabel', { title: a.title })}
                    >
                      {t('assist.articles.open')}
                    </Anchor>
                  </Group>
                </li>
              ))}
            </Stack>
          </Stack>
        ) : null}

        {data?.similarTickets.length ? (
          <Stack gap={4} component="section" aria-labelledby="assist-similar-title">
            <Text size="sm" fw={600} id="assist-similar-title">
              {t('assist.similar.title')}
            </Text>
            <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
              {data.similarTickets.map((s) => (
                <li key={s.id}>
                  <Anchor component={Link} to={ticketPath(s.id)} size="sm">
                    #{s.number} {s.subject}
                  </Anchor>
                  {s.solvedAt ? (
                    <Text size="xs" c="dimmed">
                      {t('assist.similar.solved', { when: format.dateTime(s.solvedAt) })}
                    </Text>
                  ) : null}
                  {s.replyExcerpt ? (
                    <Text size="xs" lineClamp={2}>
                      {s.replyExcerpt}
                    </Text>
                  ) : null}
                </li>
              ))}
            </Stack>
          </Stack>
        ) : null}
      </Stack>
    </Box>
  );
}
