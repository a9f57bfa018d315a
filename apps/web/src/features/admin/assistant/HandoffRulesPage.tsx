import { Button, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assistantApi, type HandoffRule } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { adminTeamsQuery } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { EditDeleteActions } from '../ui/EditDeleteActions';
import { MoveButtons } from '../ui/MoveButtons';
import { QueryState } from '../ui/QueryState';
import { byPosition } from '../ui/reorder';
import { useReorder } from '../ui/useReorder';
import { assistantKeys, handoffRulesQuery } from './assistantQueries';
import { HandoffRuleFormModal } from './HandoffRuleFormModal';
import { ruleBody } from './handoffForm';

/** Handoff rules in order: the first enabled rule whose condition holds sends the chat to a person. */
export function HandoffRulesPage() {
  const { t } = useTranslation();
  const rules = useQuery({ ...handoffRulesQuery, select: (items) => [...items].sort(byPosition) });
  const [editing, setEditing] = useState<HandoffRule | null | undefined>(undefined);
  const last = rules.data?.at(-1);
  return (
    <AdminPage
      title={t('assistantAdmin.handoff.title')}
      description={t('assistantAdmin.handoff.description')}
      actions={<Button onClick={() => setEditing(null)}>{t('assistantAdmin.handoff.create')}</Button>}
    >
      <QueryState query={rules} empty={t('assistantAdmin.handoff.empty')}>
        {(items) => <RulesTable rules={items} onEdit={setEditing} />}
      </QueryState>
      {editing !== undefined ? (
        <HandoffRuleFormModal
          key={editing?.id ?? 'new'}
          rule={editing}
          nextPosition={last ? last.position + 1 : 0}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </AdminPage>
  );
}

function RulesTable({ rules, onEdit }: { rules: HandoffRule[]; onEdit: (rule: HandoffRule) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const teams = useQuery(adminTeamsQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: assistantKeys.handoffRules });
  const reorder = useReorder<HandoffRule>(async (id, position) => {
    const rule = rules.find((r) => r.id === id);
    if (rule) await assistantApi.handoffRules.update(id, { ...ruleBody(rule), position });
  }, refresh);
  const toggle = useMutation({
    mutationFn: (rule: HandoffRule) => assistantApi.handoffRules.update(rule.id, { ...ruleBody(rule), enabled: !rule.enabled }),
    onSettled: refresh,
  });
  const error = reorder.error ?? toggle.error;
  const teamName = (id: string | null) =>
    id ? (teams.data?.find((team) => team.id === id)?.name ?? '—') : t('assistantAdmin.common.channelTeam');

  return (
    <Stack gap="xs">
      {error ? <FormAlert>{errorText.describe(error)}</FormAlert> : null}
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" aria-label={t('assistantAdmin.handoff.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.common.order')}</Table.Th>
              <Table.Th>{t('assistantAdmin.handoff.name')}</Table.Th>
              <Table.Th>{t('assistantAdmin.handoff.when')}</Table.Th>
              <Table.Th>{t('assistantAdmin.common.team')}</Table.Th>
              <Table.Th>{t('admin.common.enabled')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((rule, index) => (
              <Table.Tr key={rule.id}>
                <Table.Td>
                  <MoveButtons
                    name={rule.name}
                    first={index === 0}
                    last={index === rules.length - 1}
                    disabled={reorder.isPending}
                    onMove={(delta) => reorder.move(rules, index, delta)}
                  />
                </Table.Td>
                <Table.Td>
                  <Text fw={500}>{rule.name}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`assistantAdmin.handoff.kinds.${rule.condition.kind}`)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{teamName(rule.teamId)}</Text>
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t('admin.common.enabledNamed', { name: rule.name })}
                    checked={rule.enabled}
                    disabled={toggle.isPending}
                    onChange={() => toggle.mutate(rule)}
                  />
                </Table.Td>
                <Table.Td>
                  <EditDeleteActions
                    name={rule.name}
                    onEdit={() => onEdit(rule)}
                    deleteTitle={t('assistantAdmin.handoff.deleteTitle')}
                    deleteMessage={t('assistantAdmin.handoff.deleteBody', { name: rule.name })}
                    onDelete={async () => {
                      await assistantApi.handoffRules.remove(rule.id);
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
