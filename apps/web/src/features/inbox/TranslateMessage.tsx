import { Anchor, Box, Group, Text } from '@mantine/core';
import type { TranslateResult } from '@switchboard/contracts';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/apiFetch';
import type { Message, Ticket } from '../../api/types';
import { useErrorText } from '../../i18n/errorMessages';

const translate = (ticketId: string, messageId: string, targetLocale: string) =>
  apiFetch<TranslateResult>(`/tickets/${encodeURIComponent(ticketId)}/assistant/translate`, {
    method: 'POST',
    body: { messageId, targetLocale },
  });

/**
 * "Translate" on a customer's message: the model provider's translation into the agent's language,
 * shown under the original (side by side with it, never replacing it). Without a provider the
 * server answers 409 and the agent is told so.
 */
export function TranslateMessage({ ticket, message }: { ticket: Ticket; message: Message }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const target = i18n.resolvedLanguage ?? 'en';
  const run = useMutation({ mutationFn: () => translate(ticket.id, message.id, target) });
  if (message.kind !== 'reply' || message.authorKind !== 'customer') return null;
  return (
    <Box mt="xs">
      {run.data ? (
        <Box
          p="xs"
          style={{ borderInlineStart: '3px solid var(--mantine-color-blue-4)' }}
          aria-label={t('translateMessage.label', { language: target })}
        >
          <Text size="xs" c="dimmed">
            {t('translateMessage.by', { model: run.data.model })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lang={run.data.targetLocale}>
            {run.data.text}
          </Text>
        </Box>
      ) : (
        <Group justify="flex-end">
          <Anchor component="button" type="button" size="xs" disabled={run.isPending} onClick={() => run.mutate()}>
            {run.isPending ? t('translateMessage.working') : t('translateMessage.action')}
          </Anchor>
        </Group>
      )}
      {run.isError ? (
        <Text size="xs" c="red" role="alert">
          {errorText.describe(run.error)}
        </Text>
      ) : null}
    </Box>
  );
}
