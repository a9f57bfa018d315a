import { Box, Button, CloseButton, FileButton, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { type DragEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/errorMessages';
import { useFormat } from '../../i18n/format';
import type { AttachmentUploads } from './useAttachmentUploads';

/** "Attach files" button plus the list of uploads with their progress, errors and a remove button. */
export function AttachmentPicker({ uploads, disabled }: { uploads: AttachmentUploads; disabled?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  return (
    <Stack gap={6}>
      {uploads.uploads.length ? (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('attachments.list')}>
          {uploads.uploads.map((upload) => (
            <Group key={upload.key} component="li" gap="xs" wrap="nowrap">
              {upload.state === 'uploading' ? <Loader size={14} aria-label={t('attachments.uploading', { name: upload.name })} /> : null}
              <Text size="sm" truncate="end" c={upload.state === 'error' ? 'red' : undefined}>
                {upload.name} · {format.fileSize(upload.size)}
              </Text>
              {upload.state === 'error' ? (
                <Text size="sm" c="red" role="alert">
                  {errorText.describe(upload.error)}
                </Text>
              ) : null}
              <CloseButton
                size="sm"
                aria-label={t('attachments.remove', { name: upload.name })}
                onClick={() => uploads.remove(upload.key)}
              />
            </Group>
          ))}
        </Stack>
      ) : null}
      <Group gap="xs">
        <FileButton onChange={(files) => uploads.add(files)} multiple disabled={disabled}>
          {(props) => (
            <Button {...props} variant="default" size="xs" disabled={disabled}>
              {t('attachments.add')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('attachments.dropHint')}
        </Text>
      </Group>
    </Stack>
  );
}

/** Wraps a form area so files dropped anywhere on it are uploaded; outlines itself while dragging. */
export function DropZone({ onFiles, children }: { onFiles: (files: File[]) => void; children: ReactNode }) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  return (
    <Box
      pos="relative"
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        onFiles(Array.from(event.dataTransfer.files));
      }}
    >
      {children}
      {dragging ? (
        <Paper
          pos="absolute"
          inset={0}
          withBorder
          bg="var(--mantine-color-blue-light)"
          style={{ borderStyle: 'dashed', borderWidth: 2, display: 'grid', placeItems: 'center', pointerEvents: 'none' }}
        >
          <Text fw={600}>{t('attachments.dropHere')}</Text>
        </Paper>
      ) : null}
    </Box>
  );
}
