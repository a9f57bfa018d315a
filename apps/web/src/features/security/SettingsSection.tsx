import { Box, Group, Paper, Stack, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';

interface SettingsSectionProps {
  title: string;
  aside?: ReactNode;
  children: ReactNode;
}

/** A titled card; the heading labels the region for screen readers. */
export function SettingsSection({ title, aside, children }: SettingsSectionProps) {
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
          {aside ? <Box style={{ flexShrink: 0 }}>{aside}</Box> : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
