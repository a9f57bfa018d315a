import { Button, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RoutingRule, routingAdminApi } from '../../../api/admin-config.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { useFormat } from '../../../i18n/format';
import { adminTeamsQuery, refreshAfterChange, rulesQuery } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { EditDeleteActions } from '../ui/EditDeleteActions';
import { MoveButtons } from '../ui/MoveButtons';
import { QueryState } from '../ui/QueryState';
import { byPosition } from '../ui/reorder';
import { useReorder } from '../ui/useReorder';
import { RoutingRuleFormModal } from './RoutingRuleFormModal';

/** Routing rules in evaluation order: the first enabled rule whose conditions all hold decides. */
export function RoutingRulesPage() {
  const { t } = useTranslation();
  const rules = useQuery({ ...rulesQuery, select: (items) => [...items].sort(byPosition) });
  const [editing, setEditing] = useState<RoutingRule | null | undefined>(undefined);
  const last = rules.data?.at(-1);
  return (
    <AdminPage
      title={t('admin.routing.title')}
      description={t('admin.routing.description')}
      actions={<Button onClick={() => setEditing(null)}>{t('admin.routing.create')}</Button>}
    >
      <QueryState query={rules} empty={t('admin.routing.empty')}>
        {(items) => <RulesTable rules={items} onEdit={setEditing} />}
      </QueryState>
      {editing !== undefined ? (
        <RoutingRuleFormModal
          key={editing?.id ?? 'new'}
          rule={editing}
          nextPosition={last ? last.position + 1 : 0}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </AdminPage>
  );
}

function RulesTable({ rules, onEdit }: { rules: RoutingRule[]; onEdit: (rule: RoutingRule) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const teams = useQuery(adminTeamsQuery);
  const refresh = () => refreshAfterChange(queryClient, 'rules');
  const reorder = useReorder<RoutingRule>((id, position) => routingAdminApi.update(id, { position }), refresh);
  const toggle = useMutation({
    mutationFn: (rule: RoutingRule) => routingAdminApi.update(rule.id, { enabled: !rule.enabled }),
    onSettled: refresh,
  });
  const error = reorder.error ?? toggle.error;
  const teamName = (id: string | null) => (id ? (teams.data?.find((team) => team.id === id)?.name ?? '—') : null);

  const outcome = (rule: RoutingRule) => {
    const parts: string[] = [];
    const team = teamName(rule.action.teamId);
    if (team) parts.push(t('admin.routing.toTeam', { team }));
    if (rule.action.skills.length) {
      const skills = rule.action.skills.map((s) => t('admin.teams.skillWithLevel', { skill: s.skill, level: s.minLevel }));
      parts.push(t('admin.routing.withSkills', { skills: format.list(skills) }));
    }
    return parts.join(' · ');
  };

  return (
    <Stack gap="xs">
      {error ? <FormAlert>{errorText.describe(error)}</FormAlert> : null}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" aria-label={t('admin.routing.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.common.order')}</Table.Th>
              <Table.Th>{t('admin.routing.name')}</Table.Th>
              <Table.Th>{t('admin.routing.then')}</Table.Th>
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
                  <Text size="sm" c="dimmed">
                    {rule.conditions.length
                      ? t('admin.routing.conditionCount', { count: rule.conditions.length })
                      : t('admin.routing.matchesAll')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{outcome(rule)}</Text>
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
                    deleteTitle={t('admin.routing.deleteTitle')}
                    deleteMessage={t('admin.routing.deleteBody', { name: rule.name })}
                    onDelete={async () => {
                      await routingAdminApi.remove(rule.id);
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
