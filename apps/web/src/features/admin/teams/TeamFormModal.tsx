import { Button, Group, Modal, MultiSelect, NativeSelect, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminTeam, teamsAdminApi } from '../../../api/admin-people.api';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { adminAgentsQuery, refreshAfterChange } from '../adminQueries';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';

export const STRATEGIES = ['manual', 'round_robin', 'least_loaded', 'skills'] as const;
type Strategy = (typeof STRATEGIES)[number];
type Field = 'name' | 'description' | 'strategy' | 'userIds';

/** Create or edit a team: how it hands out tickets, and who is in it. */
export function TeamFormModal({ team, onClose }: { team: AdminTeam | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const agents = useQuery(adminAgentsQuery);
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [strategy, setStrategy] = useState<Strategy>(team?.strategy ?? 'round_robin');
  const [onlyOnline, setOnlyOnline] = useState(team?.onlyOnline ?? true);
  const [members, setMembers] = useState<string[]>(team?.memberIds ?? []);
  const save = useMutation({
    mutationFn: async () => {
      const body = { name: name.trim(), description: description.trim() || null, strategy, onlyOnline };
      const saved = team ? await teamsAdminApi.update(team.id, body) : await teamsAdminApi.create(body);
      const changed = members.length !== saved.memberIds.length || members.some((id) => !saved.memberIds.includes(id));
      return changed ? teamsAdminApi.setMembers(saved.id, members) : saved;
    },
    onSuccess: async () => {
      await refreshAfterChange(queryClient, 'teams');
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error, { 'team.name_taken': 'name' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.validate({ name: checkRequired(name) })) save.mutate();
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={team ? t('admin.teams.editTitle', { name: team.name }) : t('admin.teams.createTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('admin.teams.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.fieldError('name')}
            required
            data-autofocus
          />
          <Textarea
            label={t('admin.teams.descriptionLabel')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errors.fieldError('description')}
            autosize
            minRows={2}
          />
          <NativeSelect
            label={t('admin.teams.strategy')}
            description={t(`admin.teams.strategyHint.${strategy}`)}
            value={strategy}
            onChange={(event) => setStrategy(event.currentTarget.value as Strategy)}
            data={STRATEGIES.map((value) => ({ value, label: t(`admin.teams.strategies.${value}`) }))}
            error={errors.fieldError('strategy')}
          />
          <Switch
            label={t('admin.teams.onlyOnline')}
            description={t('admin.teams.onlyOnlineHint')}
            checked={onlyOnline}
            onChange={(event) => setOnlyOnline(event.currentTarget.checked)}
          />
          <MultiSelect
            label={t('admin.teams.members')}
            placeholder={t('admin.teams.membersPlaceholder')}
            data={(agents.data ?? []).map((agent) => ({ value: agent.id, label: agent.name }))}
            value={members}
            onChange={setMembers}
            searchable
            error={errors.fieldError('userIds') ?? (agents.error ? t('admin.teams.agentsFailed') : undefined)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
