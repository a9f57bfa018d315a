import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent, Availability } from '../../api/types';
import { workspaceApi } from '../../api/workspace.api';
import { useErrorText } from '../../i18n/errorMessages';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { agentsQuery } from '../tickets/ticketQueries';

const AVAILABILITIES: readonly Availability[] = ['online', 'away', 'offline'];

/** Online / away / offline: routing only hands tickets to agents who are available. */
export function AvailabilityToggle() {
  const { t } = useTranslation();
  const labelId = useId();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const agents = useQuery(agentsQuery);
  const mine = agents.data?.find((agent) => agent.id === me.id);
  const change = useMutation({
    mutationFn: workspaceApi.setAvailability,
    onSuccess: (agent) => {
      queryClient.setQueryData<Agent[]>(agentsQuery.queryKey, (list) => list?.map((a) => (a.id === agent.id ? agent : a)));
    },
  });
  const value = change.isPending ? change.variables : (mine?.availability ?? 'offline');

  return (
    <Stack gap={4}>
      <Text id={labelId} size="xs" fw={700} c="dimmed" tt="uppercase">
        {t('availability.label')}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        size="xs"
        fullWidth
        disabled={!mine}
        value={value}
        onChange={(next) => change.mutate(next as Availability)}
        data={AVAILABILITIES.map((availability) => ({ value: availability, label: t(`availability.${availability}`) }))}
      />
      {change.isError ? (
        <Text size="xs" c="red" role="alert">
          {errorText.describe(change.error)}
        </Text>
      ) : null}
    </Stack>
  );
}
