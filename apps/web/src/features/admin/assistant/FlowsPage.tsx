import { Button, Group, Paper, Stack, Switch, Table, TagsInput, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assistantApi, type Flow, type FlowSettings } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { useFormat } from '../../../i18n/format';
import { AdminPage } from '../ui/AdminPage';
import { EditDeleteActions } from '../ui/EditDeleteActions';
import { QueryState } from '../ui/QueryState';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { assistantKeys, flowSettingsQuery, flowsQuery } from './assistantQueries';
import { FlowFormModal } from './FlowFormModal';

/** Flows: guided conversations that collect details, call a service and answer, file a ticket or hand off. */
export function FlowsPage() {
  const { t } = useTranslation();
  const flows = useQuery(flowsQuery);
  const settings = useQuery(flowSettingsQuery);
  const [editing, setEditing] = useState<Flow | null | undefined>(undefined);
  return (
    <AdminPage
      title={t('assistantAdmin.flows.title')}
      description={t('assistantAdmin.flows.description')}
      actions={<Button onClick={() => setEditing(null)}>{t('assistantAdmin.flows.create')}</Button>}
    >
      <QueryState query={flows} empty={t('assistantAdmin.flows.empty')}>
        {(items) => <FlowsTable flows={items} onEdit={setEditing} />}
      </QueryState>
      <QueryState query={settings}>{(data) => <FlowSettingsForm settings={data} />}</QueryState>
      {editing !== undefined ? <FlowFormModal key={editing?.id ?? 'new'} flow={editing} onClose={() => setEditing(undefined)} /> : null}
    </AdminPage>
  );
}

function FlowsTable({ flows, onEdit }: { flows: Flow[]; onEdit: (flow: Flow) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: assistantKeys.flows });
  const toggle = useMutation({
    mutationFn: ({ id, createdAt: _c, updatedAt: _u, ...body }: Flow) => assistantApi.flows.update(id, { ...body, enabled: !body.enabled }),
    onSettled: refresh,
  });
  const trigger = (flow: Flow) => {
    const parts: string[] = [];
    if (flow.trigger.intent) parts.push(t('assistantAdmin.flows.byIntent', { name: flow.trigger.intent.name }));
    if (flow.trigger.keywords.length) parts.push(t('assistantAdmin.flows.byKeywords', { list: format.list(flow.trigger.keywords) }));
    if (flow.trigger.qaIds.length) parts.push(t('assistantAdmin.flows.byQa', { count: flow.trigger.qaIds.length }));
    return parts.join(' · ');
  };
  return (
    <Stack gap="xs">
      {toggle.error ? <FormAlert>{errorText.describe(toggle.error)}</FormAlert> : null}
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" aria-label={t('assistantAdmin.flows.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assistantAdmin.flows.name')}</Table.Th>
              <Table.Th>{t('assistantAdmin.flows.trigger')}</Table.Th>
              <Table.Th>{t('assistantAdmin.flows.steps')}</Table.Th>
              <Table.Th>{t('admin.common.enabled')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {flows.map((flow) => (
              <Table.Tr key={flow.id}>
                <Table.Td>
                  <Text fw={500}>{flow.name}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{trigger(flow)}</Text>
                </Table.Td>
                <Table.Td>{format.number(flow.steps.length)}</Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t('admin.common.enabledNamed', { name: flow.name })}
                    checked={flow.enabled}
                    disabled={toggle.isPending}
                    onChange={() => toggle.mutate(flow)}
                  />
                </Table.Td>
                <Table.Td>
                  <EditDeleteActions
                    name={flow.name}
                    onEdit={() => onEdit(flow)}
                    deleteTitle={t('assistantAdmin.flows.deleteTitle')}
                    deleteMessage={t('assistantAdmin.flows.deleteBody', { name: flow.name })}
                    onDelete={async () => {
                      await assistantApi.flows.remove(flow.id);
                      await refresh();
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The development allow-list: hosts flow actions may call over http or on private addresses. */
function FlowSettingsForm({ settings }: { settings: FlowSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [hosts, setHosts] = useState(settings.actionAllowHosts);
  const save = useMutation({
    mutationFn: () => assistantApi.saveFlowSettings({ actionAllowHosts: hosts }),
    onSuccess: (saved) => queryClient.setQueryData(assistantKeys.flowSettings, saved),
  });
  const errors = useAdminFormErrors<'actionAllowHosts'>(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={720}>
      <form onSubmit={onSubmit} noValidate aria-label={t('assistantAdmin.flows.settingsTitle')}>
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('assistantAdmin.flows.settingsTitle')}
          </Title>
          {save.isSuccess ? <FormAlert color="green">{t('assistantAdmin.common.saved')}</FormAlert> : null}
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TagsInput
            label={t('assistantAdmin.flows.allowHosts')}
            description={t('assistantAdmin.flows.allowHostsHint')}
            value={hosts}
            onChange={setHosts}
            error={errors.fieldError('actionAllowHosts') ?? errors.pathError('actionAllowHosts')}
            maxTags={20}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
