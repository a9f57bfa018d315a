import { Button, Group, List, Menu, Modal, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { ticketsApi } from '../../api/tickets.api';
import type { Macro, MacroPreview, Ticket } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { macrosQuery, ticketKeys } from '../tickets/ticketQueries';
import { describeMacroChanges } from './macroChanges';
import { useTicketLookups } from './useTicketLookups';

/** Macros menu: pick one, see what it will do on this ticket, then apply it. */
export function MacroMenu({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const macros = useQuery(macrosQuery);
  const [chosen, setChosen] = useState<Macro | null>(null);
  const items = macros.data ?? [];
  // No macros route yet (404) is the same as having no macros.
  const missing = macros.isError && isApiError(macros.error) && macros.error.status === 404;
  const status = macros.isPending
    ? t('app.loading')
    : macros.isError && !missing
      ? t('macros.failed')
      : items.length
        ? null
        : t('macros.none');

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs">
            {t('macros.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
          {status ? <Menu.Label>{status}</Menu.Label> : null}
          {items.map((macro) => (
            <Menu.Item key={macro.id} onClick={() => setChosen(macro)}>
              <Text size="sm">{macro.name}</Text>
              {macro.description ? (
                <Text size="xs" c="dimmed">
                  {macro.description}
                </Text>
              ) : null}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={chosen !== null}
        onClose={() => setChosen(null)}
        title={chosen ? t('macros.applyTitle', { name: chosen.name }) : ''}
        size="lg"
      >
        {chosen ? <MacroPreviewPanel ticket={ticket} macro={chosen} onDone={() => setChosen(null)} /> : null}
      </Modal>
    </>
  );
}

function MacroPreviewPanel({ ticket, macro, onDone }: { ticket: Ticket; macro: Macro; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const lookups = useTicketLookups();
  const preview = useQuery({
    queryKey: ['macros', macro.id, 'preview', ticket.id, ticket.version],
    queryFn: () => ticketsApi.previewMacro(ticket.id, macro.id),
  });
  const apply = useMutation({
    mutationFn: () => ticketsApi.applyMacro(ticket.id, macro.id, ticket.version),
    onSuccess: (next) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), next);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(ticket.id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      onDone();
    },
    onError: (error) => {
      if (isApiError(error, 'ticket.version_mismatch')) void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
    },
  });

  return (
    <Stack gap="md">
      {preview.isPending ? <Text c="dimmed">{t('app.loading')}</Text> : null}
      {preview.isError ? <FormAlert>{errorText.describe(preview.error)}</FormAlert> : null}
      {preview.data ? <PreviewDetails preview={preview.data} lines={describeMacroChanges(preview.data.changes, lookups)} /> : null}
      {apply.isError ? (
        <FormAlert color={isApiError(apply.error, 'ticket.version_mismatch') ? 'yellow' : 'red'}>
          {isApiError(apply.error, 'ticket.version_mismatch') ? t('ticketPage.conflict') : errorText.describe(apply.error)}
        </FormAlert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => apply.mutate()} loading={apply.isPending} disabled={!preview.isSuccess}>
          {t('macros.apply')}
        </Button>
      </Group>
    </Stack>
  );
}

function PreviewDetails({ preview, lines }: { preview: MacroPreview; lines: string[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {preview.message ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {preview.message.kind === 'note' ? t('macros.addsNote') : t('macros.sendsReply')}
          </Text>
          <Paper
            withBorder
            p="sm"
            bg={preview.message.kind === 'note' ? 'var(--mantine-color-yellow-0)' : undefined}
            style={{ whiteSpace: 'pre-wrap' }}
          >
            {preview.message.bodyText}
          </Paper>
        </Stack>
      ) : null}
      {lines.length ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('macros.changes')}
          </Text>
          <List size="sm">
            {lines.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
      {preview.unknownPlaceholders.length ? (
        <FormAlert color="yellow">{t('macros.unknownPlaceholders', { names: preview.unknownPlaceholders.join(', ') })}</FormAlert>
      ) : null}
    </Stack>
  );
}
