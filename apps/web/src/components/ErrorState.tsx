import { Button, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface ErrorStateProps {
  title: string;
  message: string;
  action?: ReactNode;
  onRetry?: () => void;
  retryLabel?: string;
}

export function ErrorState({ title, message, action, onRetry, retryLabel }: ErrorStateProps) {
  return (
    <Stack gap="sm" align="flex-start" role="alert">
      <Title order={2} size="h3">
        {title}
      </Title>
      <Text c="dimmed">{message}</Text>
      {onRetry && retryLabel ? <Button onClick={onRetry}>{retryLabel}</Button> : null}
      {action}
    </Stack>
  );
}
