import type { ChatAttachment } from '@switchboard/contracts';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useFrame } from '../context.js';

/** Attachment URLs need the visitor's bearer token, so files are fetched and shown from blob URLs. */
export function Attachment({ file }: { file: ChatAttachment }): JSX.Element {
  const { ctl, t } = useFrame();
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!file.previewable) return;
    let objectUrl: string | null = null;
    let alive = true;
    ctl.api.download(file.url).then(
      (blob) => {
        if (!alive) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      () => {},
    );
    return () => {
      alive = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [file.url, file.previewable, ctl]);

  const download = async (e: Event) => {
    e.preventDefault();
    try {
      const href = url ?? URL.createObjectURL(await ctl.api.download(file.url));
      const a = document.createElement('a');
      a.href = href;
      a.download = file.filename;
      a.click();
      if (href !== url) setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (err) {
      ctl.showError(err);
    }
  };

  return (
    <div class="file">
      {file.previewable && url ? <img src={url} alt={file.filename} /> : null}
      <a href={file.url} download={file.filename} onClick={download} aria-label={t('file.download', { name: file.filename })}>
        {file.filename}
      </a>
    </div>
  );
}
