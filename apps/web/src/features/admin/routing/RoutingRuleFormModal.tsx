import { Button, Group, Modal, NativeSelect, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RoutingRule, routingAdminApi } from '../../../api/admin-config.api';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { adminAgentsQuery, adminTeamsQuery, refreshAfterChange } from '../adminQueries';
import { SkillLevelsEditor } from '../teams/SkillLevelsEditor';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { ConditionRow } from './ConditionRow';
import { type ConditionDraft, hasAction, type RuleDraft, ruleBody, ruleDraft } from './ruleForm';

type Field = 'name' | 'teamId';

interface RoutingRuleFormModalProps {
  rule: RoutingRule | null;
  /** New rules go last. */
  nextPosition: number;
  onClose: () => void;
}

/** When a ticket matches every condition, send it to a team and/or to agents with the skills. */
export function RoutingRuleFormModal({ rule, nextPosition, onClose }: RoutingRuleFormModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const teams = useQuery(adminTeamsQuery);
  const agents = useQuery(adminAgentsQuery);
  const [draft, setDraft] = useState<RuleDraft>(() => ruleDraft(rule));
  const [actionMissing, setActionMissing] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      rule ? routingAdminApi.update(rule.id, ruleBody(draft)) : routingAdminApi.create({ ...ruleBody(draft), position: nextPosition }),
    onSuccess: async () => {
      await refreshAfterChange(queryClient, 'rules');
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error);
  const patch = (next: Partial<RuleDraft>) => setDraft({ ...draft, ...next });
  const setCondition = (index: number, value: ConditionDraft) =>
    patch({ conditions: draft.conditions.map((c, i) => (i === index ? value : c)) });
  const knownSkills = [...new Set((agents.data ?? []).flatMap((a) => Object.keys(a.skills)))].sort();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({ name: checkRequired(draft.name) });
    setActionMissing(!hasAction(draft));
    if (valid && hasAction(draft)) save.mutate();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={rule ? t('admin.routing.editTitle', { name: rule.name }) : t('admin.routing.createTitle')}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('admin.routing.name')}
            value={draft.name}
            onChange={(event) => patch({ name: event.currentTarget.value })}
            error={errors.fieldError('name')}
            required
            data-autofocus
          />
          <Switch
            label={t('admin.common.enabled')}
            checked={draft.enabled}
            onChange={(event) => patch({ enabled: event.currentTarget.checked })}
          />
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('admin.routing.when')}
            </Text>
            {draft.conditions.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('admin.routing.matchesAll')}
              </Text>
            ) : null}
            {draft.conditions.map((condition, index) => (
              <ConditionRow
                // Conditions have no id; the index is stable while editing.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={index}
                n={index + 1}
                value={condition}
                onChange={(value) => setCondition(index, value)}
                onRemove={() => patch({ conditions: draft.conditions.filter((_, i) => i !== index) })}
                error={errors.pathError(`conditions.${index}`)}
              />
            ))}
            <Group>
              <Button
                variant="default"
                size="compact-sm"
                onClick={() => patch({ conditions: [...draft.conditions, { field: 'channel', op: 'in', values: [] }] })}
              >
                {t('admin.routing.addCondition')}
              </Button>
            </Group>
          </Stack>
          <Text size="sm" fw={600}>
            {t('admin.routing.then')}
          </Text>
          <NativeSelect
            label={t('admin.routing.team')}
            value={draft.teamId}
            onChange={(event) => patch({ teamId: event.currentTarget.value })}
            data={[
              { value: '', label: t('admin.routing.noTeam') },
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
            ]}
            error={errors.fieldError('teamId')}
          />
          <SkillLevelsEditor
            label={t('admin.routing.skills')}
            levelLabel={t('admin.routing.minLevel')}
            value={draft.skills}
            onChange={(skills) => patch({ skills })}
            error={errors.pathError('action.skills')}
            suggestions={knownSkills}
          />
          {actionMissing && !hasAction(draft) ? (
            <Text size="sm" c="red" role="alert">
              {t('admin.routing.actionRequired')}
            </Text>
          ) : null}
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
