import { Button, Group, Modal, NativeSelect, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgentChat, chatsApi, type TransferChatBody } from '../../api/chat.api';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { agentsQuery, teamsQuery } from '../tickets/ticketQueries';
import { storeChat } from './chatQueries';

type Target = 'agent' | 'team';

/** The request body: exactly one target, and the note only when there is one. */
export function transferBody(target: Target, id: string, note: string): TransferChatBody {
  const trimmed = note.trim();
  return { ...(target === 'agent' ? { toAgentId: id } : { toTeamId: id }), ...(trimmed ? { note: trimmed } : {}) };
}

/** Hand the chat to another online agent (offered to them) or back to a team's queue, with an internal note. */
export function TransferChatDialog({ chat, onClose }: { chat: AgentChat; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser().id;
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  // Availability changes all the time: ask again whenever the dialog opens, whatever the cache holds.
  const agents = useQuery({ ...agentsQuery, staleTime: 0 });
  const teams = useQuery(teamsQuery);
  const [target, setTarget] = useState<Target>('agent');
  const [id, setId] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const transfer = useMutation({
    mutationFn: (body: TransferChatBody) => chatsApi.transfer(chat.id, body),
    onSuccess: (moved) => {
      storeChat(queryClient, moved);
      onClose();
    },
  });

  // Only agents who can take a chat now: the server refuses the others (chat.agent_unavailable).
  const agentOptions = (agents.data ?? [])
    .filter((a) => a.id !== me && a.availability === 'online')
    .map((a) => ({ value: a.id, label: a.name }));
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!id);
    if (id) transfer.mutate(transferBody(target, id, note));
  };

  return (
    <Modal opened onClose={onClose} title={t('chat.transfer.title', { name: chat.visitor.name || t('chat.visitor') })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {transfer.error ? <FormAlert>{errorText.describe(transfer.error)}</FormAlert> : null}
          <SegmentedControl
            aria-label={t('chat.transfer.to')}
            value={target}
            onChange={(value) => {
              setTarget(value as Target);
              setId('');
            }}
            data={[
              { value: 'agent', label: t('chat.transfer.toAgent') },
              { value: 'team', label: t('chat.transfer.toTeam') },
            ]}
          />
          <NativeSelect
            label={target === 'agent' ? t('chat.transfer.agent') : t('chat.transfer.team')}
            data={[
              { value: '', label: target === 'agent' && !agentOptions.length ? t('chat.transfer.noAgents') : t('chat.transfer.choose') },
              ...(target === 'agent' ? agentOptions : teamOptions),
            ]}
            value={id}
            onChange={(event) => setId(event.currentTarget.value)}
            required
            error={missing && !id ? t('fieldErrors.required') : undefined}
          />
          <Textarea
            label={t('chat.transfer.note')}
            description={t('chat.transfer.noteHint')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            maxLength={5000}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={transfer.isPending}>
              {t('chat.transfer.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
