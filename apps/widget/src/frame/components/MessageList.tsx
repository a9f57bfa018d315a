import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useFrame } from '../context.js';
import type { MessageKey } from '../i18n/index.js';
import { statusOf, type UiMessage } from '../state/messages.js';
import { Attachment } from './Attachment.js';

const AUTHOR: Record<UiMessage['author']['kind'], MessageKey> = {
  visitor: 'author.you',
  agent: 'author.agent',
  bot: 'author.bot',
  system: 'author.system',
};

function time(iso: string, locale: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

function Bubble({ m, last }: { m: UiMessage; last: boolean }): JSX.Element {
  const { ctl, view, t } = useFrame();
  const status = statusOf(m, view.messages.cursors);
  const who = m.mine ? t('author.you') : (m.author.name ?? t(AUTHOR[m.author.kind]));
  return (
    <li class={`msg ${m.mine ? 'mine' : 'theirs'} ${m.author.kind}`} data-status={status ?? undefined}>
      {!m.mine && m.author.avatarUrl ? <img class="avatar small" src={m.author.avatarUrl} alt="" /> : null}
      <div class="body">
        <span class="sr">{who}: </span>
        {m.mine ? null : (
          <span class="who" aria-hidden="true">
            {who}
          </span>
        )}
        {m.text ? <p class="text">{m.text}</p> : null}
        {m.attachments.map((a) => (
          <Attachment key={a.id} file={a} />
        ))}
        <span class="meta">
          {time(m.createdAt, view.locale)}
          {status ? <span class={`status ${status}`}> · {t(`status.${status}`)}</span> : null}
          {status === 'failed' && m.clientId ? (
            <>
              {m.error ? (
                <span class="why"> · {t(`error.${m.error.code}` as MessageKey, { seconds: m.error.retryAfterSeconds ?? 1 })}</span>
              ) : null}
              <button type="button" class="link" onClick={() => m.clientId && ctl.retry(m.clientId)}>
                {t('status.retry')}
              </button>
            </>
          ) : null}
        </span>
        {last && m.quickReplies.length > 0 && view.session?.state !== 'ended' ? (
          <div class="quick">
            {m.quickReplies.map((q) => (
              <button key={q} type="button" onClick={() => void ctl.send(q)}>
                {q}
              </button>
            ))}
          </div>
        ) : null}
      </div>
    </li>
  );
}

/** The conversation, announced politely to screen readers as messages arrive; keeps the newest in view. */
export function MessageList(): JSX.Element {
  const { view, t } = useFrame();
  const end = useRef<HTMLDivElement>(null);
  const items = view.messages.items;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [items.length, view.typing]);
  return (
    <div class="scroll">
      <ol class="log" role="log" aria-live="polite" aria-label={t('log.label')}>
        {items.map((m, i) => (
          <Bubble key={m.key} m={m} last={i === items.length - 1} />
        ))}
      </ol>
      {view.typing ? (
        <p class="typing" role="status">
          <span class="dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {view.typing.name ? t('typing.agent', { name: view.typing.name }) : t('typing.someone')}
        </p>
      ) : null}
      <div ref={end} />
    </div>
  );
}
