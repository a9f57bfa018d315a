import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from '../i18n/i18n';

interface State {
  failed: boolean;
}

/** Last line of defence, e.g. a lazy chunk that no longer exists after a deploy. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for the browser devtools; there is no client error reporting yet.
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Container size="sm" py="xl">
        <Stack gap="sm" align="flex-start" role="alert">
          <Title order={1} size="h2">
            {i18n.t('fatal.title')}
          </Title>
          <Text c="dimmed">{i18n.t('fatal.body')}</Text>
          <Button onClick={() => window.location.reload()}>{i18n.t('fatal.reload')}</Button>
        </Stack>
      </Container>
    );
  }
}
