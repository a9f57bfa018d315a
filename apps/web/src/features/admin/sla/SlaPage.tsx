import { Button, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BusinessCalendar, type SlaPolicy, slaAdminApi } from '../../../api/admin-config.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { useCurrentUser } from '../../auth/CurrentUserContext';
import { SettingsSection } from '../../security/SettingsSection';
import { calendarsQuery, policiesQuery, refreshAfterChange } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { EditDeleteActions } from '../ui/EditDeleteActions';
import { MoveButtons } from '../ui/MoveButtons';
import { QueryState } from '../ui/QueryState';
import { byPosition } from '../ui/reorder';
import { useReorder } from '../ui/useReorder';
import { CalendarFormModal } from './CalendarFormModal';
import { SlaPolicyFormModal } from './SlaPolicyFormModal';
import { useTargetText } from './useTargetText';

/** SLA policies in match order, and the business-hours calendars they measure time in. */
export function SlaPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const policies = useQuery({ ...policiesQuery, select: (items) => [...items].sort(byPosition) });
  const calendars = useQuery(calendarsQuery);
  const [policy, setPolicy] = useState<SlaPolicy | null | undefined>(undefined);
  const [calendar, setCalendar] = useState<BusinessCalendar | null | undefined>(undefined);

  return (
    <AdminPage
      title={t('admin.sla.title')}
      description={t('admin.sla.description')}
      actions={<Button onClick={() => setPolicy(null)}>{t('admin.sla.policy.create')}</Button>}
    >
      <QueryState query={policies} empty={t('admin.sla.policy.empty')}>
        {(items) => <PoliciesTable policies={items} calendars={calendars.data ?? []} onEdit={setPolicy} />}
      </QueryState>
      <SettingsSection
        title={t('admin.sla.calendar.title')}
        aside={
          <Button variant="default" onClick={() => setCalendar(null)}>
            {t('admin.sla.calendar.create')}
          </Button>
        }
      >
        <Text size="sm" c="dimmed">
          {t('admin.sla.calendar.hint')}
        </Text>
        <QueryState query={calendars} empty={t('admin.sla.calendar.empty')}>
          {(items) => <CalendarsTable calendars={items} onEdit={setCalendar} />}
        </QueryState>
      </SettingsSection>
      {policy !== undefined ? (
        <SlaPolicyFormModal
          key={policy?.id ?? 'new'}
          policy={policy}
          calendars={calendars.data ?? []}
          onClose={() => setPolicy(undefined)}
        />
      ) : null}
      {calendar !== undefined ? (
        <CalendarFormModal
          key={calendar?.id ?? 'new'}
          calendar={calendar}
          defaultZone={me.timezone}
          onClose={() => setCalendar(undefined)}
        />
      ) : null}
    </AdminPage>
  );
}

function PoliciesTable({
  policies,
  calendars,
  onEdit,
}: {
  policies: SlaPolicy[];
  calendars: BusinessCalendar[];
  onEdit: (p: SlaPolicy) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const targetText = useTargetText();
  const queryClient = useQueryClient();
  const refresh = () => refreshAfterChange(queryClient, 'sla');
  const reorder = useReorder<SlaPolicy>((id, position) => slaAdminApi.updatePolicy(id, { position }), refresh);
  const toggle = useMutation({
    mutationFn: (p: SlaPolicy) => slaAdminApi.updatePolicy(p.id, { enabled: !p.enabled }),
    onSettled: refresh,
  });
  const error = reorder.error ?? toggle.error;
  const calendarName = (id: string | null) => (id ? (calendars.find((c) => c.id === id)?.name ?? '—') : t('admin.sla.policy.allDay'));

  return (
    <Stack gap="xs">
      {error ? <FormAlert>{errorText.describe(error)}</FormAlert> : null}
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="sm" aria-label={t('admin.sla.policy.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.common.order')}</Table.Th>
              <Table.Th>{t('admin.sla.policy.name')}</Table.Th>
              <Table.Th>{t('admin.sla.policy.targets')}</Table.Th>
              <Table.Th>{t('admin.sla.policy.calendar')}</Table.Th>
              <Table.Th>{t('admin.common.enabled')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policies.map((p, index) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <MoveButtons
                    name={p.name}
                    first={index === 0}
                    last={index === policies.length - 1}
                    disabled={reorder.isPending}
                    onMove={(delta) => reorder.move(policies, index, delta)}
                  />
                </Table.Td>
                <Table.Td>
                  <Text fw={500}>{p.name}</Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {targetText(p).map((line) => (
                      <Text key={line} size="sm">
                        {line}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>{calendarName(p.calendarId)}</Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t('admin.common.enabledNamed', { name: p.name })}
                    checked={p.enabled}
                    disabled={toggle.isPending}
                    onChange={() => toggle.mutate(p)}
                  />
                </Table.Td>
                <Table.Td>
                  <EditDeleteActions
                    name={p.name}
                    onEdit={() => onEdit(p)}
                    deleteTitle={t('admin.sla.policy.deleteTitle')}
                    deleteMessage={t('admin.sla.policy.deleteBody', { name: p.name })}
                    onDelete={async () => {
                      await slaAdminApi.removePolicy(p.id);
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

function CalendarsTable({ calendars, onEdit }: { calendars: BusinessCalendar[]; onEdit: (c: BusinessCalendar) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing="sm" aria-label={t('admin.sla.calendar.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.sla.calendar.name')}</Table.Th>
            <Table.Th>{t('admin.common.timezone')}</Table.Th>
            <Table.Th>{t('admin.sla.calendar.summary')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('admin.common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {calendars.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text fw={500}>{c.name}</Text>
              </Table.Td>
              <Table.Td>{c.timezone}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t('admin.sla.calendar.counts', { days: new Set(c.hours.map((h) => h.weekday)).size, holidays: c.holidays.length })}
                </Text>
              </Table.Td>
              <Table.Td>
                <EditDeleteActions
                  name={c.name}
                  onEdit={() => onEdit(c)}
                  deleteTitle={t('admin.sla.calendar.deleteTitle')}
                  deleteMessage={t('admin.sla.calendar.deleteBody', { name: c.name })}
                  onDelete={async () => {
                    await slaAdminApi.removeCalendar(c.id);
                    await refreshAfterChange(queryClient, 'sla');
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
