import { useCallback, useMemo, useState } from 'react';
import type { Attachment } from '../../api/types';
import { attachmentsApi } from '../../api/workspace.api';

export interface Upload {
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'error';
  attachment?: Attachment;
  error?: unknown;
}

let nextKey = 0;

/**
 * Files picked or dropped are uploaded at once (POST /attachments); the message or ticket then
 * refers to them by id. Removing a finished upload discards it on the server too.
 */
export function useAttachmentUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);

  const patch = useCallback((key: string, change: Partial<Upload>) => {
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  }, []);

  const add = useCallback(
    (files: readonly File[]) => {
      for (const file of files) {
        nextKey += 1;
        const key = `upload-${nextKey}`;
        setUploads((current) => [...current, { key, name: file.name, size: file.size, state: 'uploading' }]);
        attachmentsApi.upload(file).then(
          (attachment) => patch(key, { state: 'done', attachment }),
          (error: unknown) => patch(key, { state: 'error', error }),
        );
      }
    },
    [patch],
  );

  const remove = useCallback((key: string) => {
    setUploads((current) => {
      const upload = current.find((candidate) => candidate.key === key);
      // Best effort: an orphaned staged upload is cleaned up by the server after a day anyway.
      if (upload?.attachment) attachmentsApi.discard(upload.attachment.id).catch(() => undefined);
      return current.filter((candidate) => candidate.key !== key);
    });
  }, []);

  const reset = useCallback(() => setUploads([]), []);

  return useMemo(
    () => ({
      uploads,
      add,
      remove,
      reset,
      ids: uploads.flatMap((upload) => (upload.attachment ? [upload.attachment.id] : [])),
      busy: uploads.some((upload) => upload.state === 'uploading'),
    }),
    [uploads, add, remove, reset],
  );
}

export type AttachmentUploads = ReturnType<typeof useAttachmentUploads>;
