import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

interface FormAlertProps {
  children: ReactNode;
  color?: 'red' | 'green' | 'blue' | 'yellow';
  title?: string;
}

/** A status message announced to screen readers (errors interrupt, others wait). */
export function FormAlert({ children, color = 'red', title }: FormAlertProps) {
  return (
    <Alert color={color} title={title} role={color === 'red' ? 'alert' : 'status'} variant="light">
      {children}
    </Alert>
  );
}
