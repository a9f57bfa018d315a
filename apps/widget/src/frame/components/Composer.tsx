import type { ChatAttachment } from '@switchboard/contracts';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useFrame } from '../context.js';
import { EmojiPicker } from './EmojiPicker.js';
import { PendingFiles, useUploads } from './uploads.js';

/** Message box with emoji, file uploads (previewed before sending) and the typing signal. */
export function Composer(): JSX.Element {
  const { ctl, view, t } = useFrame();
  const [text, setText] = useState('');
  const { files, pick, remove, clear } = useUploads();
  const [emoji, setEmoji] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const config = view.config;
  const max = config?.maxMessageLength ?? 2000;
  const over = text.length - max;
  const uploading = files.some((f) => !f.attachment);
  const ready = files.filter((f) => f.attachment);
  const canSend = (text.trim() !== '' || ready.length > 0) && over <= 0 && !uploading;

  useEffect(() => {
    if (view.open) box.current?.focus();
  }, [view.open]);

  const send = () => {
    if (!canSend) return;
    void ctl.send(
      text.trim(),
      ready.map((f) => f.attachment as ChatAttachment),
    );
    clear();
    setText('');
    box.current?.focus();
  };

  const insert = (value: string) => {
    const el = box.current;
    const at = el?.selectionStart ?? text.length;
    setText(text.slice(0, at) + value + text.slice(el?.selectionEnd ?? at));
    setEmoji(false);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + value.length, at + value.length);
    });
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <PendingFiles files={files} onRemove={remove} />
      {emoji ? (
        <EmojiPicker
          onPick={insert}
          onClose={() => {
            setEmoji(false);
            picker.current?.focus();
          }}
        />
      ) : null}
      <label for="composer-text" class="sr">
        {t('composer.label')}
      </label>
      <textarea
        id="composer-text"
        ref={box}
        rows={1}
        value={text}
        placeholder={t('composer.placeholder')}
        aria-invalid={over > 0 ? true : undefined}
        aria-describedby={over > 0 ? 'composer-over' : undefined}
        onInput={(e) => {
          setText(e.currentTarget.value);
          ctl.typing();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      {over > 0 ? (
        <p id="composer-over" class="field-error" role="alert">
          {t('composer.tooLong', { count: over })}
        </p>
      ) : null}
      <div class="tools">
        <button
          type="button"
          ref={picker}
          class="icon"
          aria-label={t('composer.emoji')}
          aria-expanded={emoji}
          onClick={() => setEmoji(!emoji)}
        >
          🙂
        </button>
        {config?.attachments.enabled && view.session ? (
          <>
            <button type="button" class="icon" aria-label={t('composer.attach')} onClick={() => input.current?.click()}>
              📎
            </button>
            <input
              ref={input}
              type="file"
              hidden
              multiple
              accept={config.attachments.types.join(',')}
              onChange={(e) => {
                // Copy before clearing, so choosing the same file again still fires a change.
                const picked = Array.from(e.currentTarget.files ?? []);
                e.currentTarget.value = '';
                void pick(picked);
              }}
            />
          </>
        ) : null}
        <button type="submit" class="primary send" disabled={!canSend}>
          {t('composer.send')}
        </button>
      </div>
    </form>
  );
}
