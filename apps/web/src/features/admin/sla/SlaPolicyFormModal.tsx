import { Button, Group, Modal, MultiSelect, NativeSelect, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BusinessCalendar, type SlaPolicy, slaAdminApi } from '../../../api/admin-config.api';
import type { TicketPriority } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { organizationsQuery, refreshAfterChange } from '../adminQueries';
import { CHANNELS, PRIORITIES } from '../ui/ticketValues';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { hasTarget, METRIC_OF, type PolicyDraft, policyBody, policyDraft, SLA_TARGETS, type SlaTarget, type TargetUnit } from './slaForm';

type Field = 'name' | 'calendarId' | 'organizationIds' | 'warnBeforeMinutes' | SlaTarget;

interface SlaPolicyFormModalProps {
  policy: SlaPolicy | null;
  calendars: BusinessCalendar[];
  onClose: () => void;
}

/** Create or change an SLA policy: which tickets it covers, its calendar and its targets. */
export function SlaPolicyFormModal({ policy, calendars, onClose }: SlaPolicyFormModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const organizations = useQuery(organizationsQuery);
  const [draft, setDraft] = useState<PolicyDraft>(() => policyDraft(policy));
  const save = useMutation({
    mutationFn: () => (policy ? slaAdminApi.updatePolicy(policy.id, policyBody(draft)) : slaAdminApi.createPolicy(policyBody(draft))),
    onSuccess: async () => {
      await refreshAfterChange(queryClient, 'sla');
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error);
  const patch = (next: Partial<PolicyDraft>) => setDraft({ ...draft, ...next });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({
      name: checkRequired(draft.name),
      firstResponseMinutes: hasTarget(draft) ? undefined : 'fieldErrors.required',
    });
    if (valid) save.mutate();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={policy ? t('admin.sla.policy.editTitle', { name: policy.name }) : t('admin.sla.policy.createTitle')}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('admin.sla.policy.name')}
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
          <Text size="sm" fw={600}>
            {t('admin.sla.policy.appliesTo')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <MultiSelect
              label={t('admin.sla.policy.priorities')}
              placeholder={t('admin.common.any')}
              data={PRIORITIES.map((value) => ({ value, label: t(`ticket.priority.${value}`) }))}
              value={draft.priorities}
              onChange={(value) => patch({ priorities: value as TicketPriority[] })}
            />
            <MultiSelect
              label={t('admin.sla.policy.channels')}
              placeholder={t('admin.common.any')}
              data={CHANNELS.map((value) => ({ value, label: t(`admin.channels.${value}`) }))}
              value={draft.channels}
              onChange={(value) => patch({ channels: value })}
            />
            <MultiSelect
              label={t('admin.sla.policy.organizations')}
              placeholder={t('admin.common.any')}
              data={(organizations.data ?? []).map((org) => ({ value: org.id, label: org.name }))}
              value={draft.organizationIds}
              onChange={(value) => patch({ organizationIds: value })}
              searchable
              error={errors.fieldError('organizationIds')}
            />
          </SimpleGrid>
          <NativeSelect
            label={t('admin.sla.policy.calendar')}
            description={t('admin.sla.policy.calendarHint')}
            value={draft.calendarId}
            onChange={(event) => patch({ calendarId: event.currentTarget.value })}
            data={[{ value: '', label: t('admin.sla.policy.allDay') }, ...calendars.map((c) => ({ value: c.id, label: c.name }))]}
            error={errors.fieldError('calendarId')}
          />
          <TargetsFieldset draft={draft} onChange={(targets) => patch({ targets })} error={(key) => errors.fieldError(key)} />
          <NumberInput
            label={t('admin.sla.policy.warnBefore')}
            description={t('admin.sla.policy.warnBeforeHint')}
            value={draft.warnBeforeMinutes}
            onChange={(value) => patch({ warnBeforeMinutes: typeof value === 'number' ? value : '' })}
            min={0}
            max={10_080}
            allowDecimal={false}
            error={errors.fieldError('warnBeforeMinutes')}
            w={240}
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

function TargetsFieldset(props: {
  draft: PolicyDraft;
  onChange: (targets: PolicyDraft['targets']) => void;
  error: (key: SlaTarget) => string | undefined;
}) {
  const { t } = useTranslation();
  const { targets } = props.draft;
  return (
    <Stack gap="xs" role="group" aria-label={t('admin.sla.policy.targets')}>
      <Text size="sm" fw={600}>
        {t('admin.sla.policy.targets')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('admin.sla.policy.targetsHint')}
      </Text>
      {SLA_TARGETS.map((key) => {
        const metric = t(`ticket.metric.${METRIC_OF[key]}`);
        return (
          <Group key={key} gap="xs" align="flex-start" wrap="nowrap">
            <NumberInput
              label={metric}
              value={targets[key].amount}
              onChange={(value) =>
                props.onChange({ ...targets, [key]: { ...targets[key], amount: typeof value === 'number' ? value : '' } })
              }
              min={1}
              allowDecimal={false}
              placeholder={t('admin.sla.policy.notMeasured')}
              error={props.error(key)}
              w={200}
            />
            <NativeSelect
              label={t('admin.sla.policy.unit')}
              aria-label={t('admin.sla.policy.unitOf', { metric })}
              value={targets[key].unit}
              onChange={(event) =>
                props.onChange({ ...targets, [key]: { ...targets[key], unit: event.currentTarget.value as TargetUnit } })
              }
              data={(['minutes', 'hours'] as const).map((unit) => ({ value: unit, label: t(`admin.sla.units.${unit}`) }))}
            />
          </Group>
        );
      })}
    </Stack>
  );
}
