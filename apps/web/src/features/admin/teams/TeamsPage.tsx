import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAgent, type AdminTeam, teamsAdminApi } from '../../../api/admin-people.api';
import { useFormat } from '../../../i18n/format';
import { SettingsSection } from '../../security/SettingsSection';
import { adminAgentsQuery, adminTeamsQuery, refreshAfterChange } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { EditDeleteActions } from '../ui/EditDeleteActions';
import { QueryState } from '../ui/QueryState';
import { AgentFormModal } from './AgentFormModal';
import { TeamFormModal } from './TeamFormModal';

/** Teams with their routing strategy and members; agents with capacity and skills. */
export function TeamsPage() {
  const { t } = useTranslation();
  const teams = useQuery(adminTeamsQuery);
  const agents = useQuery(adminAgentsQuery);
  const [editing, setEditing] = useState<AdminTeam | null | undefined>(undefined);
  const [agent, setAgent] = useState<AdminAgent | null>(null);
  const knownSkills = [...new Set((agents.data ?? []).flatMap((a) => Object.keys(a.skills)))].sort();

  return (
    <AdminPage
      title={t('admin.teams.title')}
      description={t('admin.teams.description')}
      actions={<Button onClick={() => setEditing(null)}>{t('admin.teams.create')}</Button>}
    >
      <QueryState query={teams} empty={t('admin.teams.empty')}>
        {(items) => <TeamsTable teams={items} agents={agents.data ?? []} onEdit={setEditing} />}
      </QueryState>
      <SettingsSection title={t('admin.teams.agents')}>
        <Text size="sm" c="dimmed">
          {t('admin.teams.agentsHint')}
        </Text>
        <QueryState query={agents} empty={t('admin.teams.noAgents')}>
          {(items) => <AgentsTable agents={items} teams={teams.data ?? []} onEdit={setAgent} />}
        </QueryState>
      </SettingsSection>
      {editing !== undefined ? <TeamFormModal key={editing?.id ?? 'new'} team={editing} onClose={() => setEditing(undefined)} /> : null}
      {agent ? <AgentFormModal key={agent.id} agent={agent} knownSkills={knownSkills} onClose={() => setAgent(null)} /> : null}
    </AdminPage>
  );
}

function TeamsTable({ teams, agents, onEdit }: { teams: AdminTeam[]; agents: AdminAgent[]; onEdit: (team: AdminTeam) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const nameOf = (id: string) => agents.find((a) => a.id === id)?.name;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" aria-label={t('admin.teams.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.teams.name')}</Table.Th>
            <Table.Th>{t('admin.teams.strategy')}</Table.Th>
            <Table.Th>{t('admin.teams.members')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.map((team) => {
            const names = team.memberIds.map(nameOf).filter((name): name is string => Boolean(name));
            return (
              <Table.Tr key={team.id}>
                <Table.Td>
                  <Text fw={500}>{team.name}</Text>
                  {team.description ? (
                    <Text size="sm" c="dimmed" lineClamp={2}>
                      {team.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Text size="sm">{t(`admin.teams.strategies.${team.strategy}`)}</Text>
                    {team.onlyOnline ? (
                      <Badge size="sm" variant="light">
                        {t('admin.teams.onlineOnlyBadge')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{names.length ? format.list(names) : t('admin.teams.noMembers')}</Text>
                </Table.Td>
                <Table.Td>
                  <EditDeleteActions
                    name={team.name}
                    onEdit={() => onEdit(team)}
                    deleteTitle={t('admin.teams.deleteTitle')}
                    deleteMessage={t('admin.teams.deleteBody', { name: team.name })}
                    onDelete={async () => {
                      await teamsAdminApi.remove(team.id);
                      await refreshAfterChange(queryClient, 'teams');
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AgentsTable({ agents, teams, onEdit }: { agents: AdminAgent[]; teams: AdminTeam[]; onEdit: (agent: AdminAgent) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const teamName = (id: string) => teams.find((team) => team.id === id)?.name;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" aria-label={t('admin.teams.agents')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.teams.agent')}</Table.Th>
            <Table.Th>{t('availability.label')}</Table.Th>
            <Table.Th>{t('admin.teams.capacity')}</Table.Th>
            <Table.Th>{t('admin.teams.skills')}</Table.Th>
            <Table.Th>{t('admin.teams.teamsColumn')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((agent) => {
            const skills = Object.entries(agent.skills).map(([skill, level]) => t('admin.teams.skillWithLevel', { skill, level }));
            const teamNames = agent.teamIds.map(teamName).filter((name): name is string => Boolean(name));
            return (
              <Table.Tr key={agent.id}>
                <Table.Td>
                  <Text fw={500}>{agent.name}</Text>
                  <Text size="sm" c="dimmed">
                    {t('admin.teams.openCount', { count: agent.openCount })}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`availability.${agent.availability}`)}</Table.Td>
                <Table.Td>{agent.capacity === null ? t('admin.teams.unlimited') : format.number(agent.capacity)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{skills.length ? format.list(skills) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{teamNames.length ? format.list(teamNames) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={t('admin.common.editNamed', { name: agent.name })}
                    onClick={() => onEdit(agent)}
                  >
                    {t('admin.common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
