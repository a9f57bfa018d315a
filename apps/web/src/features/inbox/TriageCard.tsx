import { Badge, Box, Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import type { TicketTriageSchema, TriageField } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/apiFetch';
import { FormAlert } from '../../components/FormAlert';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { hasPermission } from '../kb/access';
import { ticketKeys } from '../tickets/ticketQueries';

type TicketTriage = (typeof TicketTriageSchema)['_zod']['output'];
type Suggestion = TicketTriage['suggestions'][number];

const FIELD_KEYS = {
  category: 'triage.fields.category',
  priority: 'triage.fields.priority',
  team: 'triage.fields.team',
  language: 'triage.fields.language',
} as const satisfies Record<TriageField, string>;

const PRIORITY_KEYS = {
  low: 'ticket.priority.low',
  normal: 'ticket.priority.normal',
  high: 'ticket.priority.high',
  urgent: 'ticket.priority.urgent',
} as const;

export const triageKey = (ticketId: string) => [...ticketKeys.detail(ticketId), 'triage'] as const;

const triageApi = {
  get: (ticketId: string, signal?: AbortSignal) => apiFetch<TicketTriage>(`/tickets/${encodeURIComponent(ticketId)}/triage`, { signal }),
  decide: (ticketId: string, action: 'accept' | 'dismiss', field: TriageField) =>
    apiFetch<TicketTriage>(`/tickets/${encodeURIComponent(ticketId)}/triage/${action}`, { method: 'POST', body: { field } }),
};

/**
 * Auto-triage suggestions for one ticket, each applied or dismissed with one click; values the
 * bot already applied are listed as such. Hidden when triage has nothing to say.
 */
export function TriageCard({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const allowed = hasPermission(user, 'ticket.read');
  const canChange = hasPermission(user, 'ticket.update');
  const triage = useQuery({
    queryKey: triageKey(ticketId),
    queryFn: ({ signal }) => triageApi.get(ticketId, signal),
    enabled: allowed,
  });
  const decide = useMutation({
    mutationFn: ({ action, field }: { action: 'accept' | 'dismiss'; field: TriageField }) => triageApi.decide(ticketId, action, field),
    onSuccess: (data, { action }) => {
      queryClient.setQueryData(triageKey(ticketId), data);
      if (action === 'accept') {
        void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId), exact: true });
        void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(ticketId) });
      }
    },
  });
  const items = (triage.data?.suggestions ?? []).filter((s) => s.state === 'suggested' || s.state === 'applied');
  if (!allowed || !items.length) return null;

  const shownValue = (s: Suggestion) =>
    s.field === 'priority' && s.value in PRIORITY_KEYS ? t(PRIORITY_KEYS[s.value as keyof typeof PRIORITY_KEYS]) : (s.label ?? s.value);
  const percent = (x: number) => `${Math.round(x * 100)}%`;

  return (
    <Box component="section" aria-labelledby="triage-title">
      <Divider mb="sm" />
      <Stack gap="xs">
        <Title order={3} size="h5" id="triage-title">
          {t('triage.title')}
        </Title>
        {decide.error ? <FormAlert>{t('triage.failed')}</FormAlert> : null}
        <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((s) => {
            const field = t(FIELD_KEYS[s.field]);
            const value = shownValue(s);
            return (
              <li key={s.field}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Box>
                    <Text size="sm">
                      {field}: <strong>{value}</strong>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('triage.confidence', { percent: percent(s.confidence) })}
                    </Text>
                  </Box>
                  {s.state === 'applied' ? (
                    <Badge variant="light">{t('triage.applied')}</Badge>
                  ) : canChange ? (
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-xs"
                        aria-label={t('triage.acceptLabel', { field, value })}
                        loading={decide.isPending && decide.variables?.field === s.field && decide.variables.action === 'accept'}
                        onClick={() => decide.mutate({ action: 'accept', field: s.field })}
                      >
                        {t('triage.accept')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={t('triage.dismissLabel', { field })}
                        onClick={() => decide.mutate({ action: 'dismiss', field: s.field })}
                      >
                        {t('triage.dismiss')}
                      </Button>
                    </Group>
                  ) : null}
                </Group>
              </li>
            );
          })}
        </Stack>
      </Stack>
    </Box>
  );
}
