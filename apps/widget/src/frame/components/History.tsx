import type { ChatMessage } from '@switchboard/contracts';
import type { JSX } from 'preact';
import type { HistoryItem } from '../api.js';
import { useFrame } from '../context.js';

function day(iso: string, locale: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** One line of the list: what it was about, when, with whom, and whether it is still open. */
function Row({ item }: { item: HistoryItem }): JSX.Element {
  const { ctl, view, t } = useFrame();
  return (
    <li>
      <button type="button" class="hist-item" onClick={() => void ctl.history.read(item)}>
        <span class="hist-preview">{item.preview || t('history.transcript', { number: item.ticketNumber })}</span>
        <span class="meta">
          {day(item.startedAt, view.locale)}
          {item.agent ? ` · ${t('history.with', { name: item.agent.name })}` : ''}
          {` · ${t(item.state === 'ended' ? 'history.ended' : 'history.live')}`}
        </span>
      </button>
    </li>
  );
}

function Line({ m }: { m: ChatMessage }): JSX.Element {
  const { t } = useFrame();
  const mine = m.author.kind === 'visitor';
  const who = mine ? t('author.you') : (m.author.name ?? t(m.author.kind === 'bot' ? 'author.bot' : 'author.agent'));
  return (
    <li class={`msg ${mine ? 'mine' : 'theirs'}`}>
      <div class="body">
        <span class="who">{who}</span>
        {m.text ? <p class="text">{m.text}</p> : null}
        {m.attachments.map((a) => (
          <p key={a.id} class="meta">
            📎 {a.filename}
          </p>
        ))}
      </div>
    </li>
  );
}

function Transcript({ item, messages }: { item: HistoryItem; messages: ChatMessage[] | null }): JSX.Element {
  const { ctl, t } = useFrame();
  const title = t('history.transcript', { number: item.ticketNumber });
  return (
    <section class="history" aria-labelledby="hist-t">
      <div class="pad hist-bar">
        <button type="button" class="link" onClick={() => ctl.history.list()}>
          ← {t('history.list')}
        </button>
        <h2 id="hist-t">{title}</h2>
        <p class="meta">{t('history.readOnly')}</p>
      </div>
      <div class="scroll">
        {messages ? (
          <ol class="log" aria-label={title}>
            {messages.map((m) => (
              <Line key={m.id} m={m} />
            ))}
          </ol>
        ) : (
          <p class="pad muted" aria-busy="true">
            {t('history.loading')}
          </p>
        )}
      </div>
    </section>
  );
}

/** The returning visitor's conversations, newest first; each opens as a read-only transcript. */
export function History(): JSX.Element {
  const { ctl, view, t } = useFrame();
  const history = view.history;
  if (history?.reading) return <Transcript item={history.reading.item} messages={history.reading.messages} />;
  const items = history?.items ?? null;
  return (
    <section class="pad history" aria-labelledby="hist-h">
      <h2 id="hist-h">{t('history.title')}</h2>
      {items === null ? (
        <p class="muted" aria-busy="true">
          {t('history.loading')}
        </p>
      ) : items.length ? (
        <ul class="hist-list">
          {items.map((item) => (
            <Row key={item.id} item={item} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t('history.empty')}</p>
      )}
      <div class="hist-actions">
        {ctl.history.canStartNew() ? (
          <button type="button" class="primary" onClick={() => ctl.history.startNew()}>
            {t('history.new')}
          </button>
        ) : null}
        <button type="button" onClick={() => ctl.history.close()}>
          {t('history.back')}
        </button>
      </div>
    </section>
  );
}
