import { Anchor, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A row of secondary links under an auth form. */
export function AuthLinks({ children }: { children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" mt="lg" component="nav">
      {children}
    </Group>
  );
}

export function AuthLink({ to, children, prefix }: { to: string; children: ReactNode; prefix?: string }) {
  return (
    <Text size="sm">
      {prefix ? `${prefix} ` : null}
      <Anchor component={Link} to={to}>
        {children}
      </Anchor>
    </Text>
  );
}
