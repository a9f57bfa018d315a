import { Button, Group, Modal, NumberInput, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAgent, teamsAdminApi } from '../../../api/admin-people.api';
import { FormAlert } from '../../../components/FormAlert';
import { refreshAfterChange } from '../adminQueries';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { type SkillLevel, SkillLevelsEditor, skillsRecord } from './SkillLevelsEditor';

type Field = 'capacity' | 'skills';

/** An agent's capacity (max open tickets routing gives them) and skills with levels. */
export function AgentFormModal({ agent, knownSkills, onClose }: { agent: AdminAgent; knownSkills: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [capacity, setCapacity] = useState<number | string>(agent.capacity ?? '');
  const [skills, setSkills] = useState<SkillLevel[]>(Object.entries(agent.skills).map(([skill, level]) => ({ skill, level })));
  const save = useMutation({
    mutationFn: () =>
      teamsAdminApi.updateAgent(agent.id, {
        capacity: typeof capacity === 'number' ? capacity : null,
        skills: skillsRecord(skills),
      }),
    onSuccess: async () => {
      await refreshAfterChange(queryClient, 'teams');
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={t('admin.teams.agentTitle', { name: agent.name })}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <NumberInput
            label={t('admin.teams.capacity')}
            description={t('admin.teams.capacityHint')}
            value={capacity}
            onChange={setCapacity}
            min={0}
            max={10_000}
            allowDecimal={false}
            error={errors.fieldError('capacity')}
            data-autofocus
          />
          <SkillLevelsEditor
            label={t('admin.teams.skills')}
            levelLabel={t('admin.teams.levelLabel')}
            value={skills}
            onChange={setSkills}
            error={errors.pathError('skills')}
            suggestions={knownSkills}
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
