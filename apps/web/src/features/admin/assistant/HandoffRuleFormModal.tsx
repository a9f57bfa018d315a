import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assistantApi, type HandoffRule } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { adminTeamsQuery, organizationsQuery } from '../adminQueries';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { assistantKeys, flowsQuery } from './assistantQueries';
import { CONDITION_KINDS, type ConditionKind, FRUSTRATION_LEVELS, type HandoffDraft, handoffBody, handoffDraft } from './handoffForm';

type Field = 'name' | 'teamId' | 'phrases' | 'count' | 'frustration' | 'minNegative' | 'intents' | 'organizationIds';

interface HandoffRuleFormModalProps {
  rule: HandoffRule | null;
  /** New rules go last. */
  nextPosition: number;
  onClose: () => void;
}

/** When the condition holds, the chat goes from the assistant to a person (the team's queue). */
export function HandoffRuleFormModal({ rule, nextPosition, onClose }: HandoffRuleFormModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const teams = useQuery(adminTeamsQuery);
  const [draft, setDraft] = useState<HandoffDraft>(() => handoffDraft(rule));
  const [missingValues, setMissingValues] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const body = handoffBody(draft, rule?.position ?? nextPosition);
      return rule ? assistantApi.handoffRules.update(rule.id, body) : assistantApi.handoffRules.create(body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: assistantKeys.handoffRules });
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error);
  const patch = (next: Partial<HandoffDraft>) => setDraft({ ...draft, ...next });
  const needsValues =
    (draft.kind === 'intent' && !draft.intents.length) || (draft.kind === 'organization' && !draft.organizationIds.length);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({ name: checkRequired(draft.name) });
    setMissingValues(needsValues);
    if (valid && !needsValues) save.mutate();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={rule ? t('assistantAdmin.handoff.editTitle', { name: rule.name }) : t('assistantAdmin.handoff.createTitle')}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('assistantAdmin.handoff.name')}
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
          <NativeSelect
            label={t('assistantAdmin.handoff.when')}
            value={draft.kind}
            onChange={(event) => patch({ kind: event.currentTarget.value as ConditionKind })}
            data={CONDITION_KINDS.map((kind) => ({ value: kind, label: t(`assistantAdmin.handoff.kinds.${kind}`) }))}
          />
          <ConditionFields
            draft={draft}
            patch={patch}
            error={(field) => errors.fieldError(field) ?? errors.pathError(`condition.${field}`)}
          />
          {missingValues && needsValues ? (
            <Text size="sm" c="red" role="alert">
              {t('fieldErrors.required')}
            </Text>
          ) : null}
          <NativeSelect
            label={t('assistantAdmin.common.team')}
            description={t('assistantAdmin.handoff.teamHint')}
            value={draft.teamId}
            onChange={(event) => patch({ teamId: event.currentTarget.value })}
            data={[
              { value: '', label: t('assistantAdmin.common.channelTeam') },
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
            ]}
            error={errors.fieldError('teamId')}
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

interface ConditionFieldsProps {
  draft: HandoffDraft;
  patch: (next: Partial<HandoffDraft>) => void;
  error: (field: Field) => string | undefined;
}

function ConditionFields({ draft, patch, error }: ConditionFieldsProps) {
  const { t } = useTranslation();
  const flows = useQuery({ ...flowsQuery, enabled: draft.kind === 'intent' });
  const organizations = useQuery({ ...organizationsQuery, enabled: draft.kind === 'organization' });
  switch (draft.kind) {
    case 'human_request':
      return (
        <Stack gap="xs">
          <Checkbox
            label={t('assistantAdmin.handoff.builtin')}
            checked={draft.builtin}
            onChange={(event) => patch({ builtin: event.currentTarget.checked })}
          />
          <TagsInput
            label={t('assistantAdmin.handoff.phrases')}
            description={t('assistantAdmin.handoff.phrasesHint')}
            value={draft.phrases}
            onChange={(phrases) => patch({ phrases })}
            error={error('phrases')}
          />
        </Stack>
      );
    case 'failed_turns':
      return (
        <NumberInput
          label={t('assistantAdmin.handoff.count')}
          description={t('assistantAdmin.handoff.countHint')}
          value={draft.count}
          onChange={(count) => patch({ count })}
          min={1}
          max={10}
          allowDecimal={false}
          error={error('count')}
          w={240}
        />
      );
    case 'sentiment':
      return (
        <Group align="flex-start">
          <NativeSelect
            label={t('assistantAdmin.handoff.frustration')}
            value={draft.frustration}
            onChange={(event) => patch({ frustration: event.currentTarget.value as HandoffDraft['frustration'] })}
            data={[
              { value: '', label: t('assistantAdmin.handoff.notUsed') },
              ...FRUSTRATION_LEVELS.map((level) => ({ value: level, label: t(`assistantAdmin.frustration.${level}`) })),
            ]}
            error={error('frustration')}
            w={220}
          />
          <NumberInput
            label={t('assistantAdmin.handoff.minNegative')}
            description={t('assistantAdmin.handoff.minNegativeHint')}
            value={draft.minNegative}
            onChange={(minNegative) => patch({ minNegative })}
            min={0}
            max={1}
            step={0.05}
            decimalScale={2}
            error={error('minNegative')}
            w={240}
          />
        </Group>
      );
    case 'intent': {
      const known = [...new Set((flows.data ?? []).flatMap((flow) => (flow.trigger.intent ? [flow.trigger.intent.name] : [])))];
      return (
        <TagsInput
          label={t('assistantAdmin.handoff.intents')}
          description={t('assistantAdmin.handoff.intentsHint')}
          value={draft.intents}
          onChange={(intents) => patch({ intents })}
          data={known}
          error={error('intents')}
        />
      );
    }
    case 'organization':
      return (
        <MultiSelect
          label={t('assistantAdmin.handoff.organizations')}
          value={draft.organizationIds}
          onChange={(organizationIds) => patch({ organizationIds })}
          data={(organizations.data ?? []).map((org) => ({ value: org.id, label: org.name }))}
          error={error('organizationIds')}
          searchable
        />
      );
  }
}
