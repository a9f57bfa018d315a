import { Badge, Button, Code, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Channel, channelsApi } from '../../../api/chat.api';
import { useFormat } from '../../../i18n/format';
import { AdminPage } from '../../admin/ui/AdminPage';
import { ConfirmAction } from '../../admin/ui/ConfirmAction';
import { QueryState } from '../../admin/ui/QueryState';
import { ChannelFormModal } from './ChannelFormModal';
import { EmbedCodeModal, SecretModal } from './EmbedCode';

export const channelsQuery = queryOptions({ queryKey: ['admin', 'channels'] as const, queryFn: ({ signal }) => channelsApi.list(signal) });

type Dialog =
  | { kind: 'form'; channel: Channel | null }
  | { kind: 'embed'; channel: Channel }
  | { kind: 'secret'; channel: Channel; secret: string; created: boolean };

/** Web chat channels: one per website, each with its widget settings, embed code and signing secret. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const channels = useQuery({ ...channelsQuery, select: (items) => items.filter((c) => c.kind === 'web_chat') });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: channelsQuery.queryKey });

  return (
    <AdminPage
      title={t('chat.admin.title')}
      description={t('chat.admin.description')}
      actions={<Button onClick={() => setDialog({ kind: 'form', channel: null })}>{t('chat.admin.create')}</Button>}
    >
      <QueryState query={channels} empty={t('chat.admin.empty')}>
        {(items) => (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-label={t('chat.admin.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('chat.admin.fields.name')}</Table.Th>
                  <Table.Th>{t('chat.admin.publicKey')}</Table.Th>
                  <Table.Th>{t('chat.admin.secretRotated')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((channel) => (
                  <Table.Tr key={channel.id}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text fw={500}>{channel.name}</Text>
                        {channel.enabled ? null : (
                          <Badge color="gray" variant="light">
                            {t('chat.admin.disabled')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Code>{channel.publicKey}</Code>
                    </Table.Td>
                    <Table.Td>{format.dateTime(channel.secretRotatedAt)}</Table.Td>
                    <Table.Td>
                      <ChannelActions
                        channel={channel}
                        onEdit={() => setDialog({ kind: 'form', channel })}
                        onEmbed={() => setDialog({ kind: 'embed', channel })}
                        onRotated={(secret) => setDialog({ kind: 'secret', channel, secret, created: false })}
                        onChanged={refresh}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {dialog?.kind === 'form' ? (
        <ChannelFormModal
          key={dialog.channel?.id ?? 'new'}
          channel={dialog.channel}
          onClose={() => setDialog(null)}
          onSaved={({ channel, secret }) => {
            void refresh();
            setDialog(secret ? { kind: 'secret', channel, secret, created: true } : null);
          }}
        />
      ) : null}
      {dialog?.kind === 'embed' ? <EmbedCodeModal channel={dialog.channel} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'secret' ? (
        <SecretModal channel={dialog.channel} secret={dialog.secret} created={dialog.created} onClose={() => setDialog(null)} />
      ) : null}
    </AdminPage>
  );
}

interface ChannelActionsProps {
  channel: Channel;
  onEdit: () => void;
  onEmbed: () => void;
  onRotated: (secret: string) => void;
  onChanged: () => Promise<unknown>;
}

function ChannelActions({ channel, onEdit, onEmbed, onRotated, onChanged }: ChannelActionsProps) {
  const { t } = useTranslation();
  const name = channel.name;
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Button size="compact-sm" variant="subtle" aria-label={t('chat.admin.embedNamed', { name })} onClick={onEmbed}>
        {t('chat.admin.embed.button')}
      </Button>
      <Button size="compact-sm" variant="subtle" aria-label={t('admin.common.editNamed', { name })} onClick={onEdit}>
        {t('admin.common.edit')}
      </Button>
      <ConfirmAction
        label={t('chat.admin.rotate')}
        ariaLabel={t('chat.admin.rotateNamed', { name })}
        title={t('chat.admin.rotateTitle')}
        message={t('chat.admin.rotateBody', { name })}
        confirmLabel={t('chat.admin.rotate')}
        buttonProps={{ color: 'orange' }}
        onConfirm={async () => {
          const rotated = await channelsApi.rotateSecret(channel.id);
          await onChanged();
          onRotated(rotated.secret);
        }}
      />
      <ConfirmAction
        label={t('admin.common.delete')}
        ariaLabel={t('admin.common.deleteNamed', { name })}
        title={t('chat.admin.deleteTitle')}
        message={t('chat.admin.deleteBody', { name })}
        confirmLabel={t('admin.common.delete')}
        onConfirm={async () => {
          await channelsApi.remove(channel.id);
          await onChanged();
        }}
      />
    </Group>
  );
}
