import type { ChatAttachment } from '@switchboard/contracts';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ChatError } from '../api.js';
import { useFrame } from '../context.js';
import { newId } from '../ids.js';

export interface PendingFile {
  id: string;
  file: File;
  /** A local blob URL for images, shown before the upload finishes. */
  preview: string | null;
  /** Set once the server stored it. */
  attachment: ChatAttachment | null;
}

/** `image/*` style wildcards, as the channel config lists accepted types. */
export function typeAllowed(type: string, accepted: readonly string[]): boolean {
  return accepted.length === 0 || accepted.some((a) => a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1))));
}

/** Files picked for the next message: checked against the channel's limits, uploaded at once. */
export function useUploads() {
  const { ctl, view } = useFrame();
  const [files, setFiles] = useState<PendingFile[]>([]);

  const remove = (id: string) =>
    setFiles((list) => {
      const gone = list.find((f) => f.id === id);
      if (gone?.preview) URL.revokeObjectURL(gone.preview);
      return list.filter((f) => f.id !== id);
    });

  const pick = async (list: readonly File[]) => {
    const limits = view.config?.attachments;
    for (const file of list) {
      if (!limits?.enabled) return ctl.showError(new ChatError('chat.attachments_disabled'));
      if (file.size > limits.maxBytes) return ctl.showError(new ChatError('attachment.too_large'));
      if (!typeAllowed(file.type, limits.types)) return ctl.showError(new ChatError('attachment.type_not_allowed'));
      const id = newId();
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      setFiles((fs) => [...fs, { id, file, preview, attachment: null }]);
      try {
        const attachment = await ctl.upload(file);
        setFiles((fs) => fs.map((f) => (f.id === id ? { ...f, attachment } : f)));
      } catch (err) {
        remove(id);
        ctl.showError(err);
      }
    }
  };

  /** After sending: the files now belong to the message (their previews are no longer needed). */
  const clear = () =>
    setFiles((list) => {
      for (const f of list) if (f.preview) URL.revokeObjectURL(f.preview);
      return [];
    });

  return { files, pick, remove, clear };
}

/** Thumbnails (or names) of the picked files, each removable, marked busy while uploading. */
export function PendingFiles({ files, onRemove }: { files: PendingFile[]; onRemove: (id: string) => void }): JSX.Element | null {
  const { t } = useFrame();
  if (files.length === 0) return null;
  return (
    <ul class="pending">
      {files.map((f) => (
        <li key={f.id} aria-busy={!f.attachment}>
          {f.preview ? <img src={f.preview} alt={t('file.preview', { name: f.file.name })} /> : <span class="fname">{f.file.name}</span>}
          {f.attachment ? null : <span class="sr">{t('composer.uploading', { name: f.file.name })}</span>}
          <button type="button" class="x" aria-label={t('composer.remove', { name: f.file.name })} onClick={() => onRemove(f.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
